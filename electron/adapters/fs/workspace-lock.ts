/**
 * The ONE workspace lock every change takes (sync, import, undo, rotate, recover, keys, doctor
 * --fix, env set): a lock file `<dataDir>/locks/<workspace key>.lock` created with O_EXCL,
 * holding who took it (pid, host, operation, since when). It works across processes (desktop
 * app, CLI, web mode) and within one (two requests of the web server).
 *
 *  - A second writer WAITS (polling) up to `waitMs`, told once through `onWait` who holds it, then
 *    fails with KeyhiveError('LOCKED') naming the holder.
 *  - Re-entrant within one call chain (AsyncLocalStorage): a rotation that holds the lock and
 *    calls sync does not wait for itself; two independent requests of one process still queue.
 *  - A lock whose process is gone (same host, pid not alive) or whose file is torn is stale: it is
 *    removed under a short-lived take-over lock, so two waiters can never both remove it and
 *    both enter.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { LockHolder } from '../../../shared/lock.js';

export type { LockHolder };

export interface LockWho {
  operation: string;
  operationId: string;
}

export interface WorkspaceLock {
  readonly file: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long a second writer waits for the holder (default 0: fail at once). */
  waitMs?: number;
  /** Polling interval while waiting (default 25 ms). */
  pollMs?: number;
  /** Called once when the lock is busy and this call starts waiting. */
  onWait?: (holder: LockHolder) => void;
  /** Runs once the lock is newly taken (not on re-entry), before the work; its error releases the lock. */
  onAcquired?: () => Promise<void>;
  now?: () => Date;
}

/** What the use cases need: run a change while holding this workspace's lock. */
export interface WorkspaceLocker {
  readonly file: string;
  run<T>(who: LockWho, fn: () => Promise<T>, opts?: LockOptions): Promise<T>;
  /** Who holds it now (null when free or stale). */
  holder(): Promise<LockHolder | null>;
}

/** How long a change waits by default for another one holding the workspace. */
export const DEFAULT_LOCK_WAIT_MS = 120_000;

const held = new AsyncLocalStorage<ReadonlySet<string>>();
const TAKEOVER_STALE_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function lockFileOf(dataDir: string, workspaceKey: string): string {
  return join(dataDir, 'locks', `${workspaceKey}.lock`);
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

const describeHolder = (h: LockHolder): string => `${h.operation || 'operation'} (${h.operationId}), pid ${h.pid} on ${h.host} since ${h.since}`;

async function tryCreate(file: string, holder: LockHolder): Promise<boolean> {
  let fh;
  try {
    fh = await open(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await fh.writeFile(JSON.stringify(holder) + '\n', 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  return true;
}

/** Removes `file` if it still holds the stale holder we saw; one remover at a time. */
async function removeStale(file: string, seen: LockHolder | null): Promise<void> {
  const takeover = `${file}.takeover`;
  const me: LockHolder = { pid: process.pid, host: hostname(), operation: 'take-over', operationId: 'take-over', since: new Date().toISOString() };
  if (!(await tryCreate(takeover, me))) {
    // Another process is removing it; a take-over lock left by a killed process expires.
    const age = await stat(takeover).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > TAKEOVER_STALE_MS || isStale(await readLockHolder(takeover))) await rm(takeover, { force: true });
    return;
  }
  try {
    const now = await readLockHolder(file);
    const same = seen === null ? now === null : now !== null && now.pid === seen.pid && now.operationId === seen.operationId && now.since === seen.since;
    if (same && isStale(now)) await rm(file, { force: true });
  } finally {
    await rm(takeover, { force: true });
  }
}

export async function acquireWorkspaceLock(dataDir: string, workspaceKey: string, who: LockWho, opts: LockOptions = {}): Promise<WorkspaceLock> {
  const file = lockFileOf(dataDir, workspaceKey);
  await mkdir(join(dataDir, 'locks'), { recursive: true, mode: 0o700 });
  const now = opts.now ?? (() => new Date());
  const holder: LockHolder = { pid: process.pid, host: hostname(), operation: who.operation, operationId: who.operationId, since: now().toISOString() };
  const waitMs = opts.waitMs ?? 0;
  const started = Date.now();
  let told = false;
  let tornSince: number | null = null;
  for (;;) {
    if (await tryCreate(file, holder)) break;
    const current = await readLockHolder(file);
    if (current === null) {
      // A torn file from a process killed while writing it (or a writer mid-write): give it a moment.
      tornSince ??= Date.now();
      if (Date.now() - tornSince >= 50) await removeStale(file, null);
    } else if (isStale(current)) {
      await removeStale(file, current);
    } else {
      tornSince = null;
      if (Date.now() - started >= waitMs) {
        throw new KeyhiveError('LOCKED', `another ${describeHolder(current)} holds this workspace${waitMs > 0 ? `; waited ${Math.round(waitMs / 1000)} s` : ''}`, {
          file,
          fix: 'Wait for it to finish and try again (one change at a time per workspace). If that process is gone, run `keyhive recover`.',
        });
      }
      if (!told) {
        told = true;
        opts.onWait?.(current);
      }
    }
    await sleep(opts.pollMs ?? 25);
  }
  let released = false;
  return {
    file,
    holder,
    release: async () => {
      if (released) return;
      released = true;
      const current = await readLockHolder(file);
      if (current && current.pid === holder.pid && current.operationId === holder.operationId) await rm(file, { force: true });
    },
  };
}

/** Runs `fn` holding the lock; nested calls in the same call chain do not wait for themselves. */
export async function withWorkspaceLock<T>(dataDir: string, workspaceKey: string, who: LockWho, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const file = lockFileOf(dataDir, workspaceKey);
  const mine = held.getStore();
  if (mine?.has(file)) return fn();
  const lock = await acquireWorkspaceLock(dataDir, workspaceKey, who, opts);
  try {
    await opts.onAcquired?.();
    return await held.run(new Set([...(mine ?? []), file]), fn);
  } finally {
    await lock.release();
  }
}

/** Who holds the lock now (null when free or stale). */
export async function currentLockHolder(dataDir: string, workspaceKey: string): Promise<LockHolder | null> {
  const h = await readLockHolder(lockFileOf(dataDir, workspaceKey));
  return h && !isStale(h) ? h : null;
}

/** True when the current call chain holds this workspace's lock. */
export function holdsWorkspaceLock(dataDir: string, workspaceKey: string): boolean {
  return held.getStore()?.has(lockFileOf(dataDir, workspaceKey)) === true;
}

export function createWorkspaceLocker(dataDir: string, workspaceKey: () => string, defaults: LockOptions = {}): WorkspaceLocker {
  return {
    get file() {
      return lockFileOf(dataDir, workspaceKey());
    },
    run: (who, fn, opts) => withWorkspaceLock(dataDir, workspaceKey(), who, fn, { ...defaults, ...opts }),
    holder: () => currentLockHolder(dataDir, workspaceKey()),
  };
}
