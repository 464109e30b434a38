/**
 * The read-only look at the Secret Service's default collection (dbus-send over the REAL private
 * D-Bus + gnome-keyring): unlocked, locked, no bus, and no dbus-send installed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDefaultCollection } from '../../../electron/adapters/keychain/secret-service-state.js';
import { requireKeyring, startKeyringDaemons } from '../../support/keyring-session.js';

describe('checkDefaultCollection (real D-Bus, real gnome-keyring)', { timeout: 60_000 }, () => {
  it('the unlocked test keyring → unlocked', async () => {
    requireKeyring();
    expect(await checkDefaultCollection({ timeoutMs: 5000 })).toBe('unlocked');
  });

  it('a login collection that was never unlocked → KEYCHAIN_UNAVAILABLE "locked" with the fix', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'keyhive-state-'));
    const first = await startKeyringDaemons({ dataDir });
    await first.stop();
    const locked = await startKeyringDaemons({ dataDir, unlock: false, password: first.password });
    try {
      const err = await checkDefaultCollection({ env: locked.env, timeoutMs: 5000, platform: 'linux' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringContaining('locked'), fix: expect.stringMatching(/unlock/i) });
    } finally {
      await locked.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('no D-Bus session → KEYCHAIN_UNAVAILABLE naming D-Bus, quickly', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'keyhive-nobus-'));
    const started = Date.now();
    const err = await checkDefaultCollection({ env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir}/none` }, timeoutMs: 5000, platform: 'linux' }).catch((e: unknown) => e);
    await rm(dir, { recursive: true, force: true });
    expect(err).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringContaining('D-Bus') });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('no dbus-send on this machine → unknown (the read is trusted; a write still fails loudly)', async () => {
    expect(await checkDefaultCollection({ env: { PATH: '/nonexistent' }, timeoutMs: 5000 })).toBe('unknown');
  });
});
