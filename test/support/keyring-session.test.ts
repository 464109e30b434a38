/** The private Secret Service the test run uses: it starts, works, and stops its own daemons. */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KEYRING_UNAVAILABLE_ENV, keytarRoundTrip, requireKeyring, startKeyringDaemons, startKeyringSession } from './keyring-session.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

describe('startKeyringDaemons', () => {
  it('starts a working Secret Service on its own bus and stops exactly its daemons', async () => {
    const k = await startKeyringDaemons();
    try {
      expect(k.env.DBUS_SESSION_BUS_ADDRESS).toMatch(/^unix:/);
      expect(k.env.DBUS_SESSION_BUS_ADDRESS).not.toBe(process.env.DBUS_SESSION_BUS_ADDRESS); // not the shared one
      expect((await stat(k.env.XDG_RUNTIME_DIR as string)).mode & 0o777).toBe(0o700);
      await expect(keytarRoundTrip(k.env)).resolves.toBeUndefined();
      expect(alive(k.pids.dbus) && alive(k.pids.keyring)).toBe(true);
    } finally {
      await k.stop();
    }
    expect(await gone(k.pids.keyring)).toBe(true);
    expect(await gone(k.pids.dbus)).toBe(true);
  });
});

describe('a test run killed before stop()', () => {
  it('does not leave its keyring daemons behind', async () => {
    const helper = fileURLToPath(new URL('./keyring-session.ts', import.meta.url));
    // A process that starts a keyring, prints the pids and dies without stopping it.
    const script = `const { startKeyringDaemons } = await import(${JSON.stringify(helper)});
      const k = await startKeyringDaemons({ verify: false });
      console.log(JSON.stringify(k.pids));
      process.exit(0);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 });
    const pids = JSON.parse(stdout.trim().split('\n').pop() as string) as { dbus: number; keyring: number };
    expect(await gone(pids.keyring)).toBe(true);
    expect(await gone(pids.dbus)).toBe(true);
  });
});

describe('startKeyringSession', () => {
  it('reports a loud reason instead of throwing when the daemons cannot start', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let part;
    try {
      part = await startKeyringSession();
    } finally {
      process.env.PATH = path;
    }
    expect(part.unavailable).toMatch(/KEYRING UNAVAILABLE.*gnome-keyring/);
    expect(part.env[KEYRING_UNAVAILABLE_ENV]).toBe(part.unavailable);
  });

  it('requireKeyring fails with that reason', () => {
    const before = process.env[KEYRING_UNAVAILABLE_ENV];
    process.env[KEYRING_UNAVAILABLE_ENV] = 'KEYRING UNAVAILABLE: test';
    try {
      expect(() => requireKeyring()).toThrow('KEYRING UNAVAILABLE: test');
    } finally {
      if (before === undefined) delete process.env[KEYRING_UNAVAILABLE_ENV];
      else process.env[KEYRING_UNAVAILABLE_ENV] = before;
    }
    expect(() => requireKeyring()).not.toThrow(); // the run's shared keyring is up
  });
});
