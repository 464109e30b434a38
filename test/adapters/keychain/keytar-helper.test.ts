/**
 * The head start the CLI gives the keychain helper (keytar-helper.ts), against the real keyring of
 * the test run: a broker without an environment of its own takes the prestarted process over (no
 * second helper), one with its own environment never does, and a helper nobody took over is
 * stopped and gone once stopPrestartedKeytarHelper resolves.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeytarBroker } from '../../../electron/adapters/keychain/keytar-broker.js';
import { prestartedKeytarHelperPid, prestartKeytarHelper, stopPrestartedKeytarHelper } from '../../../electron/adapters/keychain/keytar-helper.js';
import { requireKeyring } from '../../support/keyring-session.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('prestarted keychain helper', () => {
  beforeAll(() => requireKeyring());
  const brokers: KeytarBroker[] = [];
  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((b) => b.shutdown()));
    await stopPrestartedKeytarHelper();
  });

  it('the first broker call runs in the helper started ahead, not in a new one', async () => {
    prestartKeytarHelper();
    const pid = prestartedKeytarHelperPid();
    expect(pid).toBeGreaterThan(0);
    const broker = new KeytarBroker();
    brokers.push(broker);
    const account = `prestart-${process.pid}/secret`;
    await broker.setPassword('Keyhive', account, 'from-the-early-helper');
    expect(broker.helperPid).toBe(pid);
    expect(await broker.getPassword('Keyhive', account)).toBe('from-the-early-helper');
    expect(await broker.deletePassword('Keyhive', account)).toBe(true);
    expect(prestartedKeytarHelperPid()).toBeUndefined(); // taken over: nothing left to stop
  });

  it('a broker with its own environment starts its own helper and leaves the early one alone', async () => {
    prestartKeytarHelper();
    const pid = prestartedKeytarHelperPid()!;
    const broker = new KeytarBroker({ env: { KEYHIVE_TEST_MARK: '1' } });
    brokers.push(broker);
    await broker.ensureStarted();
    expect(broker.helperPid).not.toBe(pid);
    expect(prestartedKeytarHelperPid()).toBe(pid);
  });

  it('a helper no broker took over is stopped, and gone when the stop resolves', async () => {
    prestartKeytarHelper();
    const pid = prestartedKeytarHelperPid()!;
    expect(alive(pid)).toBe(true);
    await stopPrestartedKeytarHelper();
    expect(alive(pid)).toBe(false);
    expect(prestartedKeytarHelperPid()).toBeUndefined();
  });
});
