/**
 * Sync, import and undo as ONE journaled, crash-safe flow (the step machine of
 * electron/core/rotation/step-machine.ts), so a crash at any point ends all-old or all-new:
 *
 *   keep      the keychain's current value goes under an undo account (kept for `keyhive undo`)
 *   files     each file: back up its bytes, journal it, then write it atomically
 *   keychain  the keychain entry takes the new value            ← commit point
 *   record    the activity entry (fingerprints, files, backup ids), then forget what the change
 *             made obsolete (an undone change's undo account)
 *
 * Before `keychain` is done, a failure or a crash rolls back: every journaled file that still
 * holds the bytes the change wrote gets its backup back (a created file is removed, a removed one
 * re-created), stray temp files are swept, the keychain entry gets its kept value. After it,
 * recovery only finishes `record`. The journal holds paths, keyed hashes (HMAC), backup ids and
 * account names — never a value; values stay in memory or in the keychain.
 */
import { dirname } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { BackupStore } from '../../adapters/fs/backups.js';
import { createFileAtomic, readTextFileSafe, removeFileChecked, writeFileAtomic } from '../../adapters/fs/safe-file.js';
import { removeStrayTemps } from '../../adapters/fs/safe-temp.js';
import type { Flow, FlowStep, StepIo } from '../../core/rotation/step-machine.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';
import type { ActivityLog, NewActivity } from '../activity/activity-log.js';

/** One file the change writes. `after: null` removes the file (undo of a created file). */
export interface ChangeWrite {
  path: string;
  root: string;
  /** The file does not exist yet. */
  create: boolean;
  before: Uint8Array;
  after: Uint8Array | null;
}

/** What the flow's forward run needs in memory (the new keychain value never reaches the journal). */
export interface ChangeCtx {
  store: SecretStore;
  backups: BackupStore;
  activity: Pick<ActivityLog, 'append' | 'get'>;
  /** Keyed hash of file bytes. */
  mac: (bytes: Uint8Array) => Promise<string>;
  writes: ChangeWrite[];
  /** The keychain's value before the change (null: no entry). */
  keychainBefore: string | null;
  /** The keychain's new value (null: remove the entry). Ignored unless the journal says it changes. */
  keychainAfter: string | null;
  /** Tests only: runs after the files are written, before the keychain. */
  afterFiles?: () => Promise<void>;
}

export interface JournaledFile {
  path: string;
  root: string;
  create: boolean;
  remove: boolean;
  backupId: string | null;
  beforeMac: string | null;
  afterMac: string | null;
  /** The write failed (atomic: nothing of it happened), so a roll-back leaves the file alone. */
  notWritten?: boolean;
}

/** The journal's `data` of a change. */
export interface ChangeData {
  kind: 'sync' | 'import' | 'undo' | 'doctor-fix';
  activityId: string;
  files: JournaledFile[];
  keychain: { account: string; previousAccount: string | null; hadBefore: boolean; changes: boolean } | null;
  /** The activity entry to append (no values). */
  entry: NewActivity & { id: string };
  /** Keychain accounts to forget once committed (an undone change's kept value). */
  forget: string[];
}

const data = (io: StepIo): ChangeData => io.record.data as unknown as ChangeData;

const keep: FlowStep<ChangeCtx> = {
  id: 'keep',
  label: 'Keep the previous keychain value for undo',
  async forward(c, io) {
    const k = data(io).keychain;
    if (k?.changes && k.previousAccount && c.keychainBefore !== null) await c.store.set(k.previousAccount, c.keychainBefore);
  },
  async compensate(c, io) {
    const k = data(io).keychain;
    if (k?.previousAccount) await c.store.delete(k.previousAccount);
  },
};

/** A file's bytes, or null when it does not exist. */
export async function readOrNull(path: string, root: string): Promise<Uint8Array | null> {
  try {
    return (await readTextFileSafe(path, { root })).bytes;
  } catch (e) {
    if (e instanceof KeyhiveError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

const conflict = (path: string): KeyhiveError =>
  new KeyhiveError('FILE_CONFLICT', `${path} was edited after the interrupted change; it was left as it is`, {
    file: path,
    fix: 'Review the file and fix the value by hand (or sync again); then run `keyhive recover` to finish the roll-back.',
  });

/** Puts one journaled file back to its previous bytes, unless someone else changed it since. */
async function restoreFile(c: ChangeCtx, f: JournaledFile): Promise<void> {
  await removeStrayTemps(dirname(f.path));
  const now = await readOrNull(f.path, f.root);
  const nowMac = now === null ? null : await c.mac(now);
  if (f.create) {
    if (now === null) return;
    if (nowMac !== f.afterMac) throw conflict(f.path);
    await removeFileChecked(f.path, { expected: now, root: f.root });
    return;
  }
  if (nowMac === f.beforeMac) return; // never written, or already restored
  if (!(f.remove ? now === null : nowMac === f.afterMac)) throw conflict(f.path);
  const before = (await c.backups.load(f.backupId!)).bytes;
  if (now === null) await createFileAtomic(f.path, before, { root: f.root, mode: 0o600 });
  else await writeFileAtomic(f.path, before, { expected: now, root: f.root });
}

const files: FlowStep<ChangeCtx> = {
  id: 'files',
  label: 'Write every file',
  async forward(c, io) {
    const d = data(io);
    for (const w of c.writes) {
      const backupId = w.create ? null : await c.backups.save(w.path, w.before);
      d.files.push({
        path: w.path,
        root: w.root,
        create: w.create,
        remove: w.after === null,
        backupId,
        beforeMac: w.create ? null : await c.mac(w.before),
        afterMac: w.after === null ? null : await c.mac(w.after),
      });
      await io.saveNow(); // journaled BEFORE the write, so a crash right after it is undone
      try {
        if (w.create) await createFileAtomic(w.path, w.after ?? new Uint8Array(), { root: w.root, mode: 0o600 });
        else if (w.after === null) await removeFileChecked(w.path, { expected: w.before, root: w.root });
        else await writeFileAtomic(w.path, w.after, { expected: w.before, root: w.root });
      } catch (e) {
        d.files[d.files.length - 1]!.notWritten = true;
        throw e;
      }
    }
    io.progress(`${c.writes.length} file(s) written`);
    await c.afterFiles?.();
  },
  async compensate(c, io) {
    for (const f of [...data(io).files].reverse()) {
      if (f.notWritten) await removeStrayTemps(dirname(f.path));
      else await restoreFile(c, f);
    }
  },
};

const keychain: FlowStep<ChangeCtx> = {
  id: 'keychain',
  label: 'Store the value in the keychain',
  commits: true,
  async forward(c, io) {
    const k = data(io).keychain;
    if (!k?.changes) return;
    if (c.keychainAfter === null) await c.store.delete(k.account);
    else await c.store.set(k.account, c.keychainAfter);
  },
  async compensate(c, io) {
    const k = data(io).keychain;
    if (!k?.changes) return;
    const now = await c.store.get(k.account);
    if (!k.hadBefore) {
      if (now !== null) await c.store.delete(k.account);
      return;
    }
    const previous = k.previousAccount ? await c.store.get(k.previousAccount) : null;
    if (previous === null) {
      throw new KeyhiveError('KEYCHAIN_MISSING', `the keychain no longer keeps the previous value of ${k.account}`, {
        fix: 'Sync the value you want (keyhive sync SECRET --from SERVICE), then run `keyhive recover` again.',
      });
    }
    if (now !== previous) await c.store.set(k.account, previous); // unchanged when the set never happened
  },
};

const record: FlowStep<ChangeCtx> = {
  id: 'record',
  label: 'Record the change',
  async forward(c, io) {
    const d = data(io);
    // The undo data names the backups the files step journaled (known only once written).
    const files = d.files.map((f) => ({ path: f.path, backupId: f.backupId, afterHash: f.afterMac ?? '' }));
    const entry = d.entry.undo ? { ...d.entry, undo: { ...d.entry.undo, files } } : d.entry;
    if (!(await c.activity.get(entry.id))) await c.activity.append(entry);
    for (const account of d.forget) await c.store.delete(account);
  },
};

export function changeFlow(): Flow<ChangeCtx> {
  return { operation: 'sync', steps: [keep, files, keychain, record] };
}
