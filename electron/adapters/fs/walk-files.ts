/**
 * Every regular file under some folders (or the files given), for the leak guard: `.git` and
 * `node_modules` are skipped, symbolic links are not followed, each file is visited once.
 * `readFiles` reads them in small synchronous batches (for many small files that is several
 * times faster than one async read each), yielding to the event loop between batches.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';

export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/**
 * Every regular file under `roots` (a root may itself be a file), sorted by path. Directories are
 * read synchronously (much faster than one async call each), yielding to the event loop now and then.
 */
export async function listFiles(roots: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const stack: string[] = [];
  for (const r of [...new Set(roots.map((x) => path.resolve(x)))]) {
    const st = await lstat(r).catch(() => null);
    if (st?.isFile()) files.push(r);
    else if (st?.isDirectory()) stack.push(r);
  }
  let sinceYield = 0;
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isFile()) files.push(path.join(dir, e.name));
      else if (e.isDirectory() && !SKIPPED_DIRS.has(e.name)) stack.push(path.join(dir, e.name));
    }
    if (++sinceYield >= 200) {
      sinceYield = 0;
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  return [...new Set(files)].sort();
}

/** One open, fstat, read(s), close; null when unreadable, not a regular file, or over `maxBytes`. */
function readSmallFile(file: string, maxBytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return null;
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === st.size ? buf : buf.subarray(0, off);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Reads each file (skipping unreadable ones and those over `maxBytes`); the count read. */
export async function readFiles(files: readonly string[], onFile: (file: string, bytes: Buffer) => void, opts: { maxBytes: number; batch?: number }): Promise<number> {
  const batch = opts.batch ?? 256;
  let read = 0;
  for (let i = 0; i < files.length; i += batch) {
    for (const file of files.slice(i, i + batch)) {
      const bytes = readSmallFile(file, opts.maxBytes);
      if (!bytes) continue;
      read++;
      onFile(file, bytes);
    }
    await new Promise<void>((r) => setImmediate(r));
  }
  return read;
}
