/**
 * One .env file, looked at and edited losslessly, with or without a workspace (`keyhive env …`):
 *   show    every key dotenv reads, the line that wins, and a fingerprint of its value
 *   reveal  the values themselves (an explicit user act)
 *   set     changes only the bytes of one value (appended when absent), atomically, with a backup
 *   unset   comments the key out (or removes its lines)
 *   lint    what dotenv and Compose read differently, empty values, weak secrets
 * A file of a workspace is edited under that workspace's one lock (env-file-lock.ts). Results
 * carry fingerprints, never values (except `revealEnvFile`). Fingerprints use a random local key
 * kept 0600 as `fingerprint.key` in the data dir.
 */
import { isKeyhiveError, KeyhiveError } from '../../../shared/errors.js';
import { loadLocalFingerprintKey } from '../../adapters/fs/local-fingerprint-key.js';
import { createFileAtomic, readTextFileSafe, writeFileAtomic, type ReadResult } from '../../adapters/fs/safe-file.js';
import { effectiveEntry, lintEnv, parseEnv, setValue, unsetValue, type EnvDocument } from '../../core/env/index.js';
import { fingerprint } from '../../core/secrets/fingerprint.js';
import { assertStorableValue } from '../../core/secrets/value-check.js';
import { withLooseFileBackups } from './loose-file-backups.js';
import { withEnvFileLock } from './env-file-lock.js';
import type { ContextOptions } from '../context/shell-context.js';

/** A value's fingerprint; '' for an empty value (there is nothing to fingerprint). */
export type ValueFingerprint = string;

export interface EnvKeyRow {
  key: string;
  /** The line whose assignment wins. */
  line: number;
  /** Other lines assigning the key (they lose). */
  overridden: number[];
  fingerprint: ValueFingerprint;
}

export interface EnvSetResult {
  file: string;
  key: string;
  line: number;
  change: 'unchanged' | 'added' | 'changed';
  /** Fingerprint of the value before (null: the key was absent). */
  before: ValueFingerprint | null;
  after: ValueFingerprint;
  created: boolean;
  /** The backup of the previous file, for undo (null: nothing was overwritten). */
  backupId: string | null;
}

export interface EnvUnsetResult {
  file: string;
  key: string;
  /** The lines that assigned the key (empty: it was not set; nothing changed). */
  lines: number[];
  how: 'comment' | 'remove';
  backupId: string | null;
}

export type EnvDiagnostic = ReturnType<typeof lintEnv>[number];

/** Errors from the engine get the file name they are about. */
async function inFile<T>(file: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isKeyhiveError(e) && e.file === undefined) throw new KeyhiveError(e.code, e.message, { fix: e.fix, file, line: e.line, cause: e });
    throw e;
  }
}

async function fingerprinter(dataDir: string): Promise<(value: string) => ValueFingerprint> {
  const key = await loadLocalFingerprintKey(dataDir);
  return (value) => fingerprint(key, value) ?? '';
}

/** The winning line of every key, in first-appearance order. */
function rowsOf(doc: EnvDocument, fp: (value: string) => ValueFingerprint): EnvKeyRow[] {
  return Object.keys(doc.values).map((key) => {
    const all = doc.entries.filter((e) => e.key === key);
    const win = effectiveEntry(doc, key);
    return { key, line: win?.line ?? 0, overridden: all.filter((e) => e !== win).map((e) => e.line), fingerprint: fp(doc.values[key] as string) };
  });
}

export async function showEnvFile(file: string, context: ContextOptions): Promise<{ file: string; keys: EnvKeyRow[] }> {
  const read = await readTextFileSafe(file);
  const doc = await inFile(file, () => parseEnv(read.bytes));
  return { file, keys: rowsOf(doc, await fingerprinter(context.dataDir)) };
}

/** The values exactly as dotenv reads them: only on the user's explicit request. */
export async function revealEnvFile(file: string): Promise<{ file: string; values: Record<string, string>; keys: EnvKeyRow[] }> {
  const read = await readTextFileSafe(file);
  const doc = await inFile(file, () => parseEnv(read.bytes));
  return { file, values: { ...doc.values }, keys: rowsOf(doc, () => '') };
}

async function readOrCreate(file: string, create: boolean): Promise<ReadResult | null> {
  try {
    return await readTextFileSafe(file);
  } catch (e) {
    if (create && isKeyhiveError(e) && e.code === 'NOT_FOUND') return null;
    if (isKeyhiveError(e) && e.code === 'NOT_FOUND') {
      throw new KeyhiveError('NOT_FOUND', e.message, { file, fix: `Check the path, or pass --create to create ${file}.` });
    }
    throw e;
  }
}

export async function setEnvValue(file: string, key: string, value: string, context: ContextOptions, opts: { create?: boolean } = {}): Promise<EnvSetResult> {
  assertStorableValue(value, `The value for ${key}`);
  return withEnvFileLock(file, () => setLocked(file, key, value, opts.create === true, context), context);
}

async function setLocked(file: string, key: string, value: string, create: boolean, context: ContextOptions): Promise<EnvSetResult> {
  const read = await readOrCreate(file, create);
  const before = read ? await inFile(file, () => parseEnv(read.bytes)) : parseEnv('');
  const next = await inFile(file, () => setValue(read ? read.bytes : new Uint8Array(0), key, value));
  const fp = await fingerprinter(context.dataDir);
  const line = effectiveEntry(parseEnv(next), key)?.line ?? 0;
  const old = effectiveEntry(before, key)?.value;
  const base = { file, key, line, before: old === undefined ? null : fp(old), after: fp(value), created: read === null };
  if (read && old === value) return { ...base, change: 'unchanged', backupId: null };
  let backupId: string | null = null;
  if (read) backupId = (await withLooseFileBackups((backups) => writeFileAtomic(file, next, { expected: read.bytes, backups }), context)).backupId;
  else await createFileAtomic(file, next, { mode: 0o600 });
  return { ...base, change: old === undefined ? 'added' : 'changed', backupId };
}

export async function unsetEnvValue(file: string, key: string, context: ContextOptions, opts: { remove?: boolean } = {}): Promise<EnvUnsetResult> {
  const how = opts.remove ? 'remove' : 'comment';
  return withEnvFileLock(
    file,
    async () => {
      const read = await readTextFileSafe(file);
      const doc = await inFile(file, () => parseEnv(read.bytes));
      const lines = doc.entries.filter((e) => e.key === key).map((e) => e.line);
      if (lines.length === 0) return { file, key, lines, how, backupId: null };
      const next = await inFile(file, () => unsetValue(read.bytes, key, how));
      const { backupId } = await withLooseFileBackups((backups) => writeFileAtomic(file, next, { expected: read.bytes, backups }), context);
      return { file, key, lines, how, backupId };
    },
    context,
  );
}

export async function lintEnvFile(file: string): Promise<EnvDiagnostic[]> {
  const read = await readTextFileSafe(file);
  return inFile(file, () => lintEnv(read.bytes));
}
