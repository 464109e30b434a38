/**
 * How a preset finds its services in the scanned folder: by the conventional folder name
 * (`hivecfm-hub`), a looser name match, or a variable only that service has — falling back to
 * the conventional name when nothing matches. Pure.
 */
import { toName, type ServiceInput } from '../draft.js';
import { baseOf, relativeTo, type ProjectScan, type ScannedComposeService } from '../project-scan.js';

export interface FoundService {
  /** Folder relative to the root ('' = root). */
  dir: string;
  /** True when the folder exists in the scan (else the conventional name is proposed). */
  found: boolean;
  compose?: ScannedComposeService;
}

export interface ServiceHint {
  conventional: string;
  pattern: RegExp;
  /** A variable that identifies the service (e.g. ADMIN_API_KEY for Hogsend). */
  hasVar?: string;
  /** Compose service name pattern. */
  composeName?: RegExp;
}

function varsIn(scan: ProjectScan, dir: string): Set<string> {
  return new Set(scan.envFiles.filter((f) => f.dir === dir).flatMap((f) => f.vars.map((v) => v.name)));
}

export function findService(scan: ProjectScan, hint: ServiceHint): FoundService {
  const dirs = scan.dirs.filter((d) => d !== '');
  const dir =
    dirs.find((d) => baseOf(d) === hint.conventional) ??
    dirs.find((d) => hint.pattern.test(baseOf(d))) ??
    (hint.hasVar ? scan.dirs.find((d) => varsIn(scan, d).has(hint.hasVar as string)) : undefined);
  if (dir === undefined) return { dir: hint.conventional, found: false };
  const compose =
    scan.composeServices.find((c) => c.buildContext === dir || c.envFiles.some((f) => f.startsWith(`${dir}/`))) ??
    scan.composeServices.find((c) => hint.composeName?.test(c.name) && c.composeFile.startsWith(dir === '' ? '' : `${dir}/`));
  return compose ? { dir, found: true, compose } : { dir, found: true };
}

/** The docker: section for a found service, or the conventional one when its folder is not there yet. */
export function dockerFor(found: FoundService, conventionalService: string): ServiceInput['docker'] {
  if (found.compose) {
    return { composeFile: relativeTo(found.dir, found.compose.composeFile), service: found.compose.name, ...(found.compose.project ? { project: found.compose.project } : {}) };
  }
  return found.found ? undefined : { composeFile: 'compose.yaml', service: conventionalService };
}

/** Services other than `exclude` that have a variable matching `pattern`, with that variable. */
export function clientsWith(scan: ProjectScan, pattern: RegExp, exclude: string[]): Array<{ dir: string; var: string; all: Set<string> }> {
  const out: Array<{ dir: string; var: string; all: Set<string> }> = [];
  for (const dir of scan.dirs) {
    if (exclude.includes(dir)) continue;
    const all = varsIn(scan, dir);
    const v = [...all].find((n) => pattern.test(n) && /^[A-Z_][A-Z0-9_]*$/.test(n));
    if (v) out.push({ dir, var: v, all });
  }
  return out;
}

/** A service name for a folder: its base name, or `app` for the root. */
export function nameForDir(dir: string, fallback = 'app'): string {
  return dir === '' ? fallback : toName(baseOf(dir), fallback);
}

/** Whether a variable value in the scan is a HiveForge live key. */
export function hasLiveHiveForgeKey(scan: ProjectScan, dir: string, name: string): boolean {
  return scan.envFiles.some((f) => f.dir === dir && f.vars.some((v) => v.name === name && v.format === 'hiveforge-live'));
}
