import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateSecret } from '../../../electron/app/rotation/rotate-secret.js';
import { RotationJournal } from '../../../electron/adapters/fs/rotation-journal.js';
import { acquireWorkspaceLock, createWorkspaceLocker } from '../../../electron/adapters/fs/workspace-lock.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import type { ProgressEvent } from '../../../shared/domain.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../live-hub.js';

let w: LiveHubWorkspace;
beforeEach(async () => {
  w = await liveHubWorkspace();
});
afterEach(async () => {
  await w.cleanup();
});

describe('rotateSecret', () => {
  it('rotates: keychain and every binding get one new key the hub accepts; progress step by step; journal archived', async () => {
    const old = await w.keychain();
    const events: ProgressEvent[] = [];
    const r = await rotateSecret(w.ports, w.dataDir, SECRET, { onProgress: (e) => events.push(e) });
    expect(r.ok, r.summary).toBe(true);
    const now = await w.keychain();
    expect(now !== old).toBe(true);
    expect(await w.value(w.hubEnv, 'API_KEY')).toBe(now);
    expect(await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY')).toBe(now);
    expect(r.probes.every((p) => p.ok)).toBe(true);
    expect(events.filter((e) => e.state === 'done').map((e) => e.step)).toEqual(['backup', 'generate', 'keychain', 'files', 'restart', 'probe', 'cleanup']);
    expect(events.every((e) => e.operation === 'rotate' && e.operationId === r.operationId)).toBe(true);
    expect(JSON.stringify(events) + r.summary).not.toContain(now!);
    expect(await w.store.get(accounts.rotationBackup(w.id, SECRET))).toBeNull();
    expect(await new RotationJournal(w.dataDir).pending()).toEqual([]);
    const [entry] = await w.session.activity.list({ kind: 'rotate', secret: SECRET, limit: 1 });
    expect(entry?.id).toBe(r.activityId);
    expect(entry).toMatchObject({ fingerprintBefore: r.fingerprintBefore, fingerprintAfter: r.fingerprintAfter });
    expect(JSON.stringify(entry)).not.toContain(now!);
  });

  it('a failed probe rolls back files and keychain to the old key and says why', async () => {
    const old = await w.keychain();
    w.pinnedKey = old; // a hub that keeps the old key (not restarted)
    const r = await rotateSecret(w.ports, w.dataDir, SECRET);
    expect(r.ok).toBe(false);
    expect(r.outcome).toBe('rolled-back');
    expect(r.summary).toMatch(/rolled back: the new key failed auth-smoke \(401/);
    expect((await w.keychain()) === old).toBe(true);
    expect((await w.value(w.hubEnv, 'API_KEY')) === old).toBe(true);
    expect((await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY')) === old).toBe(true);
    expect(await w.store.get(accounts.rotationPending(w.id, SECRET))).toBeNull();
    expect(await w.store.get(accounts.rotationBackup(w.id, SECRET))).toBeNull();
  });

  it('a failed rotation of a secret empty everywhere puts every file back byte for byte (no new key left behind)', async () => {
    const { readFile, writeFile } = await import('node:fs/promises');
    await writeFile(w.hubEnv, (await readFile(w.hubEnv, 'utf8')).replace(/^API_KEY=.*$/m, 'API_KEY='));
    await writeFile(w.coreEnv, (await readFile(w.coreEnv, 'utf8')).replace(/^HIVECFM_HUB_API_KEY=.*$/m, 'HIVECFM_HUB_API_KEY='));
    await w.store.delete(accounts.secret(w.id, SECRET));
    const before = [await readFile(w.hubEnv, 'utf8'), await readFile(w.coreEnv, 'utf8')];
    w.pinnedKey = 'a-hub-that-was-not-restarted-0123456789'; // the new key fails the probe
    const events: ProgressEvent[] = [];
    const r = await rotateSecret(w.ports, w.dataDir, SECRET, { onProgress: (e) => events.push(e) });
    expect(r.outcome).toBe('rolled-back');
    expect([await readFile(w.hubEnv, 'utf8'), await readFile(w.coreEnv, 'utf8')]).toEqual(before);
    expect(await w.keychain()).toBeNull();
    expect(events.some((e) => e.step === 'files' && /restored to their bytes before the rotation/.test(e.detail ?? ''))).toBe(true);
    expect(await new RotationJournal(w.dataDir).pending()).toEqual([]);
  });

  it('one change at a time: waits, told who holds the lock, then LOCKED naming it; an unfinished journal must be recovered first', async () => {
    const lock = await acquireWorkspaceLock(w.dataDir, w.id, { operation: 'rotate', operationId: 'rotate-other' });
    const waitedFor: string[] = [];
    const impatient = { ...w.ports, lock: createWorkspaceLocker(w.dataDir, () => w.id, { waitMs: 300, onWait: (h) => waitedFor.push(h.operationId) }) };
    await expect(rotateSecret(impatient, w.dataDir, SECRET)).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringContaining('rotate-other') });
    expect(waitedFor).toEqual(['rotate-other']);
    await lock.release();
    const journal = new RotationJournal(w.dataDir, '');
    await journal.save({ version: 1, operationId: 'rotate-crashed', operation: 'rotate', workspaceId: w.id, workspaceFile: w.file, secret: SECRET, phase: 'forward', steps: [], data: {}, pid: 1, startedAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
    await expect(rotateSecret(w.ports, w.dataDir, SECRET)).rejects.toMatchObject({ code: 'LOCKED', fix: expect.stringContaining('keyhive recover') });
  });

  it('refuses unknown and issued secrets with the fix', async () => {
    await expect(rotateSecret(w.ports, w.dataDir, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    w.ports.workspace.config.secrets[SECRET]!.issuer = 'hogsend';
    await expect(rotateSecret(w.ports, w.dataDir, SECRET)).rejects.toMatchObject({ code: 'BAD_INPUT', fix: expect.stringContaining('keyhive keys rotate') });
  });
});
