import { describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { createKeychainView } from '../../../electron/app/status/status-keychain.js';
import { accounts, type SecretStore } from '../../../electron/core/secrets/secret-store.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

class CountingStore extends MemorySecretStore {
  gets = 0;
  override async get(account: string): Promise<string | null> {
    this.gets++;
    return super.get(account);
  }
}

describe('keychain view', () => {
  it('creates the fingerprint key once in the real keychain and reuses it across views', async () => {
    const store: SecretStore = new KeytarSecretStore();
    const id = `ws-kv-${Date.now().toString(36)}`;
    const a = createKeychainView(store, id);
    const key = await a.fingerprintKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.get(accounts.fingerprintKey(id))).toBe(key);
    const b = createKeychainView(store, id);
    expect(await b.fingerprintKey()).toBe(key);
    expect(b.fingerprint('v')).toBe(a.fingerprint('v'));
    expect(a.fingerprint('')).toBeNull();
    await store.delete(accounts.fingerprintKey(id));
  });

  it('caches values for the TTL and re-reads after invalidate', async () => {
    const store = new CountingStore();
    await store.set(accounts.secret('w', 's'), 'one');
    const view = createKeychainView(store, 'w', { ttlMs: 60_000 });
    expect((await view.values(['s', 'absent'])).get('s')).toBe('one');
    const reads = store.gets;
    await store.set(accounts.secret('w', 's'), 'two');
    expect((await view.values(['s'])).get('s')).toBe('one');
    expect(store.gets).toBe(reads);
    view.invalidate('s');
    expect((await view.values(['s'])).get('s')).toBe('two');
    expect((await view.values(['absent'])).get('absent')).toBeNull();
  });

  it('refuses to fingerprint before the key is loaded', () => {
    expect(() => createKeychainView(new MemorySecretStore(), 'w').fingerprint('x')).toThrow(/fingerprintKey/);
  });
});
