/**
 * Installs Keyhive's pre-commit hook: in `core.hooksPath` when set (relative to the work tree
 * top, as git reads it), else in the repository's hooks folder. An existing hook that is not
 * Keyhive's is kept, renamed beside it, and run first; a commit fails when either fails.
 */
import { chmod, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../fs/durable-write.js';
import { git, gitText } from './git-cli.js';

export const HOOK_MARKER = '# keyhive pre-commit hook';
export const CHAINED_NAME = 'pre-commit.keyhive-chained';

export async function hooksDir(repo: string): Promise<string> {
  const configured = await git(repo, ['config', '--get', 'core.hooksPath']);
  const value = configured.code === 0 ? configured.stdout.toString('utf8').trim() : '';
  if (value) return path.resolve(repo, value.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
  return path.resolve(repo, (await gitText(repo, ['rev-parse', '--git-path', 'hooks'])).trim());
}

const shq = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** The hook script: run a chained hook, then the staged scan (`command` is argv). */
export function hookScript(command: readonly string[]): string {
  return [
    '#!/bin/sh',
    `${HOOK_MARKER} (installed by \`keyhive hooks install\`; re-run it to update).`,
    '# Refuses a commit that stages a value Keyhive manages. An earlier hook, if any, runs first.',
    'hookdir=$(dirname "$0")',
    `if [ -x "$hookdir/${CHAINED_NAME}" ]; then "$hookdir/${CHAINED_NAME}" "$@" || exit $?; fi`,
    `exec ${command.map(shq).join(' ')}`,
    '',
  ].join('\n');
}

export interface HookInstall {
  file: string;
  /** The previous hook, now run first; null when there was none (or it was Keyhive's). */
  chained: string | null;
  updated: boolean;
}

export async function installPreCommitHook(repo: string, command: readonly string[]): Promise<HookInstall> {
  const dir = await hooksDir(repo);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'pre-commit');
  const chainedFile = path.join(dir, CHAINED_NAME);
  let existing: string | null = null;
  try {
    existing = await readFile(file, 'utf8');
  } catch {
    existing = null;
  }
  let chained: string | null = null;
  if (existing !== null && !existing.includes(HOOK_MARKER)) {
    await rename(file, chainedFile);
    await chmod(chainedFile, 0o755);
    chained = chainedFile;
  }
  await writeFileDurably(file, hookScript(command), { mode: 0o755 });
  return { file, chained, updated: existing !== null && existing.includes(HOOK_MARKER) };
}
