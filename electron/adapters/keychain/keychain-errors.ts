/**
 * Turns what keytar/libsecret/the OS report into one KEYCHAIN_UNAVAILABLE error that says
 * what is wrong and how to fix it on this platform. Never includes a secret value (the
 * underlying messages are about the keychain, and are kept to one line).
 */
import { KeyhiveError } from '../../../shared/errors.js';

export type KeychainFailure = 'no-dbus' | 'no-secret-service' | 'no-collection' | 'item-changed' | 'locked' | 'denied' | 'timeout' | 'other';

export function classifyKeychainError(message: string): KeychainFailure {
  const m = message.toLowerCase();
  if (/could not connect|autolaunch|dbus_session_bus_address|failed to connect to socket|no such file or directory|connection refused/.test(m)) return 'no-dbus';
  if (/org\.freedesktop\.secrets|was not provided by any \.service files|name has no owner|serviceunknown/.test(m)) return 'no-secret-service';
  if (/locked/.test(m)) return 'locked';
  // An ITEM (…/collection/<name>/<n>) that vanished under a call: another call removed it at that
  // moment — a race on one entry, not a broken keyring; never tell the user to rebuild it.
  if (/(no such interface|object does not exist|no such object).*\/collection\/[^/\s"\u201d]+\/[^/\s"\u201d]+/.test(m) || /no such interface.*secret\.item/.test(m)) return 'item-changed';
  if (/object does not exist|no such object|collection/.test(m)) return 'no-collection';
  if (/dismissed|cancel|denied|not allowed|user interaction/.test(m)) return 'denied';
  return 'other';
}

function fixFor(kind: KeychainFailure, platform: NodeJS.Platform): string {
  if (platform === 'darwin') {
    return kind === 'denied'
      ? 'Allow Keyhive in the macOS Keychain prompt (or in Keychain Access → login → Access Control), then try again.'
      : 'Unlock the login keychain (Keychain Access → login → Unlock), then try again.';
  }
  if (platform === 'win32') return 'Make sure Windows Credential Manager is available for your user, then try again.';
  switch (kind) {
    case 'no-dbus':
      return 'No D-Bus session bus: run Keyhive inside your desktop session, or on a headless machine start one with `eval "$(dbus-launch --sh-syntax)"` (or `dbus-run-session -- bash`), then start the keyring with `echo -n "$PASSWORD" | gnome-keyring-daemon --unlock --components=secrets`.';
    case 'no-secret-service':
      return 'No Secret Service on the session bus: start one, e.g. `echo -n "$PASSWORD" | gnome-keyring-daemon --unlock --components=secrets` (package gnome-keyring), or run KeePassXC with Secret Service integration.';
    case 'no-collection':
      return "The keyring has no usable default collection: create and unlock a 'login' keyring (Seahorse → + → Password keyring, set as default), or on a headless server `echo -n \"$PASSWORD\" | gnome-keyring-daemon --replace --unlock --components=secrets`.";
    case 'locked':
      return "The keyring's 'login' collection is locked: unlock it (Seahorse → Passwords → login → Unlock, or on a headless server `echo -n \"$PASSWORD\" | gnome-keyring-daemon --replace --unlock --components=secrets`), then try again.";
    case 'denied':
      return 'The keyring prompt was dismissed or denied: try again and unlock the keyring when asked.';
    case 'item-changed':
      return 'Try again. If it keeps happening, another program is changing the Keyhive entries in your keyring at the same time (look for a second Keyhive running).';
    case 'timeout':
      return "The keyring did not answer in time — usually an unlock prompt is waiting on another screen, or the collection is locked with no one to answer. Unlock the 'login' collection (Seahorse, or `gnome-keyring-daemon --unlock` on a headless server) and try again.";
    default:
      return 'Check that a Secret Service (gnome-keyring or KeePassXC) is running and unlocked in this session, then try again.';
  }
}

export function keychainUnavailable(kind: KeychainFailure, detail: string, platform: NodeJS.Platform = process.platform, cause?: unknown): KeyhiveError {
  const what: Record<KeychainFailure, string> = {
    'no-dbus': 'No D-Bus session is reachable',
    'no-secret-service': 'No Secret Service (keyring) is running',
    'no-collection': 'The keychain has no default collection',
    'item-changed': 'A keychain entry changed while Keyhive was using it',
    locked: 'The keychain is locked',
    denied: 'Access to the keychain was denied',
    timeout: 'The keychain did not answer in time',
    other: 'The keychain failed',
  };
  const oneLine = detail.split('\n')[0]?.slice(0, 300) ?? '';
  return new KeyhiveError('KEYCHAIN_UNAVAILABLE', `${what[kind]}${oneLine ? ` (${oneLine})` : ''}. Keyhive keeps secrets only in the OS keychain and never falls back to plaintext.`, {
    fix: fixFor(kind, platform),
    cause,
  });
}
