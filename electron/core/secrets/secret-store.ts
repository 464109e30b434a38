/**
 * Where the true value of each secret lives: the OS keychain. The core depends only on this
 * interface; the real adapter (keytar: service `Keyhive`, account `<workspace id>/<secret>`)
 * lives in electron/adapters/keychain, and an in-memory double for unit tests in test/support.
 *
 * Implementations never fall back to plaintext storage and never hang: when no keychain is
 * available they throw KeyhiveError('KEYCHAIN_UNAVAILABLE') with the fix.
 */
export interface SecretStore {
  /** The value, or null when there is no entry. */
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when an entry was removed. */
  delete(account: string): Promise<boolean>;
  /** Several values in one keychain round trip, in order (each as `get` would answer). Optional. */
  getMany?(accounts: readonly string[]): Promise<(string | null)[]>;
}

/** Keychain account names. */
export const accounts = {
  secret: (workspaceId: string, secret: string): string => `${workspaceId}/${secret}`,
  /** The per-workspace HMAC key behind fingerprints (hex). */
  fingerprintKey: (workspaceId: string): string => `${workspaceId}/.fingerprint-key`,
  /** An issuer's admin credential (legacy admin key or JWT). */
  issuerCredential: (workspaceId: string, issuer: string): string => `${workspaceId}/issuer/${issuer}`,
  /** The value a rotation keeps until the new one is proven (crash safety). */
  rotationBackup: (workspaceId: string, secret: string): string => `${workspaceId}/.rotation/${secret}`,
  /** The NEW value a rotation generated, kept from generation until the rotation is finished. */
  rotationPending: (workspaceId: string, secret: string): string => `${workspaceId}/.rotation-pending/${secret}`,
  /** The key behind the encrypted backups of loose .env files (`keyhive env set` outside a workspace). */
  looseBackupKey: (): string => 'keyhive/.backup-key',
  /** The value a sync/import replaced, kept so `keyhive undo <activity id>` can restore it. */
  previousValue: (workspaceId: string, activityId: string): string => `${workspaceId}/.undo/${activityId}`,
};

export const KEYCHAIN_SERVICE = 'Keyhive';
