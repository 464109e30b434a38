/**
 * `keyhive undo [ID]`: reverse a sync or import — every file it wrote goes back to its previous
 * bytes (from the backups), the keychain to its previous value (kept under an undo account).
 * Refused (UNDO_REFUSED, naming the file) when anything changed since: a file no longer holds
 * the bytes the change wrote, or the keychain no longer holds the value it set.
 */
import { unlink, writeFile } from 'node:fs/promises';
import { KeyhiveError } from '../../shared/errors.js';
import { readTextFileSafe, writeFileAtomic } from '../adapters/fs/safe-file.js';
import type { ActivityRecord } from './activity-log.js';
import { contentMac, type SyncContext } from './sync-context.js';

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
      : new KeyhiveError('NOT_FOUND', 'There is nothing to undo.', { fix: 'Only syncs and imports recorded by Keyhive can be undone.' });
  }
  if (record.undone) throw refuse(`Entry ${record.id} was already undone.`, undefined, 'Nothing to do.');
  if (!record.undo || !record.undoable) throw refuse(`Entry ${record.id} (${record.kind}) cannot be undone by Keyhive.`, undefined, 'Only syncs and imports that changed something can be undone.');
  return record;
}

export async function undoActivity(ctx: SyncContext, id?: string): Promise<UndoOutcome> {
  const record = await findEntry(ctx, id);
  const undo = record.undo!;
  await ctx.keychain.fingerprintKey();

  // Check everything first: each file still holds what the change wrote, the keychain too.
  const current = new Map<string, Uint8Array | null>();
  for (const f of undo.files) {
    let bytes: Uint8Array | null;
    try {
      bytes = (await readTextFileSafe(f.path)).bytes;
    } catch (e) {
      if (!(e instanceof KeyhiveError && e.code === 'NOT_FOUND')) throw e;
      bytes = null;
    }
    if (bytes === null || (await contentMac(ctx, bytes)) !== f.afterHash) {
      throw refuse(`${f.path} ${bytes === null ? 'was deleted' : 'changed'} since entry ${record.id}; nothing was undone.`, f.path);
    }
    current.set(f.path, bytes);
  }
  let previousValue: string | null = null;
  if (undo.keychain) {
    const now = await ctx.store.get(undo.keychain.account);
    if (ctx.keychain.fingerprint(now) !== (record.fingerprintAfter ?? null)) {
      throw refuse(`The keychain value of ${record.secret ?? undo.keychain.account} changed since entry ${record.id}; nothing was undone.`, undefined, 'Sync the value you want instead.');
    }
    if (undo.keychain.previousAccount) {
      previousValue = await ctx.store.get(undo.keychain.previousAccount);
      if (previousValue === null) throw refuse(`The previous keychain value for entry ${record.id} is no longer kept; nothing was undone.`);
    }
  }
  const restore = await Promise.all(undo.files.map(async (f) => ({ ...f, bytes: f.backupId ? (await ctx.backups.load(f.backupId)).bytes : null })));

  // Then restore: files first (each conflict-checked), then the keychain.
  const done: typeof restore = [];
  try {
    for (const f of restore) {
      const now = current.get(f.path) as Uint8Array;
      if (f.bytes === null) await unlink(f.path);
      else await writeFileAtomic(f.path, f.bytes, { expected: now, backups: ctx.backups });
      done.push(f);
    }
  } catch (e) {
    for (const f of done.reverse()) {
      const written = current.get(f.path) as Uint8Array;
      try {
        if (f.bytes === null) await writeFile(f.path, written, { mode: 0o600, flag: 'wx' });
        else await writeFileAtomic(f.path, written, { expected: f.bytes });
      } catch {
        /* reported below through the original error */
      }
    }
    throw e;
  }
  if (undo.keychain) {
    if (previousValue !== null) await ctx.store.set(undo.keychain.account, previousValue);
    else await ctx.store.delete(undo.keychain.account);
    if (undo.keychain.previousAccount) await ctx.store.delete(undo.keychain.previousAccount).catch(() => false);
    ctx.keychain.invalidate(record.secret);
  }
  const entry = await ctx.activity.append({
    kind: 'undo',
    ...(record.secret ? { secret: record.secret } : {}),
    summary: `Undid ${record.kind} ${record.id}${record.secret ? ` of ${record.secret}` : ''}: ${restore.length} file(s) restored${undo.keychain ? ', keychain restored' : ''}.`,
    fingerprintBefore: record.fingerprintAfter ?? null,
    fingerprintAfter: record.fingerprintBefore ?? null,
    files: restore.map((f) => f.path),
    undoes: record.id,
  });
  return { activityId: entry.id, undid: record.id, files: entry.files, fingerprintBefore: record.fingerprintAfter ?? null, fingerprintAfter: record.fingerprintBefore ?? null };
}
