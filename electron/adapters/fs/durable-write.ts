/**
 * The one durable writer for Keyhive's own files (journals, backups, the workspace registry):
 * write an exclusive 0600 temp file in the same folder, fsync it, rename it over the target,
 * fsync the folder — so a crash or power cut leaves the old file or the new one, never a torn
 * one. A temp left by a killed writer is named `.<name>.<pid>.<hex>.tmp` and swept by recovery.
 * (Users' .env files go through safe-file.ts, which adds conflict checks and backups.)
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** fsync a folder (where the platform allows it; the rename is atomic either way). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, constants.O_RDONLY);
    await fh.sync();
  } catch {
    // some filesystems refuse fsync on a directory
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Writes `data` to a NEW file `tmp` (exclusive, 0600) and fsyncs it; on any failure the partial
 * file is removed. The first step of every atomic write here and in safe-file.ts.
 */
export async function writeExclusiveTemp(tmp: string, data: string | Uint8Array): Promise<void> {
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
}

export async function writeFileDurably(file: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeExclusiveTemp(tmp, data);
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dir);
}
