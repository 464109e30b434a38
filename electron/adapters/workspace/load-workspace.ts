/**
 * Reads keyhive.yaml from disk and resolves it: the pure parser/validator in the core does the
 * checking; this adds what needs the file system — absolute paths, and that every service
 * directory and compose file exists.
 */
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { parseWorkspaceWithWarnings } from '../../core/workspace/parse.js';
import { parseWorkspaceCached } from './parsed-cache.js';
import { WorkspaceInvalidError, type WorkspaceProblem } from '../../core/workspace/problem.js';
import { WORKSPACE_FILE_NAME, type ResolvedService, type Workspace } from '../../core/workspace/workspace.js';
import type { WorkspaceConfig } from '../../core/workspace/schema.js';
import { LineCounter, parseDocument } from 'yaml';
import { locate } from '../../core/workspace/yaml-location.js';

export type { ResolvedService, Workspace } from '../../core/workspace/workspace.js';
export { parseWorkspace } from '../../core/workspace/parse.js';

export interface LoadedWorkspace extends Workspace {
  /** Problems that do not stop loading (e.g. a service Keyhive cannot restart in this run mode). */
  warnings: WorkspaceProblem[];
}

const MAX_WORKSPACE_BYTES = 1024 * 1024;

async function kind(p: string): Promise<'file' | 'dir' | 'other' | null> {
  try {
    const s = await stat(p);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return null;
  }
}

/** Resolve the services' paths against the workspace root. */
export function resolveServices(root: string, config: WorkspaceConfig): Map<string, ResolvedService> {
  const services = new Map<string, ResolvedService>();
  for (const [name, svc] of Object.entries(config.services)) {
    const dir = path.resolve(root, svc.dir);
    const resolved: ResolvedService = { name, dir, envFiles: svc.envFiles.map((f) => path.resolve(dir, f)), config: svc };
    if (svc.docker) resolved.composeFile = path.resolve(dir, svc.docker.composeFile);
    services.set(name, resolved);
  }
  return services;
}

/** kind(), on this thread: dozens of stats in a row are faster without the thread-pool round trips. */
function kindNow(p: string): 'file' | 'dir' | 'other' | null {
  try {
    const s = statSync(p, { throwIfNoEntry: false });
    return s === undefined ? null : s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return null;
  }
}

/** Errors (missing compose file) throw; a missing service dir is a warning (not cloned yet). */
async function checkOnDisk(text: string, file: string, services: Map<string, ResolvedService>): Promise<WorkspaceProblem[]> {
  const perService = [...services.values()].map((svc): WorkspaceProblem[] => {
    const k = kindNow(svc.dir);
    const composeKind = svc.composeFile === undefined ? null : kindNow(svc.composeFile);
    if (k !== 'dir') {
      return [{
        path: ['services', svc.name, 'dir'],
        severity: 'warning',
        message: k === null ? `directory ${svc.dir} does not exist` : `${svc.dir} is not a directory`,
        fix: 'Point dir at the service folder, relative to keyhive.yaml (or clone the service there).',
      }];
    }
    if (svc.composeFile !== undefined && composeKind !== 'file') {
      return [{
        path: ['services', svc.name, 'docker', 'composeFile'],
        message: `compose file ${svc.composeFile} does not exist`,
        fix: 'Point composeFile at the service\'s compose.yaml / docker-compose.yml, relative to the service dir.',
      }];
    }
    return [];
  });
  const problems = perService.flat();
  if (problems.length === 0) return [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  for (const p of problems) {
    const pos = locate(doc, lines, p.path);
    p.line = pos?.line;
    p.col = pos?.col;
  }
  const errors = problems.filter((p) => p.severity !== 'warning');
  if (errors.length > 0) throw new WorkspaceInvalidError(file, errors);
  return problems;
}

/**
 * Read, validate and resolve a workspace file. KeyhiveError NOT_FOUND / WORKSPACE_INVALID / BAD_INPUT / FILE_PERMISSION.
 * `cacheDir` (the data dir): reuse the YAML parse of an unchanged file from there (parsed-cache.ts).
 */
export async function loadWorkspace(file: string, opts: { cacheDir?: string } = {}): Promise<LoadedWorkspace> {
  const abs = path.resolve(file);
  const k = await kind(abs);
  if (k === null) {
    throw new KeyhiveError('NOT_FOUND', `No workspace file at ${abs}.`, { file: abs, fix: 'Run `keyhive init` in your project folder, or pass --workspace <path to keyhive.yaml>.' });
  }
  if (k === 'dir') {
    const inside = path.join(abs, WORKSPACE_FILE_NAME);
    if ((await kind(inside)) === 'file') return loadWorkspace(inside, opts);
    throw new KeyhiveError('NOT_FOUND', `${abs} is a directory without a ${WORKSPACE_FILE_NAME}.`, { file: abs, fix: `Run \`keyhive init ${abs}\` to create one.` });
  }
  // Bad input, not a problem found: exit 2 in the CLI (WORKSPACE_INVALID / BAD_INPUT).
  if (k !== 'file') throw new KeyhiveError('BAD_INPUT', `${abs} is not a regular file.`, { file: abs, fix: 'Point at the keyhive.yaml file itself.' });
  const s = await stat(abs);
  if (s.size > MAX_WORKSPACE_BYTES) {
    throw new KeyhiveError('WORKSPACE_INVALID', `${abs} is ${s.size} bytes; a workspace file is at most 1 MiB.`, { file: abs, fix: 'Point at the right keyhive.yaml (a real one is a few KiB); if this is it, remove what does not belong in it.' });
  }
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    throw new KeyhiveError('FILE_PERMISSION', `Cannot read ${abs}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`, { file: abs, fix: 'Check the file permissions.', cause: e });
  }
  return resolveWorkspaceText(text, abs, opts.cacheDir);
}

/**
 * Validate workspace text as if it were the file at `file` (absolute): parse, resolve paths and
 * check the disk. Used by loadWorkspace, and by init before it writes anything.
 */
export async function resolveWorkspaceText(text: string, file: string, cacheDir?: string): Promise<LoadedWorkspace> {
  const { config, warnings } = cacheDir === undefined ? parseWorkspaceWithWarnings(text, file) : await parseWorkspaceCached(text, file, cacheDir);
  const root = path.dirname(file);
  const services = resolveServices(root, config);
  const diskWarnings = await checkOnDisk(text, file, services);
  return { file, root, config, services, warnings: [...warnings, ...diskWarnings] };
}

/** Walks up from startDir looking for keyhive.yaml; null when none up to the file-system root. */
export async function findWorkspaceFile(startDir: string): Promise<string | null> {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, WORKSPACE_FILE_NAME);
    if ((await kind(candidate)) === 'file') return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
