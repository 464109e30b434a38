/**
 * Issue 15 item 2 — "a keychain read never cries wolf", against the REAL private gnome-keyring:
 * many reads of entries that do not exist, at once and in a row, are answered as missing (null),
 * never as a broken keychain, and never write anything.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarBroker } from '../../../electron/adapters/keychain/keytar-broker.js';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { requireKeyring } from '../../support/keyring-session.js';

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
  afterAll(() => stores.forEach((s) => (s as unknown as { keytar: KeytarBroker }).keytar.close()));

  it('300 missing entries read at once are all null, with no keychain error', async () => {
    const store = fresh();
    const names = Array.from({ length: 300 }, (_, i) => accounts.secret(ws, `missing-${i}`));
    const results = await Promise.allSettled(names.map((a) => store.get(a)));
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason?.message));
    expect(failed).toEqual([]);
    expect(results.map((r) => (r as PromiseFulfilledResult<string | null>).value)).toEqual(names.map(() => null));
  });

  it('five stores (five helper processes) reading missing entries at once, 10 rounds: no errors', async () => {
    const failed: string[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = Array.from({ length: 5 }, () => fresh());
      const results = await Promise.allSettled(batch.flatMap((s) => Array.from({ length: 20 }, (_, i) => s.get(accounts.secret(ws, `r${round}-${i}`)))));
      for (const r of results) if (r.status === 'rejected') failed.push(String((r.reason as Error).message));
      for (const s of batch) (s as unknown as { keytar: KeytarBroker }).keytar.close();
    }
    expect(failed).toEqual([]);
  });

  it('a missing read with a delete of a missing entry at once: null and false', async () => {
    const store = fresh();
    const [a, b, c] = await Promise.all([store.get(accounts.secret(ws, 'x')), store.delete(accounts.secret(ws, 'y')), store.get(accounts.secret(ws, 'z'))]);
    expect([a, b, c]).toEqual([null, false, null]);
  });
});
