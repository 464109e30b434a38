/**
 * The desktop app's keychain helper runs in a utility process (through the stand-in `electron`,
 * whose utilityProcess forks a real Node child with `process.parentPort`, and refuses what
 * Electron refuses), against the real keyring of the test run: calls are answered, a helper cut
 * off is really killed and replaced, shutdown waits for it to exit, and the app shell installs it.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { app, utilityProcess } from 'electron';
import { KeytarBroker } from '../../electron/adapters/keychain/keytar-broker.js';
import { utilityProcessLauncher } from '../../electron/main/keychain-helper.js';
import { requireKeyring } from '../support/keyring-session.js';
import { createUtilityProcess } from '../support/electron-stand-in/utility-process.js';

const account = `utility-${process.pid}/secret`;
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the keychain helper in a utility process', () => {
  let dir: string;
  const brokers: KeytarBroker[] = [];
  const make = (launcher = utilityProcessLauncher()): KeytarBroker => {
    const b = new KeytarBroker({ launcher, helperDir: join(dir, 'helpers') });
    brokers.push(b);
    return b;
  };
  beforeAll(() => {
    requireKeyring();
    dir = mkdtempSync(join(tmpdir(), 'kh-utility-'));
    // Every test but the first runs in a ready app; the first has its own app that never gets
    // ready, so no test depends on the order they run in.
    (app as unknown as { makeReady(): void }).makeReady();
  });
  afterEach(async () => {
    for (const b of brokers.splice(0)) await b.shutdown();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused before the app is ready, like Electron refuses it', async () => {
    const notReady = createUtilityProcess(() => false);
    const b = make(utilityProcessLauncher(notReady.fork as unknown as typeof utilityProcess.fork));
    await expect(b.getPassword('Keyhive', account)).rejects.toThrow(/before app is ready/);
  });

  it('answers keychain calls from a helper module kept 0600 in the data dir', async () => {
    const b = make();
    expect(await b.getPassword('Keyhive', account)).toBeNull();
    await b.setPassword('Keyhive', account, 'utility-value');
    expect(await b.getPassword('Keyhive', account)).toBe('utility-value');
    expect(await b.deletePassword('Keyhive', account)).toBe(true);
    const helpers = join(dir, 'helpers');
    const file = (await import('node:fs')).readdirSync(helpers).find((f) => f.startsWith('keychain-helper-'))!;
    expect(statSync(join(helpers, file)).mode & 0o777).toBe(0o600);
  });

  it('a call cut off kills the utility process for real; the next call starts a new one', async () => {
    const b = make();
    await b.ensureStarted();
    const pid = b.helperPid as number;
    expect(alive(pid)).toBe(true);
    const inFlight = b.getPassword('Keyhive', account);
    b.abort(new Error('cut off'));
    await expect(inFlight).rejects.toThrow('cut off');
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
    expect(await b.getPassword('Keyhive', account)).toBeNull();
    expect(b.helperPid).not.toBe(pid);
  });

  it('shutdown asks the helper to leave and resolves once it has exited', async () => {
    const b = make();
    await b.getPassword('Keyhive', account);
    const pid = b.helperPid as number;
    await b.shutdown();
    expect(alive(pid)).toBe(false);
  });

  it('forks only existing module files (as Electron does)', () => {
    expect(() => utilityProcess.fork(join(dir, 'missing.cjs'))).toThrow(/Cannot find module/);
  });
});
