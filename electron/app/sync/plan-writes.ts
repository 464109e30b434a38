/**
 * The check phase of a change that writes several .env files: every file is read and checked
 * (readable, a regular file inside the workspace, not read-only, its directory writable, the edit
 * verifiable) and its new bytes computed, before anything is written. The writing itself is the
 * journaled change flow (./change-flow.ts).
 */
import { dirname } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { readTextFileSafe } from '../../adapters/fs/safe-file.js';
import { isWritable, somethingAt } from '../../adapters/fs/file-facts.js';

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

async function assertWritable(path: string, what: 'file' | 'dir'): Promise<void> {
  if (!(await isWritable(path))) {
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
      const exists = await somethingAt(e.path);
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
