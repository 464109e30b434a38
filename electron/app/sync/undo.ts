/**
 * `keyhive undo [ID]`: reverse a sync or import — every file it wrote goes back to its previous
 * bytes (from the backups), the keychain to its previous value (kept under an undo account).
 * Refused (UNDO_REFUSED, naming the file) when anything changed since: a file no longer holds
 * the bytes the change wrote, or the keychain no longer holds the value it set, or a file is not
 * this workspace's. Runs as the same journaled transaction as sync; the caller holds the lock.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import { inside, readTextFileSafe } from '../../adapters/fs/safe-file.js';
import { accounts } from '../../core/secrets/secret-store.js';
import type { ActivityRecord } from '../activity/activity-log.js';
import { changeDeps, contentMac, rootFor, type SyncContext } from './sync-context.js';
import type { ChangeWrite } from './change-flow.js';
import { runChange, type ChangeRequest } from './run-change.js';

export interface UndoOutcome {
  activityId: string;
  /** The entry that was reversed. */
  undid: string;
  files: string[];
  fingerprintBefore: string | null;
  fingerprintAfter: string | null;
}

const refuse = (message: string, file?: string, fix = 'Review the change by hand; the previous bytes are in the Keyhive backups.'): KeyhiveError =>
  new KeyhiveError('UNDO_REFUSED', message, { ...(file ? { file } : {}), fix });

async function findEntry(ctx: SyncContext, id: string | undefined): Promise<ActivityRecord> {
  const record = id ? await ctx.activity.get(id) : await ctx.activity.latestUndoable();
  if (!record) {
    throw id
      ? new KeyhiveError('NOT_FOUND', `No activity entry "${id}".`, { fix: 'List entries with `keyhive activity` or in the app, and pass one id.' })
      : new KeyhiveError('NOT_FOUND', 'There is nothing to undo.', { fix: 'Only syncs, imports and doctor fixes recorded by Keyhive can be undone.' });
  }
  if (record.undone) throw refuse(`Entry ${record.id} was already undone.`, undefined, 'Nothing to do.');
  if (!record.undo || !record.undoable) throw refuse(`Entry ${record.id} (${record.kind}) cannot be undone by Keyhive.`, undefined, 'Only syncs, imports and doctor fixes that changed something can be undone.');
  return record;
}

/** The safe-file root a file of this workspace is edited under; null when it is not one of its files. */
function rootOfFile(ctx: SyncContext, path: string): string | null {
  const roots = [ctx.workspace.root, ...[...ctx.workspace.services.values()].map((s) => rootFor(ctx.workspace, s))];
  return roots.find((r) => r !== path && inside(r, path)) ?? null;
}

export async function undoActivity(ctx: SyncContext, id?: string): Promise<UndoOutcome> {
  const record = await findEntry(ctx, id);
  const undo = record.undo!;
  await ctx.keychain.fingerprintKey();

  // Check everything first: each file is this workspace's and still holds what the change wrote, the keychain too.
  const writes: ChangeWrite[] = [];
  for (const f of undo.files) {
    const root = rootOfFile(ctx, f.path);
    if (root === null) throw refuse(`${f.path} is not a file of this workspace (${ctx.workspace.root}); nothing was undone.`, f.path, 'Undo the change from the workspace that made it.');
    let bytes: Uint8Array | null;
    try {
      bytes = (await readTextFileSafe(f.path, { root })).bytes;
    } catch (e) {
      if (!(e instanceof KeyhiveError && e.code === 'NOT_FOUND')) throw e;
      bytes = null;
    }
    if (bytes === null || (await contentMac(ctx, bytes)) !== f.afterHash) {
      throw refuse(`${f.path} ${bytes === null ? 'was deleted' : 'changed'} since entry ${record.id}; nothing was undone.`, f.path);
    }
    writes.push({ path: f.path, root, create: false, before: bytes, after: f.backupId ? (await ctx.backups.load(f.backupId)).bytes : null });
  }
  const activityId = ctx.activity.newId();
  let keychain: ChangeRequest['keychain'] = null;
  if (undo.keychain) {
    const now = await ctx.store.get(undo.keychain.account);
    if (ctx.keychain.fingerprint(now) !== (record.fingerprintAfter ?? null)) {
      throw refuse(`The keychain value of ${record.secret ?? undo.keychain.account} changed since entry ${record.id}; nothing was undone.`, undefined, 'Sync the value you want instead.');
    }
    let previousValue: string | null = null;
    if (undo.keychain.previousAccount) {
      previousValue = await ctx.store.get(undo.keychain.previousAccount);
      if (previousValue === null) throw refuse(`The previous keychain value for entry ${record.id} is no longer kept; nothing was undone.`);
    }
    const kept = now !== null ? accounts.previousValue(ctx.workspace.config.id, activityId) : null;
    keychain = { account: undo.keychain.account, previousAccount: kept, before: now, after: previousValue };
  }
  const forget = [keychain?.previousAccount, undo.keychain?.previousAccount].filter((a): a is string => Boolean(a));
  const files = writes.map((w) => w.path);
  try {
    await runChange(changeDeps(ctx), {
      kind: 'undo',
      ...(record.secret ? { secret: record.secret } : {}),
      writes,
      keychain,
      forget,
      entry: {
        id: activityId,
        kind: 'undo',
        ...(record.secret ? { secret: record.secret } : {}),
        summary: `Undid ${record.kind} ${record.id}${record.secret ? ` of ${record.secret}` : ''}: ${files.length} file(s) restored${undo.keychain ? ', keychain restored' : ''}.`,
        fingerprintBefore: record.fingerprintAfter ?? null,
        fingerprintAfter: record.fingerprintBefore ?? null,
        files,
        undoes: record.id,
      },
    });
  } finally {
    ctx.keychain.invalidate(record.secret);
  }
  return { activityId, undid: record.id, files, fingerprintBefore: record.fingerprintAfter ?? null, fingerprintAfter: record.fingerprintBefore ?? null };
}
