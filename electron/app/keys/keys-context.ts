/**
 * What the key and scope use cases need: the workspace (its id, file and parsed config), the
 * keychain, and the few session operations they call. The app service builds it from the open
 * workspace session; tests build it from a loaded workspace and a memory or real keychain.
 */
import { systemClock, type Clock } from '../../../shared/clock.js';
import { DEFAULT_LOCK_WAIT_MS, withWorkspaceLock } from '../../adapters/fs/workspace-lock.js';
import { newOperationId } from '../operation-id.js';
import type { IssuerSystem, WorkspaceStatus } from '../../../shared/domain.js';
import type { ActivityLog } from '../activity/activity-log.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { REVOCATION_CACHE_MS, type IssuerClient } from '../../core/issuers/issuer-client.js';
import { accounts, type SecretStore } from '../../core/secrets/secret-store.js';
import type { IssuerConfig, SecretConfig, WorkspaceConfig } from '../../core/workspace/schema.js';
import type { ProgressListener } from '../../core/rotation/step-machine.js';
import { createIssuerClient } from '../../adapters/issuers/create-issuer-client.js';

export interface KeysContext {
  workspace: { id: string; file: string; config: WorkspaceConfig };
  store: SecretStore;
  /** Where journals and locks live. */
  dataDir: string;
  /** Writes a value to the secret's keychain entry and every binding (the session's sync with a value). */
  syncValue(secret: string, value: string): Promise<void>;
  /**
   * Makes the secret's new value live in the consumers Keyhive runs (one restart) and says, in
   * plain words, what it restarted and what it skipped. Absent: nothing can be restarted here.
   */
  restartConsumers?(secret: string, progress?: (detail: string) => void): Promise<string>;
  /** The value a binding's service really has (its .env files, later wins); absent: the keychain value stands in. */
  bindingValue?(service: string, varName: string): Promise<string | null>;
  /** The workspace status (binding fingerprints for the Keys view); absent: holders show no fingerprint. */
  status?(): Promise<WorkspaceStatus>;
  /** The secret's smoke probe against the service that checks it (after a create); absent: not probed. */
  probe?(secret: string): Promise<{ ok: boolean; detail: string }>;
  /** The activity log (key changes and rotations are logged; never a value). */
  activity?: Pick<ActivityLog, 'append'>;
  clientFactory?: (system: IssuerSystem, url: string, credential: string) => IssuerClient;
  onProgress?: ProgressListener;
  /** What time it is (journals, locks, expiry warnings, cache windows); the system clock when omitted. */
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** How long a rotation may wait for an issuer's cache window before re-checking the old key. */
  maxCacheWaitMs?: number;
}

export const clockOfKeys = (ctx: Pick<KeysContext, 'clock'>): Clock => ctx.clock ?? systemClock;

/** Runs a change of issued keys holding the one workspace lock (like sync and rotate). */
export function withKeysLock<T>(ctx: Pick<KeysContext, 'dataDir' | 'workspace' | 'clock'>, operation: string, fn: () => Promise<T>): Promise<T> {
  const clock = clockOfKeys(ctx);
  return withWorkspaceLock(ctx.dataDir, ctx.workspace.id, { operation, operationId: newOperationId(operation, clock) }, fn, { waitMs: DEFAULT_LOCK_WAIT_MS, now: clock });
}

export function issuerConfig(ctx: KeysContext, name: string): IssuerConfig {
  const issuer = ctx.workspace.config.issuers[name];
  if (!issuer) {
    const known = Object.keys(ctx.workspace.config.issuers);
    throw new KeyhiveError('NOT_FOUND', `no issuer "${name}" in the workspace`, {
      file: ctx.workspace.file,
      fix: known.length ? `use one of: ${known.join(', ')}` : 'declare it under `issuers:` in keyhive.yaml ({system, url}).',
    });
  }
  return issuer;
}

export function issuedSecret(ctx: KeysContext, secret: string): { config: SecretConfig; issuerName: string; issuer: IssuerConfig } {
  const config = ctx.workspace.config.secrets[secret];
  if (!config) {
    throw new KeyhiveError('NOT_FOUND', `no secret "${secret}" in the workspace`, {
      file: ctx.workspace.file,
      fix: `use one of: ${Object.keys(ctx.workspace.config.secrets).join(', ') || '(none declared)'}`,
    });
  }
  if (!config.issuer) {
    throw new KeyhiveError('BAD_INPUT', `${secret} is not an issued key (it has no \`issuer:\`)`, {
      file: ctx.workspace.file,
      fix: `set secrets.${secret}.issuer to one of the workspace's issuers, or use \`keyhive rotate ${secret}\` for shared secrets.`,
    });
  }
  return { config, issuerName: config.issuer, issuer: issuerConfig(ctx, config.issuer) };
}

export async function clientFor(ctx: KeysContext, issuerName: string): Promise<IssuerClient> {
  const issuer = issuerConfig(ctx, issuerName);
  const account = credentialAccount(ctx, issuerName);
  const credential = await ctx.store.get(account);
  if (!credential) {
    throw new KeyhiveError('KEYCHAIN_MISSING', `no admin credential for issuer "${issuerName}" in the keychain`, {
      fix: issuer.credentialSecret
        ? `it is the secret ${issuer.credentialSecret}: import it once with \`keyhive import ${issuer.credentialSecret} --from <service>\``
        : `store it once: keyhive keys credential --issuer ${issuerName} --workspace ${ctx.workspace.file} (reads it from stdin)`,
    });
  }
  return (ctx.clientFactory ?? createIssuerClient)(issuer.system, issuer.url, credential);
}

/**
 * Where an issuer's admin credential lives: the keychain entry of its `credentialSecret` (one
 * secret for the service and for Keyhive, so a rotation updates both), else its own entry.
 */
export function credentialAccount(ctx: KeysContext, issuerName: string): string {
  const issuer = issuerConfig(ctx, issuerName);
  return issuer.credentialSecret ? accounts.secret(ctx.workspace.id, issuer.credentialSecret) : accounts.issuerCredential(ctx.workspace.id, issuerName);
}

/** The issuer's cache window in seconds: the workspace's `cacheWindowSeconds`, else the system's documented one. */
export const cacheWindowSeconds = (issuer: IssuerConfig): number => issuer.cacheWindowSeconds ?? REVOCATION_CACHE_MS[issuer.system] / 1000;

/** Keychain account for a key created without a secret to hold it. */
export const issuedKeyAccount = (workspaceId: string, issuer: string, keyId: string): string => `${workspaceId}/issued/${issuer}/${keyId}`;
