/**
 * Backups for `keyhive env set|unset FILE` on a loose .env file (no workspace): encrypted like a
 * workspace's, with a key kept in the keychain (`keyhive/.backup-key`, made on first use). Without
 * a keychain the edit is refused (KEYCHAIN_UNAVAILABLE): old values are never kept in plain text.
 */
import { createBackupStore, deriveBackupKey, type BackupStore } from '../../adapters/fs/backups.js';
import { ensureDataDir } from '../../adapters/fs/data-dir.js';
import { KeytarSecretStore } from '../../adapters/keychain/keytar-secret-store.js';
import { newFingerprintKey } from '../../core/secrets/fingerprint.js';
import { accounts, type SecretStore } from '../../core/secrets/secret-store.js';

async function looseKey(store: SecretStore): Promise<Uint8Array> {
  const account = accounts.looseBackupKey();
  let secret = await store.get(account);
  if (!secret) {
    await store.set(account, newFingerprintKey());
    secret = await store.get(account); // another process may have made one at the same moment
  }
  return deriveBackupKey(secret ?? '');
}

export async function withLooseFileBackups<T>(fn: (backups: BackupStore) => Promise<T>, store?: SecretStore): Promise<T> {
  const own = store ? null : new KeytarSecretStore();
  const keychain = store ?? (own as KeytarSecretStore);
  try {
    return await fn(createBackupStore(await ensureDataDir(), { scope: 'files', key: () => looseKey(keychain) }));
  } finally {
    own?.close();
  }
}
