/**
 * `keyhive sync | undo | import | activity`: change secrets in one step, take them back.
 *   sync SECRET [--from keychain|SERVICE] [--value-stdin] [--force] [--no-restart]
 *        keychain + every binding as one transaction, then recreate/restart and probe (the Sync button)
 *   undo [ID]                                                         reverse a sync/import (default: the latest)
 *   import SECRET --from SERVICE [--force]                            take a service's value into the keychain
 *   activity [--kind K] [--secret S] [--limit N] [--json]             the activity log (ids for undo)
 * Output shows fingerprints and files, never a value.
 */
import type { Command } from 'commander';
import { ActivityKind, DRIFT_STATE_LABEL } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import type { ProgressEvent } from '../../../shared/domain.js';
import { applyChange, type ApplyOutcome } from '../../app/sync/apply-change.js';
import { formatProbeLine } from '../../app/services/probe.js';
import type { SyncOutcome, SyncSource, WorkspaceSession } from '../../app/workspace-session.js';
import { withOperation, withWorkspaceOptions, type OperationOptions } from './probe.js';
import { progressLine } from './rotate.js';
import { EXIT_PROBLEM } from '../exit.js';
import { openCliSession, out, type WorkspaceOption } from './status.js';
import { DEMO_OPTION_HELP, WORKSPACE_OPTION_HELP } from '../workspace-option.js';

async function readStdinValue(): Promise<string> {
  if (process.stdin.isTTY) throw new KeyhiveError('BAD_INPUT', '--value-stdin needs the value on standard input.', { fix: 'Pipe it in: `pbpaste | keyhive sync SECRET --value-stdin` (or use --from).' });
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  const s = Buffer.concat(chunks).toString('utf8');
  return s.endsWith('\r\n') ? s.slice(0, -2) : s.endsWith('\n') ? s.slice(0, -1) : s;
}

async function withSession(opts: WorkspaceOption, run: (s: WorkspaceSession) => Promise<void>): Promise<void> {
  const { session, close } = await openCliSession(opts);
  try {
    await run(session);
  } finally {
    await close();
  }
}

/** What `sync` prints: the change, then what making it live did (probes), the state and the undo id. */
async function reportLive(session: WorkspaceSession, secret: string, what: string, outcome: ApplyOutcome, json: boolean | undefined): Promise<void> {
  const { probes, restarted, ok, summary, ...change } = outcome;
  await report(session, secret, what, { ...change, activityId: change.activityId ?? '' }, json, { ok, summary, restarted, probes });
  if (!ok) process.exitCode = EXIT_PROBLEM;
}

async function report(session: WorkspaceSession, secret: string, what: string, outcome: SyncOutcome, json: boolean | undefined, live?: Pick<ApplyOutcome, 'ok' | 'summary' | 'restarted' | 'probes'>): Promise<void> {
  const status = await session.status();
  const s = status.secrets.find((x) => x.name === secret);
  if (json) {
    out(JSON.stringify({ ...outcome, ...(live ?? {}), state: s?.state ?? null }, null, 2));
  } else {
    if (live) for (const p of live.probes.filter((x) => !x.ok)) out(formatProbeLine(p));
    const root = session.workspace.root;
    const files = outcome.files.map((f) => (f.startsWith(root + '/') ? f.slice(root.length + 1) : f));
    out(`${what} (keychain ${outcome.fingerprintBefore ?? 'no entry'} → ${outcome.fingerprintAfter ?? 'no entry'}).`);
    out(files.length > 0 ? `  wrote: ${files.join(', ')}` : '  no file needed a change');
    for (const w of outcome.warnings) out(`  warning: ${w}`);
    if (live) out(`  ${live.summary}`);
    if (s) out(`  ${secret} is now: ${DRIFT_STATE_LABEL[s.state]}`);
    out(`  undo: keyhive undo ${outcome.activityId}`);
  }
  if (s && s.state !== 'in-sync') process.exitCode = EXIT_PROBLEM;
}

export function register(program: Command): void {
  withWorkspaceOptions(
    program
      .command('sync')
      .description('write one value of SECRET to the keychain and every service as one step, make it live (recreate/restart) and probe — what the Sync button does')
      .argument('<secret>', 'secret name from keyhive.yaml')
      .option('--from <source>', '"keychain" (default) or a SERVICE whose current value to spread')
      .option('--value-stdin', 'read the new value from standard input (one trailing newline is dropped)')
      .option('--force', 'write a value that does not match the secret\'s key format')
      .option('--no-restart', 'only write the files and the keychain: do not recreate/restart the services, do not probe')
      .option('--json', 'print the outcome as JSON'),
  ).action(async (secret: string, opts: OperationOptions & { from?: string; valueStdin?: boolean; force?: boolean; restart?: boolean }) => {
    if (opts.from !== undefined && opts.valueStdin) {
      throw new KeyhiveError('BAD_INPUT', 'Use either --from or --value-stdin, not both.', { fix: 'keyhive sync SECRET --from keychain | --from SERVICE | --value-stdin' });
    }
    let from: SyncSource;
    if (opts.valueStdin) from = { value: await readStdinValue() };
    else if (opts.from === undefined || opts.from === 'keychain') from = 'keychain';
    else from = { service: opts.from };
    await withOperation(opts, async (op) => {
      const onProgress = opts.json ? undefined : (e: ProgressEvent) => (e.state !== 'running' ? out(progressLine(e)) : undefined);
      const outcome = await applyChange(op.ports, secret, from, { restart: opts.restart !== false, force: opts.force === true, ...(onProgress ? { onProgress } : {}) });
      const source = from === 'keychain' ? 'the keychain' : 'service' in from ? from.service : 'standard input';
      await reportLive(op.session, secret, `Synced ${secret} from ${source}`, outcome, opts.json);
    });
  });

  program
    .command('import')
    .description('take the value a service sees now into the keychain (files are not changed)')
    .argument('<secret>', 'secret name from keyhive.yaml')
    .requiredOption('--from <service>', 'the service whose value to keep')
    .option('--force', 'keep a value that does not match the secret\'s key format')
    .option('--json', 'print the outcome as JSON')
    .option('--workspace <file>', WORKSPACE_OPTION_HELP)
    .option('--demo', DEMO_OPTION_HELP)
    .action(async (secret: string, opts: WorkspaceOption & { from: string; force?: boolean; json?: boolean }) => {
      await withSession(opts, async (session) => {
        const outcome = await session.importSecret(secret, opts.from, { force: opts.force === true });
        await report(session, secret, `Imported ${secret} from ${opts.from} into the keychain`, outcome, opts.json);
      });
    });

  program
    .command('undo')
    .description('reverse a sync or import: files back to their previous bytes, keychain to its previous value')
    .argument('[id]', 'activity entry id (default: the latest one that can be undone; see keyhive activity)')
    .option('--json', 'print the outcome as JSON')
    .option('--workspace <file>', WORKSPACE_OPTION_HELP)
    .option('--demo', DEMO_OPTION_HELP)
    .action(async (id: string | undefined, opts: WorkspaceOption & { json?: boolean }) => {
      await withSession(opts, async (session) => {
        const outcome = await session.undo(id);
        if (opts.json) {
          out(JSON.stringify(outcome, null, 2));
          return;
        }
        out(`Undid ${outcome.undid} (keychain ${outcome.fingerprintBefore ?? 'no entry'} → ${outcome.fingerprintAfter ?? 'no entry'}).`);
        out(outcome.files.length > 0 ? `  restored: ${outcome.files.join(', ')}` : '  no file to restore');
      });
    });

  program
    .command('activity')
    .description('list the activity log, newest first (ids for keyhive undo)')
    .option('--kind <kind>', `only one kind: ${ActivityKind.options.join(', ')}`)
    .option('--secret <name>', 'only one secret')
    .option('--limit <n>', 'at most N entries', '20')
    .option('--json', 'print the entries as JSON')
    .option('--workspace <file>', WORKSPACE_OPTION_HELP)
    .option('--demo', DEMO_OPTION_HELP)
    .action(async (opts: WorkspaceOption & { kind?: string; secret?: string; limit: string; json?: boolean }) => {
      const kind = opts.kind === undefined ? undefined : ActivityKind.safeParse(opts.kind);
      if (kind && !kind.success) throw new KeyhiveError('BAD_INPUT', `Unknown activity kind "${opts.kind}".`, { fix: `Use one of: ${ActivityKind.options.join(', ')}.` });
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new KeyhiveError('BAD_INPUT', `--limit must be a positive whole number.`, { fix: 'e.g. --limit 50' });
      await withSession(opts, async (session) => {
        const entries = await session.activity.list({ ...(kind?.success ? { kind: kind.data } : {}), ...(opts.secret ? { secret: opts.secret } : {}), limit });
        if (opts.json) return out(JSON.stringify(entries, null, 2));
        if (entries.length === 0) return out('No activity yet.');
        for (const e of entries) {
          const flags = e.undone ? ' (undone)' : e.undoable ? ' (undoable)' : '';
          out(`${e.id}  ${e.at}  ${e.kind.padEnd(7)} ${e.summary}${flags}`);
        }
      });
    });
}
