/**
 * Writing several .env files as one step. Phase 1 checks every file (readable, a regular file
 * inside the workspace, not read-only, its directory writable, the edit verifiable); phase 2
 * writes them one by one through the safe writer (atomic rename, conflict check, backup). If any
 * write fails, the files already written are put back and the error says so.
 */
import { constants } from 'node:fs';
import { access, lstat, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KeyhiveError, isKeyhiveError } from '../../shared/errors.js';
import { readTextFileSafe, writeFileAtomic, createFileAtomic } from '../adapters/fs/safe-file.js';
import type { BackupStore } from '../adapters/fs/backups.js';

export interface FileEdit {
  path: string;
  /** Safe-file root: symlinks resolving outside it are refused. */
  root: string;
  /** Turn the current bytes into the new ones (may throw ENV_UNWRITABLE_VALUE / EDIT_VERIFY_FAILED). */
  edit: (bytes: Uint8Array) => Uint8Array;
  /** The file does not exist yet and is created. */
  create: boolean;
}

export interface PlannedWrite {
  path: string;
  root: string;
  create: boolean;
  before: Uint8Array;
  after: Uint8Array;
}

export interface WrittenFile {
  path: string;
  backupId: string | null;
  after: Uint8Array;
}

async function assertWritable(path: string, what: 'file' | 'dir'): Promise<void> {
  const st = await stat(path);
  const readOnly = (st.mode & 0o200) === 0;
  const denied = await access(path, constants.W_OK).then(() => false, () => true);
  if (readOnly || denied) {
    throw new KeyhiveError('FILE_PERMISSION', what === 'file' ? `${path} is read-only` : `the directory ${path} is read-only`, {
      file: path,
      fix: `Make it writable (chmod u+w ${JSON.stringify(path)}) and run the sync again; nothing was changed.`,
    });
  }
}

/** Phase 1: read and check every file, compute the new bytes. Nothing is written. */
export async function planWrites(edits: FileEdit[]): Promise<PlannedWrite[]> {
  const plans: PlannedWrite[] = [];
  for (const e of edits) {
    if (e.create) {
      const exists = await lstat(e.path).then(() => true, () => false);
      if (exists) throw new KeyhiveError('FILE_CONFLICT', `${e.path} appeared while Keyhive was planning the change`, { file: e.path, fix: 'Run the sync again.' });
      await assertWritable(dirname(e.path), 'dir');
      plans.push({ path: e.path, root: e.root, create: true, before: new Uint8Array(), after: e.edit(new Uint8Array()) });
      continue;
    }
    const read = await readTextFileSafe(e.path, { root: e.root });
    await assertWritable(read.path, 'file');
    await assertWritable(dirname(read.path), 'dir');
    const after = e.edit(read.bytes);
    if (Buffer.compare(Buffer.from(after), Buffer.from(read.bytes)) === 0) continue;
    plans.push({ path: e.path, root: e.root, create: false, before: read.bytes, after });
  }
  return plans;
}

/** Phase 2: write every planned file; on a failure put back the ones written and rethrow. */
export async function applyWrites(plans: PlannedWrite[], backups: BackupStore): Promise<WrittenFile[]> {
  const written: Array<WrittenFile & { plan: PlannedWrite }> = [];
  for (const plan of plans) {
    try {
      if (plan.create) {
        await createFileAtomic(plan.path, plan.after, { root: plan.root, mode: 0o600 });
        written.push({ path: plan.path, backupId: null, after: plan.after, plan });
      } else {
        const { backupId } = await writeFileAtomic(plan.path, plan.after, { expected: plan.before, root: plan.root, backups });
        written.push({ path: plan.path, backupId, after: plan.after, plan });
      }
    } catch (e) {
      const notRestored = await restoreWritten(written.map((w) => w.plan));
      const restored = written.length - notRestored.length;
      const base = isKeyhiveError(e) ? e : new KeyhiveError('INTERNAL', e instanceof Error ? e.message : String(e), { cause: e });
      const rollback =
        notRestored.length > 0
          ? ` Could NOT restore ${notRestored.join(', ')} — its previous bytes are in the Keyhive backups (keyhive undo).`
          : restored > 0
            ? ` The ${restored} file(s) already written were restored; the keychain was left unchanged.`
            : ' Nothing was changed; the keychain was left unchanged.';
      throw new KeyhiveError(base.code, `${base.message}.${rollback}`, {
        ...(base.file ? { file: base.file } : { file: plan.path }),
        ...(base.line ? { line: base.line } : {}),
        ...(base.fix ? { fix: base.fix } : {}),
        cause: e,
      });
    }
  }
  return written.map(({ path, backupId, after }) => ({ path, backupId, after }));
}

/** Put written files back to their previous bytes (or remove created ones). Returns the paths that failed. */
export async function restoreWritten(plans: PlannedWrite[]): Promise<string[]> {
  const failed: string[] = [];
  for (const plan of [...plans].reverse()) {
    try {
      if (plan.create) {
        const current = await readTextFileSafe(plan.path, { root: plan.root });
        if (Buffer.compare(Buffer.from(current.bytes), Buffer.from(plan.after)) !== 0) throw new Error('changed meanwhile');
        await unlink(plan.path);
      } else {
        await writeFileAtomic(plan.path, plan.before, { expected: plan.after, root: plan.root });
      }
    } catch {
      failed.push(plan.path);
    }
  }
  return failed;
}
