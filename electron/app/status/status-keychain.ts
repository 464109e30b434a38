/**
 * The keychain as status sees it: the per-workspace fingerprint key (created on first use) and
 * the secrets' values, cached for a short time so a burst of file events does not turn into
 * hundreds of keychain round trips. Keyhive's own writes invalidate the cache at once.
 */
import { fingerprinter, newFingerprintKey } from '../../core/secrets/fingerprint.js';
import { accounts, type SecretStore } from '../../core/secrets/secret-store.js';

export interface KeychainView {
  /** The fingerprint key, created and stored in the keychain on first use. */
  fingerprintKey(): Promise<string>;
  /** Fingerprint of a value under the workspace key (load the key first). */
  fingerprint(value: string | null | undefined): string | null;
  /** The keychain values of these secrets (null = no entry), cached for `ttlMs`. */
  values(secrets: string[]): Promise<Map<string, string | null>>;
  invalidate(secret?: string): void;
}

export function createKeychainView(store: SecretStore, workspaceId: string, opts: { ttlMs?: number } = {}): KeychainView {
  const ttlMs = opts.ttlMs ?? 2000;
  let key: string | null = null;
  let fingerprintOf: ((value: string) => string | null) | null = null;
  let keyPromise: Promise<string> | null = null;
  const cache = new Map<string, { value: string | null; at: number }>();
  // Fingerprints of values seen lately (status recomputes the same ones on every file event).
  const fingerprints = new Map<string, string | null>();

  const loadKey = async (): Promise<string> => {
    const account = accounts.fingerprintKey(workspaceId);
    const existing = await store.get(account);
    if (existing) return existing;
    await store.set(account, newFingerprintKey());
    // Another Keyhive process may have created one at the same moment: use whatever is stored.
    return (await store.get(account)) ?? '';
  };

  return {
    async fingerprintKey() {
      if (key) return key;
      keyPromise ??= loadKey().finally(() => {
        keyPromise = null;
      });
      key = await keyPromise;
      return key;
    },
    fingerprint(value) {
      if (key === null) throw new Error('fingerprint key not loaded: call fingerprintKey() first');
      if (value === null || value === undefined || value === '') return null;
      const hit = fingerprints.get(value);
      if (hit !== undefined) return hit;
      const fp = (fingerprintOf ??= fingerprinter(key))(value);
      if (fingerprints.size >= 4096) fingerprints.clear();
      fingerprints.set(value, fp);
      return fp;
    },
    async values(secrets) {
      const now = Date.now();
      const out = new Map<string, string | null>();
      const stale = secrets.filter((s) => {
        const hit = cache.get(s);
        if (hit && now - hit.at < ttlMs) {
          out.set(s, hit.value);
          return false;
        }
        return true;
      });
      const names = stale.map((s) => accounts.secret(workspaceId, s));
      // One keychain round trip for all of them where the store can (the keychain helper can).
      const fresh = stale.length === 0 ? [] : store.getMany ? await store.getMany(names) : await Promise.all(names.map((a) => store.get(a)));
      stale.forEach((s, i) => {
        const value = fresh[i] ?? null;
        cache.set(s, { value, at: now });
        out.set(s, value);
      });
      return out;
    },
    invalidate(secret) {
      if (secret === undefined) cache.clear();
      else cache.delete(secret);
    },
  };
}
