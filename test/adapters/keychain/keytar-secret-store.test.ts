/**
 * KeytarSecretStore against the REAL keychain: the private gnome-keyring the global set-up
 * started, and — in child processes — a dead D-Bus socket, a bus that never answers, and a
 * keyring whose login collection was never unlocked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarBroker } from '../../../electron/adapters/keychain/keytar-broker.js';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { keychainUnavailable } from '../../../electron/adapters/keychain/keychain-errors.js';
import { requireKeyring, startKeyringDaemons } from '../../support/keyring-session.js';

interface OpResult { ok: boolean; result?: string | boolean | null; code?: string; message?: string; fix?: string; ms: number }

/** Runs operations on a store whose keytar helper talks to another D-Bus session. */
async function withEnv(env: Record<string, string>, timeoutMs: number, ...ops: string[]): Promise<OpResult[]> {
  const store = new KeytarSecretStore({ env, timeoutMs });
  const out: OpResult[] = [];
  try {
    for (const op of ops) {
      const [kind, account = '', value = ''] = op.split(':');
      const started = Date.now();
      try {
        const result = kind === 'get' ? await store.get(account) : kind === 'set' ? await store.set(account, value) : await store.delete(account);
        out.push({ ok: true, result: result ?? null, ms: Date.now() - started });
      } catch (e) {
        const k = e as KeyhiveError;
        out.push({ ok: false, code: k.code, message: k.message, fix: k.fix, ms: Date.now() - started });
      }
    }
  } finally {
    store.close();
  }
  return out;
}

const ws = `ws-${process.pid}-${Date.now().toString(36)}`;

describe('KeytarSecretStore on the real keychain', () => {
  beforeAll(() => requireKeyring());
  const store = new KeytarSecretStore();
  afterAll(() => store.close());

  it('sets, gets, overwrites and deletes', async () => {
    const acct = accounts.secret(ws, 'hub-api-key');
    expect(await store.get(acct)).toBeNull();
    await store.set(acct, 'first-value-0123456789');
    expect(await store.get(acct)).toBe('first-value-0123456789');
    await store.set(acct, 'second-value-abcdefghij');
    expect(await store.get(acct)).toBe('second-value-abcdefghij');
    expect(await store.delete(acct)).toBe(true);
    expect(await store.get(acct)).toBeNull();
    expect(await store.delete(acct)).toBe(false);
  });

  it('getMany answers several accounts in one helper call, in order, null where there is no entry', async () => {
    const a = accounts.secret(ws, 'many-a');
    const b = accounts.secret(ws, 'many-b');
    await store.set(a, 'value-a-0123456789');
    await store.set(b, 'välue-b-ünicode');
    try {
      expect(await store.getMany([b, accounts.secret(ws, 'many-missing'), a])).toEqual(['välue-b-ünicode', null, 'value-a-0123456789']);
      expect(await store.getMany([])).toEqual([]);
      await expect(store.getMany([a, ''])).rejects.toMatchObject({ code: 'BAD_INPUT' });
    } finally {
      await store.delete(a);
      await store.delete(b);
    }
  });

  it('keeps unicode and long values byte for byte', async () => {
    const acct = accounts.secret(ws, 'unicode');
    const value = 'ключ-🔑-鍵-é\u0301-' + 'x'.repeat(2000);
    await store.set(acct, value);
    expect(await store.get(acct)).toBe(value);
    await store.delete(acct);
  });

  it('isolates accounts per workspace id', async () => {
    const a = accounts.secret(`${ws}-a`, 'shared');
    const b = accounts.secret(`${ws}-b`, 'shared');
    await store.set(a, 'value-of-workspace-a');
    expect(await store.get(b)).toBeNull();
    await store.set(b, 'value-of-workspace-b');
    expect(await store.get(a)).toBe('value-of-workspace-a');
    expect(await store.delete(a)).toBe(true);
    expect(await store.get(b)).toBe('value-of-workspace-b');
    await store.delete(b);
  });

  it('is visible to another store with its own keytar process (it is the real keychain, not a cache)', async () => {
    const acct = accounts.secret(ws, 'cross-process');
    await store.set(acct, 'seen-by-another-process');
    const [r] = await withEnv({}, 5000, `get:${acct}`);
    expect(r).toMatchObject({ ok: true, result: 'seen-by-another-process' });
    await store.delete(acct);
  });

  it('refuses an empty value instead of storing it', async () => {
    await expect(store.set(accounts.secret(ws, 'empty'), '')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('KeytarSecretStore when no keychain is available', () => {
  it('no D-Bus (dead socket) → KEYCHAIN_UNAVAILABLE quickly, for every operation', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'keyhive-nobus-'));
    const results = await withEnv({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir}/no-such-socket` }, 5000, 'get:w/a', 'set:w/a:some-value', 'delete:w/a');
    await rm(dir, { recursive: true, force: true });
    for (const r of results) {
      expect(r).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
      expect(r.message).toContain('D-Bus');
      expect(r.fix).toMatch(/dbus|gnome-keyring/i);
      expect(r.ms).toBeLessThan(5000); // failed on its own, not by our timeout
      expect(JSON.stringify(r)).not.toContain('some-value');
    }
  });

  describe('a bus that accepts connections and never answers', () => {
    let server: Server;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'keyhive-mute-'));
      server = createServer(() => {
        /* accept and stay silent: what a wedged keyring prompt looks like to the caller */
      });
      await new Promise<void>((r) => server.listen(path.join(dir, 'bus'), r));
    });
    afterAll(async () => {
      server.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('→ KEYCHAIN_UNAVAILABLE at the configured timeout, not a hang; the next call is cut off too', async () => {
      const results = await withEnv({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'bus')}` }, 800, 'get:w/a', 'set:w/a:never-stored');
      for (const r of results) {
        expect(r).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
        expect(r.message).toContain('did not answer in time');
        expect(r.fix).toMatch(/unlock/i);
        expect(r.ms).toBeGreaterThanOrEqual(700);
        expect(r.ms).toBeLessThan(20_000); // generous: a hang would never return
      }
    });

    it('a process whose keychain call timed out still exits on its own, with its exit code', async () => {
      const storeModule = fileURLToPath(new URL('../../../electron/adapters/keychain/keytar-secret-store.ts', import.meta.url));
      const script = `const { KeytarSecretStore } = await import(${JSON.stringify(storeModule)});
        const s = new KeytarSecretStore({ timeoutMs: 500 });
        await s.get('w/a').catch((e) => console.log(e.code));
        process.exitCode = 3;`;
      const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'bus')}` },
        timeout: 60_000,
      }).then(
        () => ({ code: 0, stdout: '' }),
        (e: { code?: number; stdout?: string; killed?: boolean }) => ({ code: e.killed ? 'killed' : e.code, stdout: e.stdout ?? '' }),
      );
      expect(result).toEqual({ code: 3, stdout: 'KEYCHAIN_UNAVAILABLE\n' });
    });
  });

  it('a locked login collection → KEYCHAIN_UNAVAILABLE within the timeout, for reads too', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'keyhive-locked-'));
    const first = await startKeyringDaemons({ dataDir }); // creates + unlocks the login keyring
    await first.stop();
    const locked = await startKeyringDaemons({ dataDir, unlock: false, password: first.password });
    try {
      const results = await withEnv(locked.env, 5000, 'get:w/a', 'set:w/a:locked-value', 'delete:w/a');
      for (const r of results) {
        expect(r).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE' });
        expect(r.message).toContain('locked');
        expect(r.fix).toMatch(/unlock/i);
        expect(r.ms).toBeLessThan(5000 * 2); // at most the call + the read-only collection check
        expect(JSON.stringify(r)).not.toContain('locked-value');
      }
    } finally {
      await locked.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a missing keytar build → KEYCHAIN_UNAVAILABLE telling to run npm run setup (no crash at import)', async () => {
    const store = new KeytarSecretStore({ keytar: new KeytarBroker({ keytarId: 'keytar-that-is-not-installed' }) });
    const err = await store.get('w/a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyhiveError);
    expect(err).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', fix: expect.stringContaining('npm run setup') });
  });
});

describe('KeytarSecretStore logic (stand-in keytar)', () => {
  /** Models libsecret with a locked collection: reads say "no entry", writes fail. */
  function lockedKeytar(calls: string[]) {
    return {
      getPassword: async (_s: string, a: string) => (calls.push(`get ${a}`), null),
      setPassword: async (_s: string, a: string) => {
        calls.push(`set ${a}`);
        throw new Error('Cannot create an item in a locked collection');
      },
      deletePassword: async (_s: string, a: string) => (calls.push(`delete ${a}`), false),
    };
  }

  const lockedCheck = (checks: string[]) => async () => {
    checks.push('check');
    throw keychainUnavailable('locked', 'the default collection is locked', 'linux');
  };

  it('confirms a "no entry" read on Linux by a read-only check — the read never writes', async () => {
    const calls: string[] = [];
    const checks: string[] = [];
    const store = new KeytarSecretStore({ keytar: lockedKeytar(calls), platform: 'linux', checkCollection: lockedCheck(checks) });
    await expect(store.get('w/a')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringContaining('locked') });
    await expect(store.delete('w/a')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(calls).toEqual(['get w/a', 'delete w/a']);
    expect(checks).toEqual(['check', 'check']);
  });

  it('many missing reads at once share ONE collection check, then "no entry" is trusted (null)', async () => {
    const calls: string[] = [];
    let checks = 0;
    const store = new KeytarSecretStore({ keytar: lockedKeytar(calls), platform: 'linux', checkCollection: async () => (checks++, 'unlocked') });
    const values = await Promise.all(Array.from({ length: 50 }, (_, i) => store.get(`w/s${i}`)));
    expect(values).toEqual(Array.from({ length: 50 }, () => null));
    expect(await store.get('w/later')).toBeNull();
    expect(checks).toBe(1);
    expect(calls.filter((c) => !c.startsWith('get'))).toEqual([]);
  });

  it('runs keychain calls one at a time, in order', async () => {
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const slow = async <T>(what: string, v: T): Promise<T> => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      order.push(what);
      inFlight--;
      return v;
    };
    const keytar = {
      getPassword: (_s: string, a: string) => slow(`get ${a}`, 'v'),
      setPassword: (_s: string, a: string) => slow(`set ${a}`, undefined),
      deletePassword: (_s: string, a: string) => slow(`delete ${a}`, true),
    };
    const store = new KeytarSecretStore({ keytar, platform: 'linux', checkCollection: async () => 'unlocked' });
    await Promise.all([store.get('w/1'), store.set('w/2', 'x'), store.delete('w/3'), store.get('w/4')]);
    expect(most).toBe(1);
    expect(order).toEqual(['get w/1', 'set w/2', 'delete w/3', 'get w/4']);
  });

  it('an entry removed under a read (libsecret: "No such interface … Secret.Item") is read again, once; a write is not repeated', async () => {
    const vanished = () => new Error('GDBus.Error:org.freedesktop.DBus.Error.UnknownMethod: No such interface “org.freedesktop.Secret.Item” on object at path /org/freedesktop/secrets/collection/login/12');
    const calls: string[] = [];
    let failNext = true;
    const keytar = {
      getPassword: async (_s: string, a: string) => {
        calls.push(`get ${a}`);
        if (failNext) {
          failNext = false;
          throw vanished();
        }
        return null;
      },
      setPassword: async (_s: string, a: string) => {
        calls.push(`set ${a}`);
        throw vanished();
      },
      deletePassword: async () => true,
    };
    const store = new KeytarSecretStore({ keytar, platform: 'linux', checkCollection: async () => 'unlocked' });
    expect(await store.get('w/gone')).toBeNull();
    expect(calls).toEqual(['get w/gone', 'get w/gone']);
    await expect(store.set('w/x', 'v')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(calls.filter((c) => c.startsWith('set'))).toEqual(['set w/x']);
  });

  it('a call that times out fails the calls queued behind it at once (no pile-up of waits)', async () => {
    const never = { getPassword: () => new Promise<string | null>(() => {}), setPassword: async () => {}, deletePassword: async () => true };
    const store = new KeytarSecretStore({ keytar: never, timeoutMs: 200, platform: 'linux' });
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.get(`w/${i}`)));
    expect(results.every((r) => r.status === 'rejected' && (r.reason as KeyhiveError).code === 'KEYCHAIN_UNAVAILABLE')).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000); // one timeout, not twenty
  });

  it('refuses a value with a NUL byte (the keychain would cut it off there)', async () => {
    const calls: string[] = [];
    const store = new KeytarSecretStore({ keytar: lockedKeytar(calls), platform: 'linux' });
    await expect(store.set('w/a', 'before\0after')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(calls).toEqual([]);
  });

  it('trusts "no entry" where the OS keychain reports locks itself (macOS)', async () => {
    const calls: string[] = [];
    const store = new KeytarSecretStore({ keytar: lockedKeytar(calls), platform: 'darwin' });
    expect(await store.get('w/a')).toBeNull();
    expect(calls).toEqual(['get w/a']);
  });

  it('reads the timeout from KEYHIVE_KEYCHAIN_TIMEOUT_MS', () => {
    process.env.KEYHIVE_KEYCHAIN_TIMEOUT_MS = '1234';
    try {
      expect(new KeytarSecretStore({ keytar: lockedKeytar([]) }).timeoutMs).toBe(1234);
    } finally {
      delete process.env.KEYHIVE_KEYCHAIN_TIMEOUT_MS;
    }
    expect(new KeytarSecretStore({ keytar: lockedKeytar([]) }).timeoutMs).toBe(5000);
  });
});
