import type { SecretStore } from '../../../electron/core/secrets/secret-store.js';

/** In-memory SecretStore for fast unit tests of the core and app. Never used by the product. */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  async get(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }
  async set(account: string, value: string): Promise<void> {
    this.entries.set(account, value);
  }
  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }
}
