/**
 * What sync, import and undo share: the session's parts, where a service's files may be edited,
 * the value a service sees now, and keyed hashes of file contents (never plain hashes: a plain
 * hash of a small .env could be brute-forced back to the key).
 */
import { createHmac } from 'node:crypto';
import { relative, isAbsolute } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { BackupStore } from '../../adapters/fs/backups.js';
import type { ResolvedService, Workspace } from '../../adapters/workspace/load-workspace.js';
import { analyzeBinding, observeSecret } from '../../core/drift/index.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';
import { secretConfig, serviceOf } from '../../core/workspace/workspace.js';
import type { ActivityLog } from '../activity/activity-log.js';
import type { StatusReader } from '../status/status.js';
import type { KeychainView } from '../status/status-keychain.js';
import type { PlannedWrite } from './plan-writes.js';
import type { RotationJournal } from '../../adapters/fs/rotation-journal.js';
import type { ChangeDeps } from './run-change.js';
import type { ProgressEvent } from '../../../shared/domain.js';

export { secretConfig, serviceOf };

/** Test hooks (used only by tests): run between the check phase and the write phase. */
export interface SyncTestHooks {
  afterCheck?: (plans: PlannedWrite[]) => Promise<void> | void;
  /** Runs after a change wrote its files, before the keychain (its commit point). */
  afterFiles?: () => Promise<void>;
}

export interface SyncContext {
  workspace: Workspace;
  store: SecretStore;
  keychain: KeychainView;
  reader: StatusReader;
  activity: ActivityLog;
  backups: BackupStore;
  /** Where every change is journaled (crash recovery). */
  journal: RotationJournal;
  now?: () => Date;
  onProgress?: (e: ProgressEvent) => void;
  hooks?: SyncTestHooks;
}

/** What a change transaction needs of the session. */
export function changeDeps(ctx: SyncContext): ChangeDeps {
  return {
    store: ctx.store,
    backups: ctx.backups,
    activity: ctx.activity,
    mac: (bytes) => contentMac(ctx, bytes),
    journal: ctx.journal,
    workspaceKey: ctx.workspace.config.id,
    workspaceFile: ctx.workspace.file,
    ...(ctx.now ? { now: ctx.now } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    ...(ctx.hooks?.afterFiles ? { afterFiles: ctx.hooks.afterFiles } : {}),
  };
}

/** What a sync or import did. Fingerprints only. */
export interface SyncOutcome {
  activityId: string;
  /** Files written (absolute). */
  files: string[];
  /** Keychain fingerprint before and after. */
  fingerprintBefore: string | null;
  fingerprintAfter: string | null;
  /** Things the user should know (e.g. a Compose `environment:` literal still overrides a file). */
  warnings: string[];
}


/** Safe-file root for a service: the workspace root, or the service dir when it lies outside. */
export function rootFor(workspace: Workspace, service: ResolvedService): string {
  const rel = relative(workspace.root, service.dir);
  return rel.startsWith('..') || isAbsolute(rel) ? service.dir : workspace.root;
}

/** The value one service of a secret sees right now (files, then Compose), read fresh. */
export async function currentValue(ctx: SyncContext, secret: string, service: string): Promise<string> {
  const config = secretConfig(ctx.workspace, secret);
  serviceOf(ctx.workspace, service);
  if (!config.bindings.some((b) => b.service === service)) {
    throw new KeyhiveError('NOT_FOUND', `${secret} has no binding in service "${service}".`, {
      file: ctx.workspace.file,
      fix: `Use one of: ${config.bindings.map((b) => b.service).join(', ')}.`,
    });
  }
  const { world } = await ctx.reader.snapshot({ runtime: false });
  const observation = observeSecret(ctx.workspace, secret, world);
  const binding = observation.bindings.find((b) => b.service === service);
  const analysis = binding ? analyzeBinding(binding, { fingerprint: () => null, validate: () => ({ ok: true }), showPath: ctx.reader.showPath }) : null;
  const value = analysis?.effective;
  if (!value) {
    throw new KeyhiveError('BAD_INPUT', `${service} has no value for ${binding?.var ?? secret} to take.`, {
      file: analysis?.file,
      fix: `Set it there first, or sync from another source (--from keychain / --from <service>).`,
    });
  }
  return value;
}

/** Keyed hash of file bytes (HMAC-SHA256 under the workspace fingerprint key). */
export async function contentMac(ctx: SyncContext, bytes: Uint8Array): Promise<string> {
  return createHmac('sha256', await ctx.keychain.fingerprintKey()).update(bytes).digest('hex');
}

/** Refuse a value that fails the secret's key format, unless forced. The reason never holds the value. */
export function checkFormat(check: { ok: true } | { ok: false; reason: string }, secret: string, format: string, force: boolean): void {
  if (check.ok || force) return;
  throw new KeyhiveError('BAD_INPUT', `The value for ${secret} is not a valid ${format} key: ${check.reason}`, {
    fix: 'Use a value in the right format, or pass --force to write it anyway.',
  });
}
