import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotationContext } from '../../../electron/app/rotation/rotate-secret.js';
import { rotationFlow, ROTATION_STEPS } from '../../../electron/app/rotation/rotate-flow.js';
import { newJournalRecord, type StepIo } from '../../../electron/core/rotation/step-machine.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../live-hub.js';

let w: LiveHubWorkspace;
beforeEach(async () => {
  w = await liveHubWorkspace();
});
afterEach(async () => {
  await w.cleanup();
});

const step = (id: string) => rotationFlow().steps.find((s) => s.id === id)!;
function io(data: Record<string, unknown> = {}): StepIo {
  const record = newJournalRecord(rotationFlow() as never, { operationId: 'rot-x', workspaceId: 'w', workspaceFile: '/k', data });
  return { record, setData: (p) => Object.assign(record.data, p), saveNow: async () => {}, progress: () => {} };
}

describe('rotationFlow', () => {
  it('has the documented steps, with the probe as the only point of no return', () => {
    const flow = rotationFlow();
    expect(flow.operation).toBe('rotate');
    expect(flow.steps.map((s) => s.id)).toEqual([...ROTATION_STEPS]);
    expect(flow.steps.filter((s) => s.commits).map((s) => s.id)).toEqual(['probe']);
  });

  it('generate keeps the value it already made (a re-run after a crash never makes a second key)', async () => {
    const ctx = rotationContext(w.ports, SECRET);
    const i = io();
    await step('generate').forward(ctx, i);
    const first = await w.store.get(accounts.rotationPending(w.id, SECRET));
    expect(first).toMatch(/.{20,}/);
    expect(i.record.data.fingerprintAfter).toMatch(/^[0-9a-f]{8}$/);
    await step('generate').forward(ctx, i);
    expect(await w.store.get(accounts.rotationPending(w.id, SECRET))).toBe(first);
    // the journal holds the fingerprint, never the value
    expect(JSON.stringify(i.record)).not.toContain(first!);
  });

  it('backup keeps the old value; the keychain step and its compensation swap new and old', async () => {
    const ctx = rotationContext(w.ports, SECRET);
    const old = await w.keychain();
    const i = io();
    await step('backup').forward(ctx, i);
    expect(await w.store.get(accounts.rotationBackup(w.id, SECRET))).toBe(old);
    expect(i.record.data.hadOld).toBe(true);
    await step('generate').forward(ctx, i);
    await step('keychain').forward(ctx, i);
    expect(await w.keychain()).toBe(await w.store.get(accounts.rotationPending(w.id, SECRET)));
    await step('keychain').compensate!(ctx, i);
    expect(await w.keychain()).toBe(old);
    // compensating twice is harmless
    await step('keychain').compensate!(ctx, i);
    expect(await w.keychain()).toBe(old);
  });
});
