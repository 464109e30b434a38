/**
 * How every `keyhive` command finds its workspace, the same way everywhere:
 * `--demo` (the bundled demo, copied to the data dir on first use), else `--workspace FILE`,
 * else the nearest keyhive.yaml in the current folder or any folder above it.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { KeyhiveError } from '../../shared/errors.js';
import { findNearestWorkspaceFile, pathExists } from '../app/workspace/workspace-file.js';
import { demoDirIn, materializeDemo } from '../app/demo/demo-workspace.js';
import { cliContext } from './cli-context.js';

export interface WorkspaceOptions {
  workspace?: string;
  demo?: boolean;
}

export const WORKSPACE_OPTION_HELP = 'keyhive.yaml of the workspace (default: found upwards from the current directory)';
export const DEMO_OPTION_HELP = 'use the bundled demo workspace (HiveCFM hub + core)';

/** Adds `--workspace <file>` and `--demo` to a command. */
export function withWorkspaceOptions(cmd: Command): Command {
  return cmd.option('--workspace <file>', WORKSPACE_OPTION_HELP).option('--demo', DEMO_OPTION_HELP);
}

/** `--demo` with `--workspace`, or an empty `--workspace`, is bad usage (BAD_INPUT, exit 2). */
export function checkWorkspaceOptions(opts: WorkspaceOptions): void {
  if (opts.workspace !== undefined && opts.workspace.trim() === '') {
    throw new KeyhiveError('BAD_INPUT', '--workspace was given an empty path.', { fix: 'Pass the path of a keyhive.yaml (e.g. --workspace ./keyhive.yaml), or leave --workspace out to find one upwards from the current folder.' });
  }
  if (opts.demo && opts.workspace !== undefined) {
    throw new KeyhiveError('BAD_INPUT', '--demo and --workspace name two different workspaces.', { fix: 'Use either --demo (the bundled demo) or --workspace FILE, not both.' });
  }
}

/** The absolute path of the workspace file the options name; NOT_FOUND with the fix otherwise. */
export async function resolveWorkspaceFile(opts: WorkspaceOptions): Promise<string> {
  checkWorkspaceOptions(opts);
  if (opts.demo) return materializeDemo(demoDirIn((await cliContext()).dataDir));
  if (opts.workspace) {
    const file = resolve(opts.workspace);
    if (!(await pathExists(file))) {
      throw new KeyhiveError('NOT_FOUND', `no workspace file at ${file}`, { file, fix: 'Check the --workspace path, or run `keyhive init` to create one.' });
    }
    return file;
  }
  const found = await findNearestWorkspaceFile(process.cwd());
  if (!found) {
    throw new KeyhiveError('NOT_FOUND', `No keyhive.yaml in ${process.cwd()} or any folder above it.`, {
      fix: 'Run `keyhive init` in your project folder, pass --workspace <path to keyhive.yaml>, or try --demo.',
    });
  }
  return found;
}
