/**
 * Services proposed from a scan: one per Compose service that reads .env files (its folder,
 * env files, compose file, URLs from its ports), plus one per other folder holding .env files
 * (a natively run service). Pure.
 */
import { toName, type ServiceInput } from './draft.js';
import { baseOf, dirOf, joinRel, orderEnvFiles, relativeTo, type ProjectScan, type ScannedComposeService } from './project-scan.js';

export interface ProposedService {
  name: string;
  /** Folder relative to the scanned root ('' = the root). */
  dir: string;
  /** Env files relative to the root, precedence order. */
  envFiles: string[];
  compose?: ScannedComposeService;
  input: ServiceInput;
  comment: string;
}

function serviceDirFor(svc: ScannedComposeService, envDirs: Set<string>): string {
  const envFileDirs = new Set(svc.envFiles.map(dirOf));
  if (svc.buildContext !== undefined && (envFileDirs.has(svc.buildContext) || (envFileDirs.size === 0 && envDirs.has(svc.buildContext)))) return svc.buildContext;
  if (envFileDirs.size === 1) return [...envFileDirs][0] as string;
  return dirOf(svc.composeFile);
}

function urlsFor(svc: ScannedComposeService): ServiceInput['urls'] {
  const port = svc.ports[0];
  if (!port) return undefined;
  const urls: { docker?: string; native?: string } = { docker: `http://${svc.name}:${port.containerPort}` };
  if (port.hostPort !== undefined) urls.native = `http://localhost:${port.hostPort}`;
  return urls;
}

function uniqueName(wanted: string, taken: Set<string>, qualifier: string): string {
  let name = wanted;
  if (taken.has(name)) name = toName(`${qualifier}-${wanted}`, wanted);
  for (let i = 2; taken.has(name); i++) name = `${wanted}-${i}`;
  taken.add(name);
  return name;
}

export function proposeServices(scan: ProjectScan, projectName: string): ProposedService[] {
  const byDir = new Map<string, string[]>();
  for (const f of scan.envFiles) byDir.set(f.dir, [...(byDir.get(f.dir) ?? []), f.name]);
  const envDirs = new Set(byDir.keys());
  const claimed = new Set<string>();
  const taken = new Set<string>();
  const out: ProposedService[] = [];

  for (const svc of scan.composeServices) {
    if (svc.envFiles.length === 0) continue; // environment: only — nothing for Keyhive to keep in sync
    const dir = serviceDirFor(svc, envDirs);
    const inDir = (byDir.get(dir) ?? []).map((n) => joinRel(dir, n));
    // Compose's own env files first, then a .env.local in the folder (it wins for native dev).
    const files = [...svc.envFiles];
    const local = joinRel(dir, '.env.local');
    if (inDir.includes(local) && !files.includes(local)) files.push(local);
    for (const f of files) claimed.add(f);
    const name = uniqueName(toName(svc.name, 'service'), taken, baseOf(dir) || projectName);
    const input: ServiceInput = {
      dir: dir === '' ? '.' : dir,
      envFiles: files.map((f) => relativeTo(dir, f)),
      docker: { composeFile: relativeTo(dir, svc.composeFile), service: svc.name, ...(svc.project ? { project: svc.project } : {}) },
    };
    const urls = urlsFor(svc);
    if (urls) input.urls = urls;
    out.push({
      name,
      dir,
      envFiles: files,
      compose: svc,
      input,
      comment: `Compose service "${svc.name}" in ${svc.composeFile}${svc.overrides.length ? ` (+ ${svc.overrides.join(', ')})` : ''}.`,
    });
  }

  for (const [dir, names] of [...byDir.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const files = orderEnvFiles(names.filter((n) => !claimed.has(joinRel(dir, n))));
    if (files.length === 0) continue;
    if (files.length !== names.length) continue; // the folder belongs to a Compose service already
    const name = uniqueName(toName(baseOf(dir) || projectName, 'app'), taken, 'native');
    out.push({
      name,
      dir,
      envFiles: files.map((f) => joinRel(dir, f)),
      input: { dir: dir === '' ? '.' : dir, envFiles: files },
      comment: `Found ${files.join(', ')} in ${dir === '' ? 'the project folder' : `${dir}/`} (no Compose service reads them): add native.command to let Keyhive restart it.`,
    });
  }
  return out;
}
