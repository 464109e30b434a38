/**
 * Backups for `keyhive env set|unset FILE` on a loose .env file (no workspace): encrypted like a
 * workspace's, with a key kept in the keychain (`keyhive/.backup-key`, made on first use). Without
 * a keychain the edit is refused (KEYCHAIN_UNAVAILABLE): old values are never kept in plain text.
 */
import { createBackupStore, deriveBackupKey, type BackupStore } from '../../adapters/fs/backups.js';
import { newFingerprintKey } from '../../core/secrets/fingerprint.js';
import { accounts, type SecretStore } from '../../core/secrets/secret-store.js';
import type { ContextOptions } from '../context/shell-context.js';

async function looseKey(store: SecretStore): Promise<Uint8Array> {
  const account = accounts.looseBackupKey();
  let secret = await store.get(account);
  if (!secret) {
    await store.set(account, newFingerprintKey());
    secret = await store.get(account); // another process may have made one at the same moment
  }
  return deriveBackupKey(secret ?? '');
}

/** Runs `fn` with the loose files' backup store, in the context's data dir, keyed from its keychain. */
export async function withLooseFileBackups<T>(fn: (backups: BackupStore) => Promise<T>, context: Pick<ContextOptions, 'store' | 'dataDir'>): Promise<T> {
  return fn(createBackupStore(context.dataDir, { scope: 'files', key: () => looseKey(context.store) }));
}
