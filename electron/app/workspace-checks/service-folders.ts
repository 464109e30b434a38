/**
 * Before a change writes a secret's bindings: is every service folder there? Right after
 * `keyhive init --preset` the services are usually not cloned yet — that is a normal state, not
 * a bug, so it is reported as NOT_FOUND naming the service, its folder, the line of its `dir:`
 * and the fix, before anything is written (never "internal error: ENOENT").
 */
import { relative } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { WorkspaceProblem } from '../../core/workspace/problem.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { pathKind } from '../../adapters/fs/file-facts.js';

/** A workspace as loaded: may carry the loader's warnings (with the line of each `dir:`). */
type LoadedLike = Workspace & { warnings?: WorkspaceProblem[] };

export interface MissingServiceFolder {
  service: string;
  dir: string;
  /** Line of `dir:` in keyhive.yaml, when known. */
  line?: number;
  /** Exists, but is a file (or something else) rather than a folder. */
  notADirectory: boolean;
}

/** The services bound by `secret` (all of them; unknown secret: none — the use case reports that). */
export function servicesOfSecret(workspace: Workspace, secret: string): string[] {
  const cfg = workspace.config.secrets[secret];
  return cfg ? [...new Set(cfg.bindings.map((b) => b.service))] : [];
}

/** Which of these services' folders are missing. Unknown service names are left to the use case. */
export async function missingServiceFolders(workspace: LoadedLike, services: string[]): Promise<MissingServiceFolder[]> {
  const missing: MissingServiceFolder[] = [];
  for (const name of services) {
    const svc = workspace.services.get(name);
    if (!svc) continue;
    const kind = await pathKind(svc.dir);
    if (kind === 'dir') continue;
    const warning = workspace.warnings?.find((w) => w.path[0] === 'services' && w.path[1] === name && w.path[2] === 'dir');
    missing.push({ service: name, dir: svc.dir, notADirectory: kind !== null, ...(warning?.line ? { line: warning.line } : {}) });
  }
  return missing;
}

/** NOT_FOUND with the fix when a folder of these services is missing; nothing has been written. */
export async function assertServiceFolders(workspace: LoadedLike, services: string[], action: string): Promise<void> {
  const missing = await missingServiceFolders(workspace, services);
  if (missing.length === 0) return;
  const show = (dir: string): string => {
    const rel = relative(workspace.root, dir);
    return rel && !rel.startsWith('..') ? `${rel}/` : dir;
  };
  const what = missing.map((m) => `${m.service} (${show(m.dir)}${m.notADirectory ? ' is not a folder' : ''})`).join(', ');
  const first = missing[0]!;
  throw new KeyhiveError(
    'NOT_FOUND',
    `Cannot ${action}: the folder of service${missing.length > 1 ? 's' : ''} ${what} ${missing.length > 1 ? 'do' : 'does'} not exist. Nothing was changed.`,
    {
      file: workspace.file,
      ...(first.line ? { line: first.line } : {}),
      fix: `Clone the service${missing.length > 1 ? 's' : ''} there (e.g. git clone … ${show(first.dir)}), or fix dir: under services.${first.service} in keyhive.yaml${first.line ? ` (line ${first.line})` : ''} to point at its folder.`,
    },
  );
}
