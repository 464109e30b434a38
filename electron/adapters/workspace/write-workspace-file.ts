/**
 * Writes a new keyhive.yaml: created exclusively when there is none; replaced only when the
 * caller forces it, atomically, after saving the old bytes in Keyhive's backups (undoable).
 */
import path from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { createBackupStore } from '../fs/backups.js';
import { dataDir } from '../fs/data-dir.js';
import { createFileAtomic, readTextFileSafe, writeFileAtomic } from '../fs/safe-file.js';

export interface WriteResult {
  /** True when an existing file was replaced. */
  replaced: boolean;
  /** Backup id of the replaced file (restorable), when one was replaced. */
  backupId: string | null;
}

async function existing(file: string): Promise<Uint8Array | null> {
  try {
    return (await readTextFileSafe(file)).bytes;
  } catch (e) {
    if (e instanceof KeyhiveError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

export async function writeWorkspaceFile(file: string, text: string, opts: { force?: boolean; backupDir?: string } = {}): Promise<WriteResult> {
  const bytes = new TextEncoder().encode(text);
  const before = await existing(file);
  if (before === null) {
    await createFileAtomic(file, bytes, { mode: 0o644 });
    return { replaced: false, backupId: null };
  }
  if (!opts.force) {
    throw new KeyhiveError('FILE_CONFLICT', `${path.basename(file)} already exists; it was left as it is.`, {
      file,
      fix: 'Edit it, or run `keyhive init --force` to replace it (the old file is kept in Keyhive\'s backups).',
    });
  }
  const { backupId } = await writeFileAtomic(file, bytes, { expected: before, backups: createBackupStore(opts.backupDir ?? dataDir(), { scope: 'keyhive-yaml', key: null }) });
  return { replaced: true, backupId };
}
