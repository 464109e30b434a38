/**
 * One rotation at a time per workspace: a lock file `<dataDir>/locks/<workspace id>.lock`
 * created with O_EXCL, holding who took it (pid, host, operation, since when). A second
 * operation gets KeyhiveError('LOCKED') naming the holder. A lock whose process is gone (same
 * host, pid not alive) is stale: it is removed and taken over.
 */
import { systemClock, type Clock } from '../../shared/clock.js';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { KeyhiveError } from '../../shared/errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  operation: string;
  operationId: string;
  since: string;
}

export interface WorkspaceLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

export function lockFileOf(dataDir: string, workspaceId: string): string {
  return join(dataDir, 'locks', `${workspaceId}.lock`);
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readLockHolder(file: string): Promise<LockHolder | null> {
  try {
    const h = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof h.pid !== 'number') return null;
    return { pid: h.pid, host: String(h.host ?? ''), operation: String(h.operation ?? ''), operationId: String(h.operationId ?? ''), since: String(h.since ?? '') };
  } catch {
    return null;
  }
}

/** A lock is stale when its process is gone on this host, or the file is unreadable/torn. */
export function isStale(holder: LockHolder | null): boolean {
  if (!holder) return true;
  if (holder.host !== hostname()) return false; // cannot check another machine's pids
  return !isProcessAlive(holder.pid);
}

export async function acquireWorkspaceLock(dataDir: string, workspaceId: string, who: { operation: string; operationId: string }, clock: Clock = systemClock): Promise<WorkspaceLock> {
  const file = lockFileOf(dataDir, workspaceId);
  await mkdir(join(dataDir, 'locks'), { recursive: true, mode: 0o700 });
  const holder: LockHolder = { pid: process.pid, host: hostname(), operation: who.operation, operationId: who.operationId, since: clock().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o600);
      try {
        await fh.writeFile(JSON.stringify(holder) + '\n', 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      let released = false;
      return {
        file,
        holder,
        release: async () => {
          if (released) return;
          released = true;
          const now = await readLockHolder(file);
          if (now && now.pid === holder.pid && now.operationId === holder.operationId) await rm(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const current = await readLockHolder(file);
      if (current && !isStale(current)) {
        throw new KeyhiveError('LOCKED', `another ${current.operation || 'operation'} (${current.operationId}) holds this workspace: pid ${current.pid} on ${current.host} since ${current.since}`, {
          file,
          fix: 'Wait for it to finish (one rotation at a time per workspace). If that process is gone, run `keyhive recover`.',
        });
      }
      if (!current) {
        // a torn file from a process killed while writing it: give the writer a moment, then take over
        await new Promise((r) => setTimeout(r, 50));
        if (await readLockHolder(file)) continue;
      }
      await rm(file, { force: true });
    }
  }
  throw new KeyhiveError('LOCKED', 'could not take the workspace lock after removing a stale one', { file, fix: 'Try again; if it persists, delete the lock file.' });
}

/** Who holds the lock now (null when free or stale). */
export async function currentLockHolder(dataDir: string, workspaceId: string): Promise<LockHolder | null> {
  const h = await readLockHolder(lockFileOf(dataDir, workspaceId));
  return h && !isStale(h) ? h : null;
}
