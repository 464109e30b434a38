/**
 * Finding and reading a workspace's keyhive.yaml, for the shells: they name a workspace (a path,
 * `--demo`, or the nearest keyhive.yaml above the current folder) and get its loaded
 * configuration from here, never from the file adapters themselves.
 */
import { pathKind } from '../../adapters/fs/file-facts.js';
import { findWorkspaceFile, loadWorkspace } from '../../adapters/workspace/load-workspace.js';
import type { Workspace } from '../../core/workspace/workspace.js';

export type { Workspace };

/** The nearest keyhive.yaml in `dir` or any folder above it (null: none). */
export function findNearestWorkspaceFile(dir: string): Promise<string | null> {
  return findWorkspaceFile(dir);
}

/** The workspace `file` describes, validated (BAD_CONFIG / NOT_FOUND with the fix otherwise). */
export function readWorkspace(file: string): Promise<Workspace> {
  return loadWorkspace(file);
}

/** True when something is at `path` (following symlinks): for shells checking a path the user typed. */
export async function pathExists(path: string): Promise<boolean> {
  return (await pathKind(path)) !== null;
}
