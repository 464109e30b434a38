/**
 * The temp files of a safe write (safe-file.ts): `<target name>.keyhive-<12 hex>.env`, created
 * exclusively with mode 0600 next to the file they replace (the usual `.env*`, `.env.*` and
 * `*.env` ignore patterns cover the name), and swept when a killed writer left one behind.
 */
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { CREATE_EXCLUSIVE, writeExclusiveTemp } from './durable-write.js';

/** Temp files of a safe write: `<target name>.keyhive-<12 hex>.env`. */
export const TEMP_FILE = /\.keyhive-[0-9a-f]{12}\.env$/;

/** Removes the temp files a killed writer left in `dir` (call it holding the workspace lock). Returns their names. */
export async function removeStrayTemps(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stray = names.filter((n) => TEMP_FILE.test(n));
  for (const n of stray) await unlink(join(dir, n)).catch(() => undefined);
  return stray;
}

function tempName(dir: string, target: string): string {
  return join(dir, `${basename(target)}.keyhive-${randomBytes(6).toString('hex')}.env`);
}

function cannotCreate(dir: string, target: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new KeyhiveError('FILE_PERMISSION', `cannot create a file in ${dir} (${code})`, { file: target, fix: `Make the directory writable (chmod u+w ${JSON.stringify(dir)}) and retry.`, cause: e });
  }
  return e;
}

/** A new, exclusive 0600 temp next to `target` (created on this thread), left open for the caller to fill. */
export function openTemp(dir: string, target: string): { tmp: string; fd: number } {
  const tmp = tempName(dir, target);
  try {
    const fd = openSync(tmp, CREATE_EXCLUSIVE, 0o600);
    return { tmp, fd };
  } catch (e) {
    throw cannotCreate(dir, target, e);
  }
}

export async function writeTemp(dir: string, target: string, bytes: Uint8Array): Promise<string> {
  const tmp = tempName(dir, target);
  try {
    await writeExclusiveTemp(tmp, bytes);
  } catch (e) {
    throw cannotCreate(dir, target, e);
  }
  return tmp;
}
