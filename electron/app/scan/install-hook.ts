/**
 * `keyhive hooks install`: the staged scan as the pre-commit hook of each git repository the
 * workspace's services live in (or of the repository holding `dir`). Respects core.hooksPath and
 * chains an existing hook (see adapters/git/pre-commit-hook.ts).
 */
import path from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { repoRoot } from '../../adapters/git/git-cli.js';
import { installPreCommitHook, type HookInstall } from '../../adapters/git/pre-commit-hook.js';

/** `keyhive` as this process runs it: [node, script]. */
export type KeyhiveCommand = readonly string[];

export async function installHooks(workspace: Workspace, keyhive: KeyhiveCommand, dir?: string): Promise<Array<HookInstall & { repo: string }>> {
  const dirs = dir ? [path.resolve(dir)] : [...workspace.services.values()].map((s) => s.dir);
  const repos = new Set<string>();
  for (const d of dirs) {
    const r = await repoRoot(d).catch(() => null);
    if (r) repos.add(r);
  }
  if (repos.size === 0) {
    throw new KeyhiveError('BAD_INPUT', `No git repository holds ${dir ?? 'the workspace\'s services'}.`, { fix: 'Run `git init` (or clone the service) first, or pass the repository folder: keyhive hooks install DIR.' });
  }
  const out: Array<HookInstall & { repo: string }> = [];
  for (const repo of [...repos].sort()) {
    const installed = await installPreCommitHook(repo, [...keyhive, 'scan', '--staged', '--workspace', workspace.file, '.']);
    out.push({ ...installed, repo });
  }
  return out;
}
