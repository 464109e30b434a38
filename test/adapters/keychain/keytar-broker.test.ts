/** The keytar helper process, against the real keyring of the test run. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inProcessKeytar, keytarFor, KeytarBroker, resolveKeytarPath } from '../../../electron/adapters/keychain/keytar-broker.js';
import { requireKeyring } from '../../support/keyring-session.js';

const account = `broker-${process.pid}/secret`;

describe('KeytarBroker', () => {
  beforeAll(() => requireKeyring());
  const brokers: KeytarBroker[] = [];
  const make = (opts?: ConstructorParameters<typeof KeytarBroker>[0]) => {
    const b = new KeytarBroker(opts);
    brokers.push(b);
    return b;
  };
  afterEach(() => brokers.splice(0).forEach((b) => b.close()));

  it('relays keytar calls to its helper and answers them', async () => {
    const b = make();
    expect(await b.getPassword('Keyhive', account)).toBeNull();
    await b.setPassword('Keyhive', account, 'relayed-value');
    expect(await b.getPassword('Keyhive', account)).toBe('relayed-value');
    expect(await b.deletePassword('Keyhive', account)).toBe(true);
  });

  it('answers concurrent calls each with its own result', async () => {
    const b = make();
    await Promise.all([1, 2, 3].map((i) => b.setPassword('Keyhive', `${account}-${i}`, `v${i}`)));
    const got = await Promise.all([3, 1, 2].map((i) => b.getPassword('Keyhive', `${account}-${i}`)));
    expect(got).toEqual(['v3', 'v1', 'v2']);
    await Promise.all([1, 2, 3].map((i) => b.deletePassword('Keyhive', `${account}-${i}`)));
  });

  it('abort fails calls in flight and the next call starts a fresh helper', async () => {
    const b = make();
    const inFlight = b.getPassword('Keyhive', account);
    b.abort(new Error('cut off'));
    await expect(inFlight).rejects.toThrow('cut off');
    expect(await b.getPassword('Keyhive', account)).toBeNull();
  });

  it('stops an idle helper on its own and starts a new one for the next call', async () => {
    const b = make({ idleMs: 300 });
    await b.getPassword('Keyhive', account);
    const first = b.helperPid as number;
    expect(first).toBeGreaterThan(0);
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        process.kill(first, 0);
      } catch {
        gone = true;
      }
    }
    expect(gone).toBe(true);
    expect(b.helperPid).toBeUndefined();
    expect(await b.getPassword('Keyhive', account)).toBeNull();
    expect(b.helperPid).not.toBe(first);
  });

  it('shutdown lets the helper go and resolves only once it has exited; the next call starts a new one', async () => {
    const b = make();
    await b.getPassword('Keyhive', account);
    const pid = b.helperPid as number;
    expect(pid).toBeGreaterThan(0);
    await b.shutdown();
    expect(b.helperPid).toBeUndefined();
    expect(() => process.kill(pid, 0)).toThrow(); // already gone, not "about to go"
    await b.shutdown(); // nothing to stop: a no-op
    expect(await b.getPassword('Keyhive', account)).toBeNull();
    expect(b.helperPid).not.toBe(pid);
  });

  it('shutdown kills a helper that does not leave within the grace time', async () => {
    const b = make();
    await b.ensureStarted();
    const pid = b.helperPid as number;
    process.kill(pid, 'SIGSTOP'); // wedged: cannot react to its channel closing
    const t0 = performance.now();
    await b.shutdown(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(150);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('start-up has its own limit: a helper too slow to start is stopped with a clear error, the next one works', async () => {
    const b = make();
    await expect(b.ensureStarted(1)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringContaining('did not start') });
    expect(b.helperPid).toBeUndefined();
    await expect(b.ensureStarted()).resolves.toBeUndefined();
    expect(await b.getPassword('Keyhive', account)).toBeNull();
  });

  it('stores without their own environment share one helper process', async () => {
    const { sharedKeytarBroker } = await import('../../../electron/adapters/keychain/keytar-broker.js');
    expect(sharedKeytarBroker()).toBe(sharedKeytarBroker());
  });

  it('inside Electron (RunAsNode fused off) keytar runs in-process, and works against the real keychain', async () => {
    expect(keytarFor({ node: '20.20.2' })).toBeInstanceOf(KeytarBroker);
    const electronKeytar = keytarFor({ node: '22.0.0', electron: '41.7.1' });
    expect(electronKeytar).not.toBeInstanceOf(KeytarBroker);
    const inProcess = inProcessKeytar();
    const acct = `${account}-in-process`;
    await inProcess.setPassword('Keyhive', acct, 'v-in-process');
    expect(await inProcess.getPassword('Keyhive', acct)).toBe('v-in-process');
    expect(await electronKeytar.getPassword('Keyhive', acct)).toBe('v-in-process');
    expect(await inProcess.deletePassword('Keyhive', acct)).toBe(true);
    expect(await inProcess.getPassword('Keyhive', acct)).toBeNull();
  });

  it('in-process keytar that cannot load is KEYCHAIN_UNAVAILABLE with the fix', () => {
    expect(() => inProcessKeytar('no-such-keytar-module')).toThrow(/not installed/);
  });

  it('a missing keytar is KEYCHAIN_UNAVAILABLE naming npm run setup', async () => {
    expect(() => resolveKeytarPath('no-such-keytar-module')).toThrow(/not installed/);
    const b = make({ keytarId: 'no-such-keytar-module' });
    await expect(b.getPassword('Keyhive', account)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', fix: expect.stringContaining('npm run setup') });
  });
});
