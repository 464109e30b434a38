/**
 * `keyhive hooks install [DIR]`: puts `keyhive scan --staged` in the pre-commit hook of each git
 * repository of the workspace (or of DIR), respecting core.hooksPath and running an existing
 * hook first. A commit that stages a managed value is then refused with the file and line.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { installHooks } from '../../app/scan/install-hook.js';
import { resolveWorkspaceFile, withWorkspaceOptions } from '../workspace-option.js';
import { readWorkspace } from '../../app/workspace/workspace-file.js';
import { out, type WorkspaceOption } from './status.js';

/** How to run this same keyhive from a hook: this node and this script, by absolute path. */
export function keyhiveCommand(): string[] {
  const script = process.argv[1] ? path.resolve(process.argv[1]) : path.resolve('electron/cli/keyhive.mjs');
  return [process.execPath, script];
}

export function register(program: Command): void {
  const hooks = program.command('hooks').description('git hooks that keep managed secrets out of commits');
  withWorkspaceOptions(
    hooks
      .command('install')
      .description('install the staged leak scan as the pre-commit hook (keeps and runs an existing hook; honours core.hooksPath)')
      .argument('[dir]', 'a folder in the repository (default: the repositories of every service)'),
  ).action(async (dir: string | undefined, opts: WorkspaceOption) => {
    const workspace = await readWorkspace(await resolveWorkspaceFile(opts));
    for (const r of await installHooks(workspace, keyhiveCommand(), dir)) {
      out(`${r.updated ? 'updated' : 'installed'} ${r.file} (repository ${r.repo})${r.chained ? `; the previous hook runs first, now at ${r.chained}` : ''}`);
    }
  });
}
