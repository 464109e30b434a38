/**
 * The one durable writer for every file Keyhive replaces (journals, backups, the workspace
 * registry, re-check and native-process state, the git hook, the parse cache): write an exclusive
 * temp file (0600 unless told) in the same folder, fsync it, rename it over the target, fsync the
 * folder — so a crash or power cut leaves the old file or the new one, never a torn one. A temp
 * left by a killed writer is named `.<name>.<pid>.<hex>.tmp` and swept by recovery. A cache that
 * is rebuilt anyway may skip the fsyncs (`durable: false`); it stays atomic.
 * (Users' .env files go through safe-file.ts, which adds conflict checks and backups on top.)
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsync, fsyncSync, openSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Flags of a new, exclusive file (what `'wx'` means, without O_TRUNC). */
export const CREATE_EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY;

/** Writes all of `data` at the start of a new file `fd` on this thread (a short write is continued). */
export function writeAllSync(fd: number, data: Uint8Array): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done, done);
}

/** fsync of an open fd in the thread pool (callback API: one round trip, no FileHandle). */
export function fsyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
}

/**
 * fsync a folder (where the platform allows it; the rename is atomic either way). The open and
 * close are instant syscalls done on this thread; only the fsync itself waits in the pool, so
 * several of them (a file's and its folder's) run at the same time.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(dir, constants.O_RDONLY);
  } catch {
    return;
  }
  try {
    await fsyncFd(fd);
  } catch {
    // some filesystems refuse fsync on a directory
  } finally {
    closeSync(fd);
  }
}

/** fsyncDir on this thread: for the last step of a write, when there is nothing to overlap it with. */
export function fsyncDirSync(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, constants.O_RDONLY);
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // some filesystems refuse fsync on a directory
  } finally {
    closeSync(fd);
  }
}

/** Waits for every promise (none is left running), then rejects with the first failure if any. */
export async function settleAll(all: Array<Promise<unknown> | undefined>): Promise<void> {
  const results = await Promise.allSettled(all);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Writes `data` to a NEW file `tmp` (exclusive, 0600) and fsyncs it; on any failure the partial
 * file is removed. The first step of every atomic write here and in safe-file.ts.
 */
export async function writeExclusiveTemp(tmp: string, data: string | Uint8Array, opts: { mode?: number; durable?: boolean } = {}): Promise<void> {
  const mode = opts.mode ?? 0o600;
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(data);
    if (mode & ~0o600 & 0o777) await fh.chmod(mode); // the umask may have narrowed a wider mode (0755 for a hook)
    if (opts.durable !== false) await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
}

export interface DurableWriteOptions {
  /** The new file's mode (default 0600). */
  mode?: number;
  /** false: atomic but without the fsyncs, for caches that are rebuilt when lost. */
  durable?: boolean;
}

/** Replaces (or creates) `file` with `data`: the old bytes or the new ones, never a mix. */
export async function writeFileDurably(file: string, data: string | Uint8Array, opts: DurableWriteOptions = {}): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeExclusiveTemp(tmp, data, opts);
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  if (opts.durable !== false) await fsyncDir(dir);
}
