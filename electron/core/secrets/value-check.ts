/**
 * Values every layer refuses before anything is written: a NUL byte. The keychain stores C strings
 * (libsecret, Keychain, Credential Manager) and would silently keep only what comes before the NUL,
 * while the .env files would hold it all — one "synced" secret with two values. `--force` (which
 * only skips the key-format check) does not change that.
 */
import { KeyhiveError } from '../../../shared/errors.js';

export function hasNul(value: string): boolean {
  return value.includes('\0');
}

/** BAD_INPUT when the value cannot be kept the same everywhere. Never puts the value in the message. */
export function assertStorableValue(value: string, what = 'The value'): void {
  if (hasNul(value)) {
    throw new KeyhiveError('BAD_INPUT', `${what} contains a NUL byte (\\0), which the keychain would cut off there; nothing was written.`, {
      fix: 'Remove the NUL character from the value (e.g. `tr -d "\\000"`), then try again. --force does not allow it.',
    });
  }
}
