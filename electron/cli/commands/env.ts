/**
 * `keyhive env …`: look at and edit one .env file, losslessly, without a workspace.
 *   show FILE [--json] [--reveal]   values as fingerprints unless --reveal
 *   set FILE KEY [VALUE | --stdin]  prints what changed (key, line, fingerprints), never the value
 *   unset FILE KEY [--remove]       comments the key out (or removes its lines)
 *   lint FILE [--json]              exit 1 when there is any warning or error
 * Fingerprints use a random local key kept 0600 as `fingerprint.key` in the data dir.
 */
import type { Command } from 'commander';
import { ensureDataDir } from '../../adapters/fs/data-dir.js';
import { withLooseFileBackups } from '../../app/loose-file-backups.js';
import { withEnvFileLock } from '../../app/env-file-lock.js';
import { cliLockOptions } from '../lock-wait.js';
import { loadLocalFingerprintKey } from '../../adapters/fs/local-fingerprint-key.js';
import { createFileAtomic, readTextFileSafe, writeFileAtomic, type ReadResult } from '../../adapters/fs/safe-file.js';
import { effectiveEntry, lintEnv, parseEnv, setValue, unsetValue, type EnvDocument } from '../../core/env/index.js';
import { fingerprint } from '../../core/secrets/fingerprint.js';
import { isKeyhiveError, KeyhiveError } from '../../../shared/errors.js';
import { assertStorableValue } from '../../core/secrets/value-check.js';
import { EXIT_PROBLEM } from '../exit.js';

const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

/** Errors from the engine get the file name they are about. */
async function inFile<T>(file: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isKeyhiveError(e) && e.file === undefined) throw new KeyhiveError(e.code, e.message, { fix: e.fix, file, line: e.line, cause: e });
    throw e;
  }
}

async function fingerprintKey(): Promise<string> {
  return loadLocalFingerprintKey(await ensureDataDir());
}

const fp = (key: string, value: string | undefined): string => (value === undefined ? 'absent' : (fingerprint(key, value) ?? '(empty)'));

/** The winning line of every key, in first-appearance order. */
function keysWithLines(doc: EnvDocument): { key: string; line: number; overridden: number[] }[] {
  return Object.keys(doc.values).map((key) => {
    const all = doc.entries.filter((e) => e.key === key);
    const win = effectiveEntry(doc, key);
    return { key, line: win?.line ?? 0, overridden: all.filter((e) => e !== win).map((e) => e.line) };
  });
}

async function show(file: string, opts: { json?: boolean; reveal?: boolean }): Promise<void> {
  const read = await readTextFileSafe(file);
  const doc = await inFile(file, () => parseEnv(read.bytes));
  if (opts.json && opts.reveal) {
    out(JSON.stringify(doc.values));
    return;
  }
  const rows = keysWithLines(doc);
  if (opts.json) {
    const fk = await fingerprintKey();
    out(JSON.stringify(Object.fromEntries(rows.map((r) => [r.key, { fingerprint: fingerprint(fk, doc.values[r.key]), line: r.line }]))));
    return;
  }
  const fk = opts.reveal ? '' : await fingerprintKey();
  out(`${file}: ${rows.length} key${rows.length === 1 ? '' : 's'}${opts.reveal ? ' (values revealed)' : ' (values shown as fingerprints; --reveal shows them)'}`);
  const width = Math.min(40, Math.max(0, ...rows.map((r) => r.key.length)));
  for (const r of rows) {
    const v = doc.values[r.key] as string;
    const shown = opts.reveal ? JSON.stringify(v) : fp(fk, v);
    const dup = r.overridden.length > 0 ? `  (also set on line ${r.overridden.join(', ')}; this one wins)` : '';
    out(`  ${`line ${r.line}`.padEnd(9)} ${r.key.padEnd(width)}  ${shown}${dup}`);
  }
}

async function readStdinValue(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  const s = Buffer.concat(chunks).toString('utf8');
  return s.endsWith('\r\n') ? s.slice(0, -2) : s.endsWith('\n') ? s.slice(0, -1) : s;
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

async function set(file: string, key: string, value: string | undefined, opts: { stdin?: boolean; create?: boolean }): Promise<void> {
  if (value !== undefined && opts.stdin) throw new KeyhiveError('BAD_INPUT', 'give the value either as an argument or with --stdin, not both', { fix: `keyhive env set ${file} ${key} --stdin < value.txt` });
  if (value === undefined && !opts.stdin) throw new KeyhiveError('BAD_INPUT', `no value given for ${key}`, { fix: `Pass it as an argument, or pipe it: printf %s "$VALUE" | keyhive env set ${file} ${key} --stdin` });
  const newValue = value ?? (await readStdinValue());
  assertStorableValue(newValue, `The value for ${key}`);
  await withEnvFileLock(file, () => setLocked(file, key, newValue, opts), cliLockOptions());
}

async function setLocked(file: string, key: string, newValue: string, opts: { create?: boolean }): Promise<void> {
  const read = await readOrCreate(file, opts.create === true);
  const before = read ? await inFile(file, () => parseEnv(read.bytes)) : parseEnv('');
  const next = await inFile(file, () => setValue(read ? read.bytes : new Uint8Array(0), key, newValue));
  const after = parseEnv(next);
  const fk = await fingerprintKey();
  const line = effectiveEntry(after, key)?.line;
  const oldValue = effectiveEntry(before, key)?.value;
  if (read && oldValue === newValue) {
    out(`${file}:${line}: ${key} unchanged (fingerprint ${fp(fk, newValue)})`);
    return;
  }
  let backup: string | null = null;
  if (read) {
    backup = (await withLooseFileBackups((backups) => writeFileAtomic(file, next, { expected: read.bytes, backups }))).backupId;
  } else {
    await createFileAtomic(file, next, { mode: 0o600 });
  }
  const what = oldValue === undefined ? `${key} added` : `${key} changed ${fp(fk, oldValue)} -> ${fp(fk, newValue)}`;
  out(`${file}:${line}: ${what}${oldValue === undefined ? ` (fingerprint ${fp(fk, newValue)})` : ''}${read ? '' : ' (file created)'}`);
  if (backup) out(`  previous file kept as backup ${backup}`);
}

async function unset(file: string, key: string, opts: { remove?: boolean }): Promise<void> {
  await withEnvFileLock(file, () => unsetLocked(file, key, opts), cliLockOptions());
}

async function unsetLocked(file: string, key: string, opts: { remove?: boolean }): Promise<void> {
  const read = await readTextFileSafe(file);
  const doc = await inFile(file, () => parseEnv(read.bytes));
  const lines = doc.entries.filter((e) => e.key === key).map((e) => e.line);
  if (lines.length === 0) {
    out(`${file}: ${key} is not set; nothing to do`);
    return;
  }
  const next = await inFile(file, () => unsetValue(read.bytes, key, opts.remove ? 'remove' : 'comment'));
  const { backupId } = await withLooseFileBackups((backups) => writeFileAtomic(file, next, { expected: read.bytes, backups }));
  out(`${file}: ${key} ${opts.remove ? 'removed' : 'commented out'} (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')})`);
  if (backupId) out(`  previous file kept as backup ${backupId}`);
}

async function lint(file: string, opts: { json?: boolean }): Promise<void> {
  const read = await readTextFileSafe(file);
  const diagnostics = await inFile(file, () => lintEnv(read.bytes));
  if (opts.json) {
    out(JSON.stringify(diagnostics));
  } else if (diagnostics.length === 0) {
    out(`${file}: no problems found`);
  } else {
    for (const d of diagnostics) {
      out(`${file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
      if (d.fix) out(`  fix: ${d.fix}`);
    }
  }
  if (diagnostics.some((d) => d.severity !== 'info')) process.exitCode = EXIT_PROBLEM;
}

export function register(program: Command): void {
  const env = program.command('env').description('Read, edit and lint one .env file, byte-for-byte (values shown as fingerprints)');
  env
    .command('show <file>')
    .description('List the keys dotenv reads from FILE, with the line that wins and a fingerprint of each value')
    .option('--json', 'print JSON: {KEY: {fingerprint, line}}; with --reveal {KEY: value} exactly as dotenv reads it')
    .option('--reveal', 'show the values themselves')
    .action((file: string, opts: { json?: boolean; reveal?: boolean }) => show(file, opts));
  env
    .command('set <file> <key> [value]')
    .description('Set KEY in FILE, changing only the bytes of its value (appended when absent)')
    .option('--stdin', 'read the value from standard input (one trailing newline is dropped)')
    .option('--create', 'create FILE (mode 0600) when it does not exist')
    .action((file: string, key: string, value: string | undefined, opts: { stdin?: boolean; create?: boolean }) => set(file, key, value, opts));
  env
    .command('unset <file> <key>')
    .description('Comment out every assignment of KEY in FILE')
    .option('--remove', 'delete the lines instead of commenting them out')
    .action((file: string, key: string, opts: { remove?: boolean }) => unset(file, key, opts));
  env
    .command('lint <file>')
    .description('Find what dotenv and Docker Compose read differently, empty values and weak secrets (exit 1 when any warning)')
    .option('--json', 'print the findings as a JSON array')
    .action((file: string, opts: { json?: boolean }) => lint(file, opts));
}
