/**
 * `keyhive rotate` and `keyhive recover` as a user runs them: the real CLI, the real keychain,
 * the HiveCFM hub and core running as real native processes. A `kill -9` is injected right after
 * each step in turn (KEYHIVE_TEST_CRASH_AFTER); after `keyhive recover` every run must end with
 * both sides and the keychain on ONE key that the hub accepts — the old or the new one — and
 * no run may lose a key.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireWorkspaceLock } from '../../../electron/adapters/fs/workspace-lock.js';
import { ROTATION_STEPS } from '../../../electron/app/rotation/rotate-flow.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { requireKeyring } from '../../support/keyring-session.js';
import { demoCopy, output, SECRET, type DemoCopy } from '../cli-harness.js';

let demo: DemoCopy;
const acct = () => ({ secret: accounts.secret(demo.id, SECRET), backup: accounts.rotationBackup(demo.id, SECRET), pending: accounts.rotationPending(demo.id, SECRET) });

async function sides(): Promise<{ hub: string | null; core: string | null; keychain: string | null }> {
  return { hub: await demo.value(demo.hubEnv, 'API_KEY'), core: await demo.value(demo.coreEnv, 'HIVECFM_HUB_API_KEY'), keychain: await demo.store.get(acct().secret) };
}

beforeAll(async () => {
  requireKeyring();
  demo = await demoCopy('native');
  const up = demo.run(['up']);
  expect(up.status, output(up)).toBe(0);
  // the keychain starts with the value both sides hold
  await demo.store.set(acct().secret, (await demo.value(demo.hubEnv, 'API_KEY'))!);
}, 120_000);

afterAll(async () => {
  if (!demo) return;
  demo.run(['down']);
  for (const a of Object.values(acct())) await demo.store.delete(a).catch(() => false);
  await demo.store.delete(accounts.fingerprintKey(demo.id)).catch(() => false);
  await demo.cleanup();
});

describe('keyhive rotate (real CLI, real keychain, native hub + core)', () => {
  it('rotates: one line per step, both sides and the keychain on a new key the hub accepts', async () => {
    const before = await sides();
    const r = demo.run(['rotate', SECRET]);
    expect(r.status, output(r)).toBe(0);
    for (const step of ROTATION_STEPS) expect(r.stdout).toMatch(new RegExp(`\\[${step}\\] .*: done`));
    expect(r.stdout).toMatch(/Rotated hivecfm-hub-api-key: \w{8} → \w{8}/);
    const after = await sides();
    expect(after.hub !== before.hub, 'a new key').toBe(true);
    expect(after.core).toBe(after.hub);
    expect(after.keychain).toBe(after.hub);
    expect(r.stdout + r.stderr).not.toContain(after.hub!);
    expect(r.stdout + r.stderr).not.toContain(before.hub!);
    const probe = demo.run(['probe', SECRET]);
    expect(probe.status, output(probe)).toBe(0);
    expect(await demo.store.get(acct().backup)).toBeNull();
    expect(await demo.store.get(acct().pending)).toBeNull();
  }, 120_000);

  const crashPoints = [...ROTATION_STEPS, 'files:running'];
  it.each(crashPoints)('kill -9 after "%s", then recover: one key everywhere, accepted by the hub, none lost', async (point) => {
    const old = (await sides()).keychain!;
    const crashed = demo.run(['rotate', SECRET], { KEYHIVE_TEST_CRASH_AFTER: point });
    expect(crashed.signal, output(crashed)).toBe('SIGKILL');
    const generated = await demo.store.get(acct().pending);

    const rec = demo.run(['recover']);
    expect(rec.status, output(rec)).toBe(0);
    expect(rec.stdout).toMatch(/rolled back|completed/);

    const now = await sides();
    expect(now.hub).not.toBeNull();
    expect(now.core).toBe(now.hub);
    expect(now.keychain).toBe(now.hub);
    // old until the new key was proven, new after: never a third value
    // (compared as booleans so a failure never prints a key)
    if (point === 'cleanup') expect(now.hub !== old, 'the proven new key stays').toBe(true);
    else if (point === 'probe') expect(now.hub === generated, 'the proven new key is completed').toBe(true);
    else expect(now.hub === old, 'an unproven rotation is rolled back to the old key').toBe(true);
    const probe = demo.run(['probe', SECRET]);
    expect(probe.status, output(probe)).toBe(0);
    // nothing left behind: no pending journal, no kept values, no lock
    expect((await readdir(join(demo.dataDir, 'journal'))).filter((n) => n.endsWith('.json'))).toEqual([]);
    expect(await demo.store.get(acct().backup)).toBeNull();
    expect(await demo.store.get(acct().pending)).toBeNull();
    expect(rec.stdout + rec.stderr + crashed.stdout + crashed.stderr).not.toContain(now.hub!);
  }, 180_000);

  it('a second rotation while one holds the workspace lock waits, says for whom, then gets LOCKED naming the holder', async () => {
    const lock = await acquireWorkspaceLock(demo.dataDir, demo.id, { operation: 'rotate', operationId: 'rotate-held-by-test' });
    try {
      const r = demo.run(['rotate', SECRET], { KEYHIVE_LOCK_WAIT_SECONDS: '1' });
      expect(r.status, output(r)).toBe(1);
      expect(r.stderr).toMatch(/waiting for rotate rotate-held-by-test \(pid \d+/);
      expect(r.stderr).toMatch(/LOCKED|holds this workspace; waited 1 s/);
      expect(r.stderr).toContain('rotate-held-by-test');
      expect(r.stderr).toContain(`pid ${process.pid}`);
    } finally {
      await lock.release();
    }
  }, 60_000);

  it('recover with nothing pending says so and exits 0; --help works', () => {
    const r = demo.run(['recover']);
    expect(r.status, output(r)).toBe(0);
    expect(r.stdout).toContain('nothing to recover');
    const h = demo.run(['rotate', '--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('Usage: keyhive rotate');
  });
});
