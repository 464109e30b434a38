/**
 * Safe reads and writes of a user's .env file. Nothing is ever half-written or silently lost:
 *  - symlinks are resolved and refused when they lead out of the workspace root;
 *  - only regular files up to 1 MiB (a FIFO is opened non-blocking, so it never hangs us);
 *  - writes go to an exclusive 0600 temp file in the same directory (`<name>.keyhive-<hex>.env`,
 *    so the usual `.env*`, `.env.*` and `*.env` ignore patterns cover it), fsynced, then given the
 *    original mode and renamed over the target once the target is proven to still hold the bytes
 *    we read (else FILE_CONFLICT and nothing is written); the directory is fsynced after. A temp
 *    left by a killed process is swept by the change's recovery (safe-temp.ts removeStrayTemps);
 *  - the previous bytes are kept in the BackupStore so every change can be undone.
 */
import { closeSync, constants, fchmodSync, fchownSync, fstatSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { chmod, link, lstat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { BackupStore } from './backups.js';
import { readToEndSync } from './small-file-read.js';
import { fsyncDir, fsyncDirSync, fsyncFd, writeAllSync } from './durable-write.js';
import { openTemp, writeTemp } from './safe-temp.js';

export const MAX_ENV_FILE_BYTES = 1024 * 1024;

export interface ReadResult {
  /** The real path (symlinks resolved). */
  path: string;
  bytes: Uint8Array;
  /** Permission bits (e.g. 0o640). */
  mode: number;
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** True when `p` is `root` or lies below it. */
export function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realRoot(root: string): string {
  try {
    return realpathSync.native(root);
  } catch (e) {
    throw new KeyhiveError('NOT_FOUND', `the workspace root ${root} does not exist`, { file: root, fix: 'Check the workspace path.', cause: e });
  }
}

/**
 * Resolve `path` to its real location and make sure it stays inside `root`. On this thread, with
 * nothing to await: realpath (and lstat, for the message when it fails) are short syscalls.
 */
function resolveExisting(path: string, root: string | undefined): string {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const dangling = isSymlink(path);
      throw new KeyhiveError('NOT_FOUND', dangling ? 'the file is a symlink to a file that does not exist' : 'the file does not exist', {
        file: path,
        fix: dangling ? 'Point the symlink at an existing file, or replace it with the file.' : 'Check the path, or create the file first (e.g. copy it from .env.example).',
        cause: e,
      });
    }
    if (code === 'EACCES' || code === 'EPERM') throw permission(path, 'reach', e);
    if (code === 'ELOOP') throw new KeyhiveError('FILE_REFUSED', 'the file is a symlink loop', { file: path, fix: 'Fix the symlink so it points at a real file.', cause: e });
    throw e;
  }
  if (root !== undefined) {
    const r = realRoot(root); // after the file: a missing file is reported before a missing root
    if (!inside(r, real)) {
      throw new KeyhiveError('FILE_REFUSED', `the file resolves to ${real}, outside the workspace ${r}`, {
        file: path,
        fix: 'Keyhive only edits files inside the workspace: replace the symlink with the file itself, or move the workspace root.',
      });
    }
  }
  return real;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function permission(path: string, what: string, cause?: unknown): KeyhiveError {
  return new KeyhiveError('FILE_PERMISSION', `no permission to ${what} the file`, {
    file: path,
    fix: `Make it accessible (e.g. chmod u+rw ${JSON.stringify(path)}) and retry.`,
    cause,
  });
}

function openFailure(e: unknown, shown: string): unknown {
  const code = errno(e);
  if (code === 'EACCES' || code === 'EPERM') return permission(shown, 'read', e);
  if (code === 'ENOENT') return new KeyhiveError('NOT_FOUND', 'the file does not exist', { file: shown, fix: 'Check the path.', cause: e });
  if (code === 'ELOOP') return new KeyhiveError('FILE_CONFLICT', 'the file was replaced by a symlink while reading', { file: shown, fix: 'Retry.' });
  if (code === 'ENXIO' || code === 'EOPNOTSUPP') return notRegular(shown, 'a socket or device');
  return e;
}

function notRegular(path: string, kind: string): KeyhiveError {
  return new KeyhiveError('FILE_REFUSED', `the path is ${kind}, not a regular file`, { file: path, fix: 'Point Keyhive at the .env file itself.' });
}

function tooLarge(path: string, size: number): KeyhiveError {
  return new KeyhiveError('FILE_REFUSED', `the file is ${size} bytes; Keyhive edits .env files up to ${MAX_ENV_FILE_BYTES} bytes (1 MiB)`, {
    file: path,
    fix: 'This does not look like a .env file: check the path.',
  });
}

export async function readTextFileSafe(path: string, opts: { root?: string } = {}): Promise<ReadResult> {
  const real = resolveExisting(path, opts.root);
  const { bytes, mode } = readRegular(real, path);
  return { path: real, bytes, mode };
}

/** A directory we may create files in: writable by its owner bits and by us. */
function assertDirWritable(dir: string, file: string): void {
  const st = statSync(dir);
  if ((st.mode & 0o200) === 0) {
    throw new KeyhiveError('FILE_PERMISSION', `the directory ${dir} is read-only, so ${basename(file)} cannot be replaced safely`, {
      file,
      fix: `Make the directory writable (chmod u+w ${JSON.stringify(dir)}) and retry.`,
    });
  }
}

/** Read once: a process's uid does not change under it. */
const AS_ROOT = process.getuid?.() === 0;

/**
 * Test hook (tests only): `KEYHIVE_TEST_CRASH_AFTER=safe-write:<step>` SIGKILLs the process right
 * after that step of writeFileAtomic (temp; written: the temp and the backup written, nothing
 * fsynced yet; backup: both durable, old backups pruned; checked; renamed; synced), so the crash
 * tests can stop a real write at every point.
 */
const CRASH_AFTER = process.env.KEYHIVE_TEST_CRASH_AFTER;
function crashPoint(step: string): void {
  if (CRASH_AFTER === `safe-write:${step}`) process.kill(process.pid, 'SIGKILL');
}

/**
 * Replaces `path` with `bytes` if it still holds `expected`. One fsync level before the rename:
 * the temp's data and the backup (file and folder) are made durable at the same time, so a crash
 * or power cut at any point leaves the old bytes (with or without a backup of them) or the new
 * bytes with the backup of the old ones — never a torn file, never a change without its undo.
 * Every step but the fsync round is a short syscall done on this thread (a thread-pool round trip
 * costs more than the syscall); the three fsyncs of that round run in the pool at the same time,
 * which measured faster here than the same three one after another on this thread.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  opts: { expected: Uint8Array; root?: string; backups?: BackupStore },
): Promise<{ backupId: string | null }> {
  if (bytes.length > MAX_ENV_FILE_BYTES) throw tooLarge(path, bytes.length);
  const real = resolveExisting(path, opts.root);
  const dir = dirname(real);
  const first = readRegular(real, path);
  assertDirWritable(dir, path);
  if (!sameBytes(first.bytes, opts.expected)) throw conflict(path);
  if ((first.mode & 0o200) === 0) {
    throw new KeyhiveError('FILE_PERMISSION', 'the file is read-only', { file: path, fix: `Make it writable (chmod u+w ${JSON.stringify(path)}) and retry.` });
  }
  const { tmp, fd } = openTemp(dir, real);
  crashPoint('temp');
  let closed = false;
  let synced: Promise<void> | null = null;
  try {
    // The temp's data and the backup of the old bytes become durable together: both are written
    // first, then all fsyncs start at once (one journal commit rather than one each).
    writeAllSync(fd, bytes);
    const syncTemp = (): Promise<void> => (synced ??= (crashPoint('written'), fsyncFd(fd)));
    const backupId = opts.backups ? await opts.backups.save(real, opts.expected, { alongside: syncTemp }) : null;
    await syncTemp();
    crashPoint('backup');
    // Re-read: if someone changed the file since we read it, keep their bytes.
    const now = readRegular(real, path);
    if (!sameBytes(now.bytes, opts.expected)) throw conflict(path);
    crashPoint('checked');
    // The temp takes the target's mode (and owner, as root) only right before the rename; each
    // only when it differs (a no-op change of an inode is still a journaled metadata write).
    const own = fstatSync(fd);
    let chowned = false;
    if (AS_ROOT && (own.uid !== first.uid || own.gid !== first.gid)) {
      try {
        fchownSync(fd, first.uid, first.gid);
        chowned = true; // which may clear set-id bits: the mode is set again below
      } catch {
        // keep root's ownership rather than fail the write
      }
    }
    if (chowned || (own.mode & 0o7777) !== first.mode) fchmodSync(fd, first.mode);
    closed = true;
    closeSync(fd);
    renameOver(tmp, real, path);
    crashPoint('renamed');
    fsyncDirSync(dir);
    crashPoint('synced');
    return { backupId };
  } catch (e) {
    if (!closed) {
      await (synced as Promise<void> | null)?.catch(() => undefined); // never close an fd the pool is still fsyncing
      closeSync(fd);
    }
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/**
 * openRegular + readAll on this thread: a .env file is at most 1 MiB, and four small syscalls in
 * a row are several times faster than four thread-pool round trips (status reads the same way).
 */
function readRegular(real: string, shown: string): { bytes: Uint8Array; mode: number; uid: number; gid: number } {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    throw openFailure(e, shown);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(shown, st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : 'a device or special file');
    if (st.size > MAX_ENV_FILE_BYTES) throw tooLarge(shown, st.size);
    const bytes = readToEndSync(fd, st.size, MAX_ENV_FILE_BYTES);
    if (bytes.length > MAX_ENV_FILE_BYTES) throw tooLarge(shown, bytes.length);
    return { bytes, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } finally {
    closeSync(fd);
  }
}

/** Removes a file that must still hold `expected` (else FILE_CONFLICT and it stays). */
export async function removeFileChecked(path: string, opts: { expected: Uint8Array; root?: string }): Promise<void> {
  const real = resolveExisting(path, opts.root);
  if (!sameBytes(readRegular(real, path).bytes, opts.expected)) throw conflict(path);
  try {
    await unlink(real);
  } catch (e) {
    const code = errno(e);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw permission(path, 'remove', e);
    throw e;
  }
  await fsyncDir(dirname(real));
}

function renameOver(tmp: string, real: string, shown: string): void {
  try {
    renameSync(tmp, real);
  } catch (e) {
    const code = errno(e);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'EBUSY') throw permission(shown, 'replace', e);
    throw e;
  }
}

function conflict(path: string): KeyhiveError {
  return new KeyhiveError('FILE_CONFLICT', 'the file changed since Keyhive read it; nothing was written', {
    file: path,
    fix: 'Review the file (another editor or tool changed it), then run the change again.',
  });
}

/** Create a file that does not exist yet, atomically and exclusively (an existing file is never replaced). */
export async function createFileAtomic(path: string, bytes: Uint8Array, opts: { root?: string; mode?: number } = {}): Promise<void> {
  if (bytes.length > MAX_ENV_FILE_BYTES) throw tooLarge(path, bytes.length);
  let parent: string;
  try {
    parent = resolveExisting(dirname(path), opts.root);
  } catch (e) {
    if (e instanceof KeyhiveError && e.code === 'NOT_FOUND') {
      throw new KeyhiveError('NOT_FOUND', `the directory ${dirname(path)} does not exist`, { file: path, fix: 'Create the directory first (or check the service path in keyhive.yaml).' });
    }
    throw e;
  }
  const target = join(parent, basename(path));
  const existing = await lstat(target).then(() => true, (e: unknown) => (errno(e) === 'ENOENT' ? false : Promise.reject(e)));
  if (existing) {
    throw new KeyhiveError('FILE_CONFLICT', 'the file already exists; it was left as it is', { file: path, fix: 'Edit the existing file instead (keyhive env set).' });
  }
  assertDirWritable(parent, path);
  const tmp = await writeTemp(parent, target, bytes);
  try {
    if ((opts.mode ?? 0o600) !== 0o600) await chmod(tmp, opts.mode ?? 0o600);
    // link() fails if the name exists: exclusive even against a racing creator.
    await link(tmp, target);
  } catch (e) {
    if (errno(e) === 'EEXIST') {
      throw new KeyhiveError('FILE_CONFLICT', 'the file was created by someone else meanwhile; it was left as it is', { file: path, fix: 'Edit the existing file instead.' });
    }
    if (errno(e) === 'EACCES' || errno(e) === 'EPERM') throw permission(path, 'create', e);
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await fsyncDir(parent);
}
