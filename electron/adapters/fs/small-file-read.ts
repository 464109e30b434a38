/**
 * Synchronous reads of small files (env files, for status): a status reads dozens of them, and
 * one open/fstat/read each on the calling thread is several times faster than thread-pool round
 * trips. O_NONBLOCK: a FIFO named .env never blocks the caller.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

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

/**
 * Reads the open file `fd` to its end, sized by the fstat the caller just made (readFileSync
 * would fstat again): one read of size + 1 bytes; a file that grew meanwhile is read on, up to
 * one byte past `cap` (so the caller sees it is too large).
 */
export function readToEndSync(fd: number, size: number, cap: number): Uint8Array {
  let buf = Buffer.allocUnsafe(Math.min(size, cap) + 1);
  let len = 0;
  for (;;) {
    const n = readSync(fd, buf, len, buf.length - len, null);
    if (n === 0 || len + n > cap) {
      len += n;
      break;
    }
    len += n;
    if (len < buf.length && len <= size) break; // a short read of a regular file is its end
    if (len === buf.length) {
      const grown = Buffer.allocUnsafe(Math.min(buf.length * 2, cap + 1));
      buf.copy(grown, 0, 0, len);
      buf = grown;
    }
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, len);
}
