/**
 * `keyhive rotate SECRET [--json]`: a new key in the secret's format → keychain → every binding →
 * recreate/restart every affected service in one step → probes. One line per step. If a probe
 * fails, everything is rolled back (files, keychain, services) and the reason is printed.
 * `keyhive recover [--json]`: completes or rolls back what a crash (even kill -9) left behind.
 * Exit 0 ok, 1 rolled back / not recovered / locked, 2 bad usage.
 *
 * Test hook (tests only): KEYHIVE_TEST_CRASH_AFTER=<step> SIGKILLs the process right after the
 * journal records that step as done (see electron/adapters/fs/rotation-journal.ts).
 */
import type { Command } from 'commander';
import type { ProgressEvent } from '../../../shared/domain.js';
import { recoverPending } from '../../app/lifecycle/recover.js';
import { rotateSecret } from '../../app/rotation/rotate-secret.js';
import { formatProbeLine } from '../../app/services/probe.js';
import { formatRecovered, out, resumersFor, withOperation, withWorkspaceOptions, type OperationOptions } from './probe.js';

export function progressLine(e: ProgressEvent): string {
  return `${e.operation} ${e.secret ?? ''} [${e.step}] ${e.label}: ${e.state}${e.detail ? ` — ${e.detail}` : ''}`.replace(/\s+\[/, ' [');
}

export function register(program: Command): void {
  withWorkspaceOptions(
    program
      .command('rotate <secret>')
      .description('Rotate a shared secret: new key → keychain → every binding → restart in one step → probes; rolls back if a probe fails.')
      .option('--json', 'print the outcome as JSON'),
  ).action(async (secret: string, opts: OperationOptions) => {
    await withOperation(opts, async (op) => {
      // one line per step: its final state, with what it did
      const onProgress = opts.json ? undefined : (e: ProgressEvent) => (e.state !== 'running' ? out(progressLine(e)) : undefined);
      const r = await rotateSecret(op.ports, op.dataDir, secret, onProgress ? { onProgress } : {});
      if (opts.json) out(JSON.stringify(r, null, 2));
      else {
        if (!r.ok) for (const p of r.probes.filter((x) => !x.ok)) out(formatProbeLine(p));
        out(r.summary);
      }
      if (!r.ok) process.exitCode = 1;
    });
  });

  withWorkspaceOptions(
    program
      .command('recover')
      .description('Complete or roll back operations a crash left unfinished (rotations), so no key is lost.')
      .option('--json', 'print the outcome as JSON'),
  ).action(async (opts: OperationOptions) => {
    await withOperation(
      opts,
      async (op) => {
        const done = await recoverPending(op.ports, op.dataDir, {
          resumers: resumersFor(op),
          ...(opts.json ? {} : { onProgress: (e: ProgressEvent) => (e.state !== 'running' ? out(progressLine(e)) : undefined) }),
        });
        if (opts.json) out(JSON.stringify(done, null, 2));
        else if (done.length === 0) out('nothing to recover');
        else for (const r of done) out(formatRecovered(r));
        if (done.some((r) => !r.ok)) process.exitCode = 1;
      },
      false,
    );
  });
}
