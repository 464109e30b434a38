/**
 * Synchronous reads of small files (env files, for status): a status reads dozens of them, and
 * one open/fstat/read each on the calling thread is several times faster than thread-pool round
 * trips. O_NONBLOCK: a FIFO named .env never blocks the caller.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';

export type SmallFileRead =
  | { kind: 'absent' }
  | { kind: 'bytes'; raw: Buffer }
  | { kind: 'not-a-file' }
  | { kind: 'too-large' }
  | { kind: 'unreadable'; code: string };

/** The bytes of `path` when it is a regular file of at most `maxBytes`; otherwise why not. */
export function readSmallFileSync(path: string, maxBytes: number): SmallFileRead {
  let fd: number | null = null;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'not-a-file' };
    if (st.size > maxBytes) return { kind: 'too-large' };
    return { kind: 'bytes', raw: readFileSync(fd) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'unreadable', code: code ?? String(e) };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** True when `path` is a folder (following symlinks), on the calling thread. */
export function isDirSync(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
