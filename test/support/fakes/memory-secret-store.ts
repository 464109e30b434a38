import type { SecretStore } from '../../../electron/core/secrets/secret-store.js';
import { assertStorableValue } from '../../../electron/core/secrets/value-check.js';
import { KeyhiveError } from '../../../shared/errors.js';

/**
 * In-memory SecretStore for fast unit tests of the core and app. Never used by the product.
 * Refuses what the real keychain adapter refuses: an empty value, and a value with a NUL byte.
 */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  async get(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }
  async set(account: string, value: string): Promise<void> {
    if (value.length === 0) throw new KeyhiveError('BAD_INPUT', 'Refusing to store an empty value in the keychain.', { fix: 'Store a non-empty secret, or delete the entry.' });
    assertStorableValue(value);
    this.entries.set(account, value);
  }
  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }
}
