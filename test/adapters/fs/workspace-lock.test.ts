import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireWorkspaceLock, currentLockHolder, lockFileOf } from '../../../electron/adapters/fs/workspace-lock.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'keyhive-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('workspace lock', () => {
  it('lets one operation in and tells the second who holds the lock', async () => {
    const lock = await acquireWorkspaceLock(dataDir, 'ws1', { operation: 'rotate', operationId: 'rot-a' });
    const err = await acquireWorkspaceLock(dataDir, 'ws1', { operation: 'rotate', operationId: 'rot-b' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'LOCKED' });
    expect((err as Error).message).toContain('rot-a');
    expect((err as Error).message).toContain(`pid ${process.pid}`);
    // another workspace is independent
    const other = await acquireWorkspaceLock(dataDir, 'ws2', { operation: 'rotate', operationId: 'rot-c' });
    await other.release();
    expect((await currentLockHolder(dataDir, 'ws1'))?.operationId).toBe('rot-a');
    await lock.release();
    expect(await currentLockHolder(dataDir, 'ws1')).toBeNull();
    const again = await acquireWorkspaceLock(dataDir, 'ws1', { operation: 'rotate', operationId: 'rot-b' });
    await again.release();
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    await mkdir(join(dataDir, 'locks'), { recursive: true });
    await writeFile(lockFileOf(dataDir, 'ws1'), JSON.stringify({ pid: deadPid, host: hostname(), operation: 'rotate', operationId: 'dead', since: 'then' }));
    const lock = await acquireWorkspaceLock(dataDir, 'ws1', { operation: 'rotate', operationId: 'alive' });
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, operationId: 'alive' });
    await lock.release();
  });

  it('takes over a torn (empty) lock file', async () => {
    await mkdir(join(dataDir, 'locks'), { recursive: true });
    await writeFile(lockFileOf(dataDir, 'ws1'), '');
    const lock = await acquireWorkspaceLock(dataDir, 'ws1', { operation: 'rotate', operationId: 'x' });
    await lock.release();
  });
});
