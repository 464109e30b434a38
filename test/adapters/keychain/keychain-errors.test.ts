import { describe, expect, it } from 'vitest';
import { classifyKeychainError, keychainUnavailable } from '../../../electron/adapters/keychain/keychain-errors.js';

describe('classifyKeychainError', () => {
  it('recognises what libsecret reports', () => {
    expect(classifyKeychainError('Could not connect: No such file or directory')).toBe('no-dbus');
    expect(classifyKeychainError('Cannot autolaunch D-Bus without X11 $DISPLAY')).toBe('no-dbus');
    expect(classifyKeychainError('The name org.freedesktop.secrets was not provided by any .service files')).toBe('no-secret-service');
    expect(classifyKeychainError('Cannot create an item in a locked collection')).toBe('locked');
    expect(classifyKeychainError('Object does not exist at path “/org/freedesktop/secrets/collection/login”')).toBe('no-collection');
    expect(classifyKeychainError('The prompt was dismissed')).toBe('denied');
    // An item removed under a call (issue 15: this was reported as "no default collection").
    expect(classifyKeychainError('No such interface “org.freedesktop.Secret.Item” on object at path /org/freedesktop/secrets/collection/login/66')).toBe('item-changed');
    expect(classifyKeychainError('Object does not exist at path “/org/freedesktop/secrets/collection/login/5”')).toBe('item-changed');
    expect(keychainUnavailable('item-changed', 'x', 'linux').fix).not.toMatch(/keyring --replace|Seahorse/);
    expect(classifyKeychainError('something else')).toBe('other');
  });
});

describe('keychainUnavailable', () => {
  it('is KEYCHAIN_UNAVAILABLE with a platform-specific fix and no plaintext fallback', () => {
    const linux = keychainUnavailable('locked', 'Cannot create an item in a locked collection', 'linux');
    expect(linux.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(linux.message).toContain('never falls back to plaintext');
    expect(linux.fix).toContain('gnome-keyring-daemon');
    expect(keychainUnavailable('no-dbus', 'x', 'linux').fix).toContain('dbus');
    expect(keychainUnavailable('timeout', 'x', 'linux').fix).toMatch(/unlock/i);
    expect(keychainUnavailable('locked', 'x', 'darwin').fix).toContain('Keychain Access');
    expect(keychainUnavailable('other', 'x', 'win32').fix).toContain('Credential Manager');
  });

  it('keeps the detail to one bounded line', () => {
    const e = keychainUnavailable('other', 'first line\nsecond line ' + 'y'.repeat(1000), 'linux');
    expect(e.message).toContain('first line');
    expect(e.message).not.toContain('second line');
    expect(e.message.length).toBeLessThan(500);
  });
});
