/**
 * `keyhive status [--json] [--live] [--workspace FILE]`: does every service see the keychain's
 * value of every secret? Exit 0 when all are in sync, 1 otherwise. Values never appear: only
 * 8-hex fingerprints. `--live` also compares with the running services (stale-container).
 * Also the helpers every workspace command here shares (finding the workspace, opening a session).
 */
import { relative } from 'node:path';
import type { Command } from 'commander';
import { DRIFT_STATE_LABEL, type WorkspaceStatus } from '../../../shared/domain.js';
import type { KeysOverview } from '../../../shared/keys.js';
import { portsOf } from '../../app/sync/apply-change-ports.js';
import { keysOverview } from '../../app/keys/overview.js';
import { keysContextOf } from '../../app/keys/keys-session.js';
import { openSession, type WorkspaceSession } from '../../app/workspace-session.js';
import type { ModeServiceController } from '../../app/services/service-control.js';
import { EXIT_PROBLEM } from '../exit.js';
import { cliContext } from '../cli-context.js';
import { resolveWorkspaceFile, WORKSPACE_OPTION_HELP, DEMO_OPTION_HELP, type WorkspaceOptions } from '../workspace-option.js';

export const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

/** The options every workspace command takes (see ../workspace-option.ts). */
export type WorkspaceOption = WorkspaceOptions;

/** Open a session for a CLI command; `live` adds the running services (Docker or native). */
export async function openCliSession(opts: WorkspaceOption & { live?: boolean }): Promise<{ session: WorkspaceSession; close: () => Promise<void> }> {
  const file = await resolveWorkspaceFile(opts);
  let runtime: ModeServiceController | undefined;
  if (opts.live) {
    const { createServiceController } = await import('../../app/services/service-control.js');
    runtime = createServiceController();
  }
  const session = await openSession(file, { ...(await cliContext()), ...(runtime ? { runtime } : {}) });
  return {
    session,
    close: async () => {
      await session.close();
      await runtime?.close?.();
    },
  };
}

export function allInSync(status: WorkspaceStatus): boolean {
  return status.secrets.every((s) => s.state === 'in-sync');
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** A readable table: one block per secret, one row per binding, state in words, details below. */
export function formatStatus(status: WorkspaceStatus): string[] {
  const root = status.workspace.file.replace(/[/\\][^/\\]*$/, '');
  const show = (p: string): string => {
    const rel = relative(root, p);
    return rel && !rel.startsWith('..') ? rel : p;
  };
  const lines: string[] = [`Workspace ${status.workspace.name} (${status.workspace.runMode} mode) — ${status.workspace.file}`];
  if (status.secrets.length === 0) {
    lines.push('No secrets declared yet: add them under secrets: in keyhive.yaml.');
    return lines;
  }
  const rows = status.secrets.flatMap((s) => s.bindings.map((b) => ({ b, where: `${show(b.file)}${b.line ? `:${b.line}` : ''}` })));
  const wService = Math.max(7, ...rows.map((r) => r.b.service.length));
  const wVar = Math.max(3, ...rows.map((r) => r.b.var.length));
  const wWhere = Math.max(4, ...rows.map((r) => r.where.length));
  for (const s of status.secrets) {
    lines.push('');
    const issued = s.issuer ? `, issued by ${s.issuer.name} (${s.issuer.system})` : '';
    lines.push(`${s.name}  ${DRIFT_STATE_LABEL[s.state].toUpperCase()}  (format ${s.format}${issued}, keychain ${s.keychainFingerprint ?? 'no entry'})`);
    lines.push(`  ${pad('SERVICE', wService)}  ${pad('VAR', wVar)}  ${pad('FILE', wWhere)}  ${pad('FINGERPRINT', 11)}  STATE`);
    for (const b of s.bindings) {
      const where = `${show(b.file)}${b.line ? `:${b.line}` : ''}`;
      lines.push(`  ${pad(b.service, wService)}  ${pad(b.var, wVar)}  ${pad(where, wWhere)}  ${pad(b.fingerprint ?? '—', 11)}  ${DRIFT_STATE_LABEL[b.state]}`);
      if (b.detail) lines.push(`      ${b.detail}`);
    }
    for (const w of s.warnings) lines.push(`  warning: ${w}`);
  }
  const bad = status.secrets.filter((s) => s.state !== 'in-sync');
  lines.push('');
  lines.push(bad.length === 0 ? `All ${status.secrets.length} secret(s) in sync.` : `${bad.length} of ${status.secrets.length} secret(s) need attention: ${bad.map((s) => s.name).join(', ')}.`);
  return lines;
}

/** Issued keys in a few lines: per issuer, each key's state and holders; then the debt with fixes. */
export function formatKeys(o: KeysOverview): string[] {
  const lines = ['', 'Issued keys'];
  for (const i of o.issuers) {
    if (i.error) lines.push(`  ${i.issuer}: cannot list — ${i.error.message}`);
    for (const k of i.keys) {
      const held = k.heldBy.map((h) => `${h.service}:${h.var}`).join(', ');
      lines.push(`  ${pad(i.issuer, 10)} ${pad(`${k.prefix}…`, 14)} ${pad(k.state, 9)} ${pad(k.name, 28)} ${held ? `held by ${held}` : 'not held'}`);
    }
  }
  for (const d of o.debt) lines.push(`  warning: ${d.message} — ${d.fix}`);
  return lines;
}

export function register(program: Command): void {
  program
    .command('status')
    .description('show whether every service sees the same value of each secret (exit 1 when not)')
    .option('--json', 'print the WorkspaceStatus as JSON')
    .option('--live', 'also compare with the running services (Docker containers / native processes)')
    .option('--workspace <file>', WORKSPACE_OPTION_HELP)
    .option('--demo', DEMO_OPTION_HELP)
    .action(async (opts: WorkspaceOption & { json?: boolean; live?: boolean }) => {
      const { session, close } = await openCliSession(opts);
      try {
        // Issued keys: the same overview the Keys view shows (state, holders, debt), from each
        // issuer's admin API — asked while status reads the files and the keychain.
        const overview = Object.keys(session.workspace.config.issuers).length ? keysOverview(keysContextOf(portsOf(session, null), session.dataDir)) : null;
        const [status, keys] = await Promise.all([session.status(), overview]);
        if (opts.json) out(JSON.stringify(keys ? { ...status, keys } : status, null, 2));
        else {
          formatStatus(status).forEach(out);
          if (keys) formatKeys(keys).forEach(out);
        }
        if (!allInSync(status)) process.exitCode = EXIT_PROBLEM;
      } finally {
        await close();
      }
    });
}
