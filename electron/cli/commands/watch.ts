/**
 * `keyhive watch [--json] [--live] [--workspace FILE]`: watch every env and compose file of the
 * workspace and print one line per change — which binding went from which state to which, with
 * fingerprints (never values). Runs until Ctrl-C. With --json, one JSON object per line:
 * a `ready` line first, then `change` lines.
 */
import type { Command } from 'commander';
import { DRIFT_STATE_LABEL, type DriftState, type WorkspaceStatus } from '../../../shared/domain.js';
import { describeError } from '../exit.js';
import { allInSync, openCliSession, out, type WorkspaceOption } from './status.js';
import { DEMO_OPTION_HELP, WORKSPACE_OPTION_HELP } from '../workspace-option.js';

export interface Transition {
  secret: string;
  /** Absent for a secret-level line. */
  service?: string;
  var?: string;
  from: DriftState | null;
  to: DriftState;
  fingerprintBefore: string | null;
  fingerprintAfter: string | null;
}

/** Every binding (and secret) whose state or fingerprint differs between two statuses. */
export function transitions(prev: WorkspaceStatus | null, next: WorkspaceStatus): Transition[] {
  const list: Transition[] = [];
  for (const s of next.secrets) {
    const before = prev?.secrets.find((p) => p.name === s.name);
    for (const b of s.bindings) {
      const pb = before?.bindings.find((x) => x.service === b.service && x.var === b.var);
      if (pb && pb.state === b.state && pb.fingerprint === b.fingerprint) continue;
      list.push({ secret: s.name, service: b.service, var: b.var, from: pb?.state ?? null, to: b.state, fingerprintBefore: pb?.fingerprint ?? null, fingerprintAfter: b.fingerprint });
    }
    if (!before || before.state !== s.state || before.keychainFingerprint !== s.keychainFingerprint) {
      list.push({ secret: s.name, from: before?.state ?? null, to: s.state, fingerprintBefore: before?.keychainFingerprint ?? null, fingerprintAfter: s.keychainFingerprint });
    }
  }
  return list;
}

const label = (s: DriftState | null): string => (s ? DRIFT_STATE_LABEL[s] : 'new');

export function formatTransition(t: Transition, at: Date): string {
  const time = at.toISOString().slice(11, 23);
  const fps = t.fingerprintBefore === t.fingerprintAfter ? `${t.fingerprintAfter ?? '—'}` : `${t.fingerprintBefore ?? '—'} → ${t.fingerprintAfter ?? '—'}`;
  const who = t.service ? `${t.secret} ${t.service} ${t.var}` : `${t.secret} (secret)`;
  return `${time}  ${who}: ${label(t.from)} → ${label(t.to)}  [${fps}]`;
}

export function register(program: Command): void {
  program
    .command('watch')
    .description('watch the env files and print a line for every state change (Ctrl-C to stop)')
    .option('--json', 'one JSON object per line')
    .option('--live', 'also compare with the running services')
    .option('--workspace <file>', WORKSPACE_OPTION_HELP)
    .option('--demo', DEMO_OPTION_HELP)
    .action(async (opts: WorkspaceOption & { json?: boolean; live?: boolean }) => {
      const { session, close } = await openCliSession(opts);
      let last = await session.status();
      const stop = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      session.watch(
        (status) => {
          const now = session.clock();
          for (const t of transitions(last, status)) out(opts.json ? JSON.stringify({ type: 'change', at: now.toISOString(), ...t }) : formatTransition(t, now));
          last = status;
        },
        (e) => process.stderr.write(describeError(e) + '\n'),
      );
      await session.whenWatching();
      const files = session.workspace.services.size;
      if (opts.json) out(JSON.stringify({ type: 'ready', workspace: last.workspace, inSync: allInSync(last), states: Object.fromEntries(last.secrets.map((s) => [s.name, s.state])) }));
      else {
        out(`Watching ${session.workspace.file} (${files} service(s), ${last.secrets.length} secret(s)); Ctrl-C to stop.`);
        for (const s of last.secrets) out(`  ${s.name}: ${DRIFT_STATE_LABEL[s.state]}`);
      }
      await stop;
      await close();
    });
}
