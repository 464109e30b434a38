/**
 * Every regular file under some folders (or the files given), for the leak guard: `.git` and
 * `node_modules` are skipped, symbolic links are not followed, each file is visited once.
 * `readFiles` reads them in small synchronous batches (for many small files that is several
 * times faster than one async read each), yielding to the event loop between batches.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';

export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/**
 * Every regular file under `roots` (a root may itself be a file), sorted by path unless the
 * caller sorts what it finds itself (`sorted: false`). Directories are
 * read synchronously (much faster than one async call each), yielding to the event loop now and then.
 * `onFiles` sees the list so far after each directory and once at the end (it only grows; before
 * the de-duplication of overlapping roots), so a caller can start on the files while the walk goes on.
 */
export async function listFiles(roots: readonly string[], opts: { sorted?: boolean; onFiles?: (files: readonly string[]) => void } = {}): Promise<string[]> {
  const files: string[] = [];
  const stack: string[] = [];
  for (const r of [...new Set(roots.map((x) => path.resolve(x)))]) {
    let st: Stats | undefined;
    try {
      st = lstatSync(r, { throwIfNoEntry: false }); // a few roots: one sync call each, no round trip
    } catch {
      st = undefined;
    }
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
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep; // cheaper than path.join per entry
    for (const e of entries) {
      if (e.isFile()) files.push(prefix + e.name);
      else if (e.isDirectory() && !SKIPPED_DIRS.has(e.name)) stack.push(prefix + e.name);
    }
    opts.onFiles?.(files);
    if (++sinceYield >= 200) {
      sinceYield = 0;
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  opts.onFiles?.(files);
  // Nested roots list a file twice; roots side by side (the common case) cannot.
  const once = rootsOverlap(roots) ? [...new Set(files)] : files;
  return opts.sorted === false ? once : once.sort();
}

/** Does one root lie inside (or equal) another, so that a listing of both names some file twice? */
export function rootsOverlap(roots: readonly string[]): boolean {
  const all = [...new Set(roots.map((r) => path.resolve(r)))]; // the same root twice is listed once anyway
  const inside = (a: string, b: string): boolean => a.startsWith(b.endsWith(path.sep) ? b : b + path.sep);
  return all.some((a) => all.some((b) => a !== b && inside(a, b)));
}

/** Reused by every small read: a file that fits is read into it with one call, no allocation. */
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | null = null;

/**
 * One open, one read, one close for a file that fits the scratch buffer (a short read of a
 * regular file is its end); a bigger one is fstat-ed and read whole into its own buffer. The
 * caller knows from the directory entry that the path was a regular file; a file that became
 * something else meanwhile still cannot block (O_NONBLOCK) and is skipped. Null when unreadable
 * or over `maxBytes`. The returned bytes may be the scratch buffer: valid until the next call.
 */
export function readSmallFile(file: string, maxBytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
    const first = readSync(fd, scratch, 0, SCRATCH_BYTES, 0);
    if (first < SCRATCH_BYTES) return first <= maxBytes ? scratch.subarray(0, first) : null;
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return null;
    const buf = Buffer.allocUnsafe(st.size);
    scratch.copy(buf, 0, 0, Math.min(first, st.size));
    let off = Math.min(first, st.size);
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

/**
 * Reads each file (skipping unreadable ones and those over `maxBytes`); the count read. The bytes
 * handed to `onFile` are only valid during the call (they may be a reused buffer): copy to keep.
 */
export async function readFiles(files: readonly string[], onFile: (file: string, bytes: Buffer) => void, opts: { maxBytes: number; batch?: number }): Promise<number> {
  const batch = opts.batch ?? 256;
  let read = 0;
  for (let i = 0; i < files.length; i += batch) {
    const end = Math.min(files.length, i + batch);
    for (let j = i; j < end; j++) {
      const file = files[j]!;
      const bytes = readSmallFile(file, opts.maxBytes);
      if (!bytes) continue;
      read++;
      onFile(file, bytes);
    }
    await new Promise<void>((r) => setImmediate(r));
  }
  return read;
}
