/**
 * The head start the CLI gives the keychain helper (keytar-helper.ts), against the real keyring of
 * the test run: a broker without an environment of its own takes the prestarted process over (no
 * second helper), one with its own environment never does, and a helper nobody took over is
 * stopped and gone once stopPrestartedKeytarHelper resolves. The CLI's blank `node` started first
 * thing (electron/cli/spare-node.mjs) is where the helper boots when there is one; the warm-up
 * read it runs first writes nothing.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeytarBroker } from '../../../electron/adapters/keychain/keytar-broker.js';
import { prestartedKeytarHelperPid, prestartKeytarHelper, stopPrestartedKeytarHelper, WARM_UP } from '../../../electron/adapters/keychain/keytar-helper.js';
import { requireKeyring } from '../../support/keyring-session.js';

type SpareNode = { startSpareNode: (argv: string[]) => ChildProcess | undefined; stopSpareNode: (c?: ChildProcess) => Promise<void>; WARM_UP_ACCOUNT: { service: string; account: string } };
const spareNode = (await import('../../../electron/cli/spare-node.mjs' as string)) as SpareNode;

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

  it('boots in the blank node the CLI started first thing: the broker calls run there, and the warm-up wrote nothing', async () => {
    const spare = spareNode.startSpareNode(['status', '--json'])!;
    try {
      expect(spare.pid).toBeGreaterThan(0);
      expect(prestartKeytarHelper(spare)).toBe(true); // taken over: the CLI no longer stops it itself
      expect(prestartedKeytarHelperPid()).toBe(spare.pid);
      const broker = new KeytarBroker();
      brokers.push(broker);
      const account = `spare-${process.pid}/secret`;
      await broker.setPassword('Keyhive', account, 'from-the-spare-node');
      expect(broker.helperPid).toBe(spare.pid);
      expect(await broker.getPassword('Keyhive', account)).toBe('from-the-spare-node');
      expect(await broker.deletePassword('Keyhive', account)).toBe(true);
      expect(spareNode.WARM_UP_ACCOUNT).toEqual({ service: WARM_UP.service, account: WARM_UP.account }); // the same read either way
      expect(await broker.getPassword(WARM_UP.service, WARM_UP.account)).toBeNull();
    } finally {
      await spareNode.stopSpareNode(spare);
    }
  });

  it('a blank node that is gone is not used: the helper is spawned as usual', async () => {
    const spare = spareNode.startSpareNode(['sync', 'x'])!;
    await spareNode.stopSpareNode(spare);
    expect(prestartKeytarHelper(spare)).toBe(false);
    const pid = prestartedKeytarHelperPid()!;
    expect(pid).not.toBe(spare.pid);
    const broker = new KeytarBroker();
    brokers.push(broker);
    expect(await broker.getPassword('Keyhive', `spare-${process.pid}/none`)).toBeNull();
    expect(broker.helperPid).toBe(pid);
  });

  it('the CLI starts no blank node for a run that does not read the keychain', () => {
    for (const argv of [['--version'], ['scan', '.'], ['status', '--help'], []]) expect(spareNode.startSpareNode(argv)).toBeUndefined();
  });
});
