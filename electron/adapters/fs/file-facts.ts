/**
 * Small questions the use cases ask the file system — does it exist, what is it, may it be
 * written, what are its bytes — so that electron/app never imports `node:fs` itself (lint fences
 * it). Every helper answers "absent" with null/false instead of throwing where the callers only
 * want to know; what must fail loudly (a read-only .env) is answered with the facts to say why.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { access, lstat, mkdir, readFile, stat } from 'node:fs/promises';

export type PathKind = 'file' | 'dir' | 'other';

/** What `path` is (following symlinks), or null when it does not exist or cannot be seen. */
export async function pathKind(path: string): Promise<PathKind | null> {
  const st = await stat(path).catch(() => null);
  if (!st) return null;
  return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
}

/** True when something (even a dangling symlink) is at `path`. */
export async function somethingAt(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** True when this process may read `file` (R_OK), asked on the calling thread (no await). */
export function isReadableSync(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** When the file was last modified (ms since the epoch), or null when it cannot be seen. */
export function modifiedAtMsSync(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** The file's bytes, or null when it cannot be read (absent, a folder, no permission). */
export async function readBytesOrNull(file: string): Promise<Buffer | null> {
  return readFile(file).catch(() => null);
}

/** The file's text (UTF-8), or null when it cannot be read. */
export async function readTextOrNull(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

/** The file's text (UTF-8); any error is thrown (for callers that report why). */
export async function readTextOrThrow(file: string): Promise<string> {
  return readFile(file, 'utf8');
}

/** The file's text; '' only when it does not exist (any other error is thrown). */
export async function readTextOrEmpty(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}

/**
 * Whether this process may write `path`: false when its mode has no owner-write bit or the
 * kernel says no (W_OK). Throws when `path` does not exist (the caller's read already found it).
 */
export async function isWritable(path: string): Promise<boolean> {
  const st = await stat(path);
  if ((st.mode & 0o200) === 0) return false;
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/** Creates the folder and its parents if missing (new ones get `mode`, 0700 by default). */
export async function ensureDir(dir: string, mode = 0o700): Promise<void> {
  await mkdir(dir, { recursive: true, mode });
}
