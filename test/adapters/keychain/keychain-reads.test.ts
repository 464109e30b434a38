/**
 * Issue 15 item 2 — "a keychain read never cries wolf", against the REAL private gnome-keyring:
 * many reads of entries that do not exist, at once and in a row, are answered as missing (null),
 * never as a broken keychain, and never write anything.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarBroker } from '../../../electron/adapters/keychain/keytar-broker.js';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { requireKeyring, startKeyringDaemons } from '../../support/keyring-session.js';

const ws = `reads-${randomBytes(5).toString('hex')}`;

describe('keychain reads of missing entries (real keyring)', { timeout: 120_000 }, () => {
  beforeAll(() => requireKeyring());
  const stores: KeytarSecretStore[] = [];
  const fresh = (): KeytarSecretStore => {
    // Its own helper process, so no earlier call has confirmed the keychain for it.
    const s = new KeytarSecretStore({ keytar: new KeytarBroker() });
    stores.push(s);
    return s;
  };
  afterAll(() => stores.forEach((s) => ((s as unknown as { keytar: KeytarBroker }).keytar.close?.(), s.close())));

  it('300 missing entries read at once are all null, with no keychain error', async () => {
    const store = fresh();
    const names = Array.from({ length: 300 }, (_, i) => accounts.secret(ws, `missing-${i}`));
    const results = await Promise.allSettled(names.map((a) => store.get(a)));
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason?.message));
    expect(failed).toEqual([]);
    expect(results.map((r) => (r as PromiseFulfilledResult<string | null>).value)).toEqual(names.map(() => null));
  });

  it('five stores (five helper processes) reading missing entries at once, 5 rounds: no errors', async () => {
    const failed: string[] = [];
    for (let round = 0; round < 5; round++) {
      const batch = Array.from({ length: 5 }, () => fresh());
      const results = await Promise.allSettled(batch.flatMap((s) => Array.from({ length: 20 }, (_, i) => s.get(accounts.secret(ws, `r${round}-${i}`)))));
      for (const r of results) if (r.status === 'rejected') failed.push(String((r.reason as Error).message));
      for (const s of batch) (s as unknown as { keytar: KeytarBroker }).keytar.close();
    }
    expect(failed).toEqual([]);
  });

  it('reads never write: on the bus, 100 missing reads send no CreateItem, Delete or SetSecret (dbus-monitor)', async () => {
    // A private keyring of its own: other test runs share the global one and may write meanwhile.
    const keyring = await startKeyringDaemons();
    const monitor = spawn('dbus-monitor', ['--session', "interface='org.freedesktop.Secret.Service'", "interface='org.freedesktop.Secret.Collection'", "interface='org.freedesktop.Secret.Item'"], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...keyring.env },
    });
    let seen = '';
    monitor.stdout.on('data', (d: Buffer) => (seen += d.toString()));
    try {
      // dbus-monitor prints its own NameAcquired once it listens.
      for (let i = 0; i < 100 && !seen.includes('NameAcquired') && monitor.exitCode === null; i++) await sleep(50);
      expect(seen, 'dbus-monitor did not start').toContain('NameAcquired');
      const store = new KeytarSecretStore({ env: keyring.env });
      stores.push(store);
      const values = await Promise.all(Array.from({ length: 100 }, (_, i) => store.get(accounts.secret(ws, `watched-${i}`))));
      expect(values.every((v) => v === null)).toBe(true);
      // Control: the monitor does see a real write (so silence above means no write, not a deaf monitor).
      await store.set(accounts.secret(ws, 'control'), 'control-value-0123456789');
      await store.delete(accounts.secret(ws, 'control'));
      for (let i = 0; i < 100 && !/member=Delete/.test(seen); i++) await sleep(50);
      const calls = [...seen.matchAll(/member=(\w+)/g)].map((m) => m[1]);
      const writes = calls.filter((c) => c === 'CreateItem' || c === 'Delete' || c === 'SetSecret');
      expect(writes).toEqual(['CreateItem', 'Delete']); // the control only
    } finally {
      monitor.kill();
      await keyring.stop();
    }
  });

  it('a missing read with a delete of a missing entry at once: null and false', async () => {
    const store = fresh();
    const [a, b, c] = await Promise.all([store.get(accounts.secret(ws, 'x')), store.delete(accounts.secret(ws, 'y')), store.get(accounts.secret(ws, 'z'))]);
    expect([a, b, c]).toEqual([null, false, null]);
  });
});
