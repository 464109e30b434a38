/**
 * `keyhive doctor [SECRET] [--fix] [--json]`: the 401 runbook, walked for you. Each finding
 * says what is wrong, why, and the fix; `--fix` applies the safe ones (sync from the keychain,
 * recreate every affected service in one step, probe again) and prints what it did.
 * Exit 0 when no error finding remains, 1 when one does, 2 bad usage.
 */
import type { Command } from 'commander';
import type { DoctorFinding } from '../../../shared/domain.js';
import { fixDoctor, formatFinding, runDoctor } from '../../app/doctor/run-doctor.js';
import { err, out, withOperation, withWorkspaceOptions, type OperationOptions } from './probe.js';

interface DoctorOptions extends OperationOptions {
  fix?: boolean;
}

export function register(program: Command): void {
  withWorkspaceOptions(
    program
      .command('doctor [secret]')
      .description('Find why calls get 401/403 — shared keys and issued keys (Hogsend, TokenHub, HiveForge), natively and in Docker: the most likely cause first, with evidence and the fix.')
      .option('--fix', 'apply the safe fixes (sync from the keychain, rewrite the caller URL for the run mode, recreate the services, restart a hand-started process holding an old key — this flag is your confirmation — probe again)')
      .option('--json', 'print the findings as JSON'),
  ).action(async (secret: string | undefined, opts: DoctorOptions) => {
    await withOperation(opts, async (op) => {
      let findings = await runDoctor(op.ports, secret);
      const applied: string[] = [];
      if (opts.fix) {
        const secrets = [...new Set(findings.filter((f) => f.severity !== 'ok' && f.fixAction).map((f) => f.secret))];
        for (const s of secrets) {
          const r = await fixDoctor(op.ports, s, {
            findings: findings.filter((f) => f.secret === s),
            ...(opts.json ? {} : { onProgress: (e) => e.state !== 'running' && err(`fix: ${e.label}: ${e.state}${e.detail ? ` — ${e.detail}` : ''}`) }),
          });
          applied.push(...r.applied.map((a) => `${s}: ${a}`));
          findings = [...findings.filter((f) => f.secret !== s), ...r.findings];
        }
        if (secrets.length === 0) applied.push('nothing to fix automatically');
      }
      print(findings, applied, opts);
      if (findings.some((f) => f.severity === 'error')) process.exitCode = 1;
    });
  });
}

function print(findings: DoctorFinding[], applied: string[], opts: DoctorOptions): void {
  if (opts.json) {
    out(JSON.stringify(opts.fix ? { applied, findings } : findings, null, 2));
    return;
  }
  const cause = findings.find((f) => f.cause && (f.severity === 'error' || f.severity === 'warning'));
  if (cause) out(`Most likely cause: ${cause.cause} (${cause.secret}: ${cause.title})\n`);
  for (const f of findings) out(formatFinding(f));
  if (opts.fix) for (const a of applied) out(`fixed: ${a}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  out(errors ? `${errors} problem(s) found${opts.fix ? ' after the fixes' : ''}.` : 'No problem found.');
}
