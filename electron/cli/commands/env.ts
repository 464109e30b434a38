/**
 * `keyhive env …`: look at and edit one .env file, losslessly, without a workspace.
 *   show FILE [--json] [--reveal]   values as fingerprints unless --reveal
 *   set FILE KEY [VALUE | --stdin]  prints what changed (key, line, fingerprints), never the value
 *   unset FILE KEY [--remove]       comments the key out (or removes its lines)
 *   lint FILE [--json]              exit 1 when there is any warning or error
 * A thin shell over the env-file use cases (electron/app/env-file/), which hold the logic.
 */
import type { Command } from 'commander';
import { KeyhiveError } from '../../../shared/errors.js';
import { lintEnvFile, revealEnvFile, setEnvValue, showEnvFile, unsetEnvValue, type EnvKeyRow, type ValueFingerprint } from '../../app/env-file/env-file-commands.js';
import { cliContext } from '../cli-context.js';
import { EXIT_PROBLEM } from '../exit.js';

const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

const fpText = (fp: ValueFingerprint | null): string => (fp === null ? 'absent' : fp === '' ? '(empty)' : fp);

function printRows(file: string, rows: EnvKeyRow[], shown: (r: EnvKeyRow) => string, revealed: boolean): void {
  out(`${file}: ${rows.length} key${rows.length === 1 ? '' : 's'}${revealed ? ' (values revealed)' : ' (values shown as fingerprints; --reveal shows them)'}`);
  const width = Math.min(40, Math.max(0, ...rows.map((r) => r.key.length)));
  for (const r of rows) {
    const dup = r.overridden.length > 0 ? `  (also set on line ${r.overridden.join(', ')}; this one wins)` : '';
    out(`  ${`line ${r.line}`.padEnd(9)} ${r.key.padEnd(width)}  ${shown(r)}${dup}`);
  }
}

async function show(file: string, opts: { json?: boolean; reveal?: boolean }): Promise<void> {
  if (opts.reveal) {
    const { values, keys } = await revealEnvFile(file);
    if (opts.json) out(JSON.stringify(values));
    else printRows(file, keys, (r) => JSON.stringify(values[r.key]), true);
    return;
  }
  const { keys } = await showEnvFile(file, await cliContext());
  if (opts.json) out(JSON.stringify(Object.fromEntries(keys.map((r) => [r.key, { fingerprint: r.fingerprint === '' ? null : r.fingerprint, line: r.line }]))));
  else printRows(file, keys, (r) => fpText(r.fingerprint), false);
}

async function readStdinValue(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  const s = Buffer.concat(chunks).toString('utf8');
  return s.endsWith('\r\n') ? s.slice(0, -2) : s.endsWith('\n') ? s.slice(0, -1) : s;
}

async function set(file: string, key: string, value: string | undefined, opts: { stdin?: boolean; create?: boolean }): Promise<void> {
  if (value !== undefined && opts.stdin) throw new KeyhiveError('BAD_INPUT', 'give the value either as an argument or with --stdin, not both', { fix: `keyhive env set ${file} ${key} --stdin < value.txt` });
  if (value === undefined && !opts.stdin) throw new KeyhiveError('BAD_INPUT', `no value given for ${key}`, { fix: `Pass it as an argument, or pipe it: printf %s "$VALUE" | keyhive env set ${file} ${key} --stdin` });
  const r = await setEnvValue(file, key, value ?? (await readStdinValue()), await cliContext(), { create: opts.create === true });
  if (r.change === 'unchanged') {
    out(`${file}:${r.line}: ${key} unchanged (fingerprint ${fpText(r.after)})`);
    return;
  }
  const what = r.change === 'added' ? `${key} added (fingerprint ${fpText(r.after)})` : `${key} changed ${fpText(r.before)} -> ${fpText(r.after)}`;
  out(`${file}:${r.line}: ${what}${r.created ? ' (file created)' : ''}`);
  if (r.backupId) out(`  previous file kept as backup ${r.backupId}`);
}

async function unset(file: string, key: string, opts: { remove?: boolean }): Promise<void> {
  const r = await unsetEnvValue(file, key, await cliContext(), { remove: opts.remove === true });
  if (r.lines.length === 0) {
    out(`${file}: ${key} is not set; nothing to do`);
    return;
  }
  out(`${file}: ${key} ${r.how === 'remove' ? 'removed' : 'commented out'} (line${r.lines.length > 1 ? 's' : ''} ${r.lines.join(', ')})`);
  if (r.backupId) out(`  previous file kept as backup ${r.backupId}`);
}

async function lint(file: string, opts: { json?: boolean }): Promise<void> {
  const diagnostics = await lintEnvFile(file);
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
