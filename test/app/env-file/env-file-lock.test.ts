/**
 * `keyhive env set|unset` on an env file of a workspace is a change of that workspace: it takes
 * the workspace's lock (waiting, then LOCKED naming the holder); a loose .env needs none. Real files.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireWorkspaceLock, holdsWorkspaceLock, type LockHolder } from '../../../electron/adapters/fs/workspace-lock.js';
import { workspaceKeyFor } from '../../../electron/adapters/fs/workspace-identity.js';
import { owningWorkspace, withEnvFileLock } from '../../../electron/app/env-file/env-file-lock.js';
import { makeWorkspace } from '../support/temp-workspace.js';

describe('withEnvFileLock', () => {
  it('a bound env file waits for the workspace lock, says for whom, then fails LOCKED; it runs once the lock is free', async () => {
    const ws = await makeWorkspace({ hub: 'h', core: 'c' });
    try {
      expect(await owningWorkspace(ws.hubEnv)).toMatchObject({ file: ws.file, id: ws.id });
      const key = await workspaceKeyFor(ws.dataDir, ws.id, ws.file);
      const lock = await acquireWorkspaceLock(ws.dataDir, key, { operation: 'sync', operationId: 'sync-held' });
      const told: LockHolder[] = [];
      let ran = false;
      const err = await withEnvFileLock(ws.hubEnv, async () => void (ran = true), { dataDir: ws.dataDir, lockWaitMs: 200, onLockWait: (h) => told.push(h) }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'LOCKED', message: expect.stringContaining('sync-held') });
      expect(told.map((h) => h.operationId)).toEqual(['sync-held']);
      expect(ran).toBe(false);
      await lock.release();
      await withEnvFileLock(ws.hubEnv, async () => {
        ran = holdsWorkspaceLock(ws.dataDir, key);
      }, { dataDir: ws.dataDir });
      expect(ran).toBe(true);
    } finally {
      await ws.cleanup();
    }
  });

  it('a loose .env (no workspace above it, or not one of its env files) needs no lock', async () => {
    const loose = await mkdtemp(join(tmpdir(), 'kh-loose-'));
    const ws = await makeWorkspace({ hub: 'h', core: 'c' });
    try {
      await writeFile(join(loose, '.env'), 'A=1\n');
      await writeFile(join(ws.root, 'hivecfm-hub', 'other.env'), 'A=1\n');
      expect(await owningWorkspace(join(loose, '.env'))).toBeNull();
      expect(await owningWorkspace(join(ws.root, 'hivecfm-hub', 'other.env'))).toBeNull();
      const key = await workspaceKeyFor(ws.dataDir, ws.id, ws.file);
      const lock = await acquireWorkspaceLock(ws.dataDir, key, { operation: 'sync', operationId: 'sync-held' });
      try {
        expect(await withEnvFileLock(join(ws.root, 'hivecfm-hub', 'other.env'), async () => 'ran', { dataDir: ws.dataDir, lockWaitMs: 0 })).toBe('ran');
      } finally {
        await lock.release();
      }
    } finally {
      await rm(loose, { recursive: true, force: true });
      await ws.cleanup();
    }
  });
});
