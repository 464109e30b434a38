import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../electron/core/rotation/journal-record.js';
import { runFlow } from '../../../electron/core/rotation/step-machine.js';
import { recoverPending } from '../../../electron/app/lifecycle/recover.js';
import { rotationContext } from '../../../electron/app/rotation/rotate-secret.js';
import { rotationFlow, ROTATION_STEPS } from '../../../electron/app/rotation/rotate-flow.js';
import { RotationJournal } from '../../../electron/adapters/fs/rotation-journal.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../live-hub.js';

let w: LiveHubWorkspace;
beforeEach(async () => {
  w = await liveHubWorkspace();
});
afterEach(async () => {
  await w.cleanup();
});

/** A journal that "loses power" right after `step` is saved as done: later saves never reach the disk. */
class CrashingJournal extends RotationJournal {
  crashed = false;
  constructor(dataDir: string, private readonly step: string) {
    super(dataDir, '');
  }
  override async save(record: JournalRecord): Promise<void> {
    if (this.crashed) throw new Error('power cut');
    await super.save(record);
    if (record.steps.find((s) => s.id === this.step)?.state === 'done') this.crashed = true;
  }
}

async function crashAt(step: string): Promise<void> {
  const journal = new CrashingJournal(w.dataDir, step);
  // As rotateSecret does: the flow runs holding the workspace lock (its nested sync re-enters it).
  await w.ports.lock
    .run({ operation: 'rotate', operationId: `rotate-crash-${step}` }, () =>
      runFlow(rotationFlow(), rotationContext(w.ports, SECRET), { operationId: `rotate-crash-${step}`, workspaceId: w.id, workspaceFile: w.file, secret: SECRET, pid: 999_999 }, journal),
    )
    .catch(() => {});
}

describe('recoverPending', () => {
  it.each(ROTATION_STEPS)('after a crash after "%s": one key everywhere, old before the probe, new after, the hub accepts it', async (step) => {
    const old = await w.keychain();
    await crashAt(step);
    const generated = await w.store.get(accounts.rotationPending(w.id, SECRET));
    const done = await recoverPending(w.ports, w.dataDir);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ ok: true, action: step === 'probe' || step === 'cleanup' ? 'completed' : 'rolled-back' });
    const k = await w.keychain();
    expect(await w.value(w.hubEnv, 'API_KEY')).toBe(k);
    expect(await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY')).toBe(k);
    if (step === 'cleanup') expect(k !== old).toBe(true);
    else if (step === 'probe') expect(k === generated).toBe(true);
    else expect(k === old).toBe(true);
    const res = await fetch(`${(await w.value(w.coreEnv, 'HIVECFM_HUB_URL'))!}/v1/webhooks`, { headers: { authorization: `Bearer ${k}` } });
    expect(res.status).toBe(200);
    expect(await new RotationJournal(w.dataDir).pending()).toEqual([]);
    expect(await recoverPending(w.ports, w.dataDir)).toEqual([]);
    expect((await w.session.activity.list({ kind: 'recover', secret: SECRET })).length).toBe(1);
  });

  it('leaves journals it has no resumer for, and hands others to their resumer', async () => {
    const journal = new RotationJournal(w.dataDir, '');
    const rec = (operationId: string): JournalRecord => ({ version: 1, operationId, operation: 'rotate-issued', workspaceId: w.id, workspaceFile: w.file, secret: SECRET, phase: 'forward', steps: [], data: {}, pid: 1, startedAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
    await journal.save(rec('issued-1'));
    const left = await recoverPending(w.ports, w.dataDir);
    expect(left).toMatchObject([{ action: 'left', ok: false, summary: expect.stringContaining('no resumer') }]);
    const seen: string[] = [];
    const handled = await recoverPending(w.ports, w.dataDir, { resumers: { 'rotate-issued': async (r) => (seen.push(r.operationId), { ok: true, summary: 'finished' }) } });
    expect(seen).toEqual(['issued-1']);
    expect(handled).toMatchObject([{ action: 'completed', ok: true, summary: 'finished' }]);
  });
});

describe('recoverPendingForSession', () => {
  it('recovers through an open session (what the app calls at start)', async () => {
    const { recoverPendingForSession } = await import('../../../electron/app/lifecycle/recover.js');
    const old = await w.keychain();
    await crashAt('files');
    const done = await recoverPendingForSession(w.session);
    expect(done).toMatchObject([{ action: 'rolled-back', ok: true }]);
    expect((await w.keychain()) === old).toBe(true);
    expect((await w.value(w.hubEnv, 'API_KEY')) === old).toBe(true);
  });
});

describe('a rotation still running in another process', () => {
  it('is left to that process (not rolled back under its feet)', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { hostname } = await import('node:os');
    const { lockFileOf } = await import('../../../electron/adapters/fs/workspace-lock.js');
    const other = spawn('sleep', ['30']);
    try {
      const old = await w.keychain();
      await crashAt('files');
      await mkdir(join(w.dataDir, 'locks'), { recursive: true });
      await writeFile(lockFileOf(w.dataDir, w.id), JSON.stringify({ pid: other.pid, host: hostname(), operation: 'rotate', operationId: 'rotate-live', since: 'now' }));
      const r = await recoverPending(w.ports, w.dataDir);
      expect(r).toMatchObject([{ action: 'left', ok: true, summary: expect.stringContaining(`pid ${other.pid}`) }]);
      expect((await new RotationJournal(w.dataDir).pending()).length).toBe(1);
      // once that process is gone, its lock is stale and recovery rolls back
      other.kill('SIGKILL');
      await new Promise((res) => other.on('exit', res));
      expect(await recoverPending(w.ports, w.dataDir)).toMatchObject([{ action: 'rolled-back', ok: true }]);
      expect((await w.keychain()) === old).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });
});
