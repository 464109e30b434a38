/**
 * `keyhive probe [SECRET] [--json]`: prove the key works against the running server — health,
 * a call with the current key, a call with a random wrong key (must be refused), and the header
 * shape the server insists on. Exit 0 when every probe passes, 1 when one fails, 2 bad usage.
 * Also the shared opening of a workspace for the operation commands (probe, doctor, rotate,
 * recover): --workspace FILE (default: found upwards) or --demo, and crash recovery at start.
 */
import type { Command } from 'commander';
import { affectedServices, makeLive, runModeOf } from '../../app/sync/apply-change.js';
import { openOperation, type OpenedOperation } from '../../app/sync/apply-change-ports.js';
import { cliContext } from '../cli-context.js';
import { resumeIssuedKeyRotation } from '../../app/rotation/issued-key-rotation.js';
import { formatProbeLine, runProbes } from '../../app/services/probe.js';
import { probeContextOf } from '../../app/sync/apply-change.js';
import { resolveWorkspaceFile, withWorkspaceOptions } from '../workspace-option.js';
import { recoverPending, type RecoveredOperation, type RecoverOptions } from '../../app/lifecycle/recover.js';

export interface OperationOptions {
  workspace?: string;
  demo?: boolean;
  json?: boolean;
}

export const out = (s: string): void => void process.stdout.write(s + '\n');
export const err = (s: string): void => void process.stderr.write(s + '\n');

export { withWorkspaceOptions };

export const workspaceFile = (opts: OperationOptions): Promise<string> => resolveWorkspaceFile(opts);

/** Resumers for journals of other operations (issued-key rotations), built on the same session. */
export function resumersFor(op: OpenedOperation): RecoverOptions['resumers'] {
  const ws = op.ports.workspace;
  return {
    'rotate-issued': async (record) => {
      const r = await resumeIssuedKeyRotation(
        {
          workspace: { id: ws.config.id, file: ws.file, config: ws.config },
          store: op.ports.store,
          dataDir: op.dataDir,
          syncValue: async (secret, value) => void (await op.ports.sync(secret, { value })),
          restartConsumers: (secret, progress) => makeLive(op.ports, affectedServices(op.ports.workspace, secret, runModeOf(op.ports)).services, progress),
        },
        record,
      );
      return { ok: r.ok, summary: r.summary };
    },
  };
}

export function formatRecovered(r: RecoveredOperation): string {
  return `recover: ${r.operationId} (${r.operation}${r.secret ? ` ${r.secret}` : ''}): ${r.summary}`;
}

/** Opens the workspace, finishes what a crash left behind (said on stderr), runs `fn`, closes. */
export async function withOperation<T>(opts: OperationOptions, fn: (op: OpenedOperation, recovered: RecoveredOperation[]) => Promise<T>, recover = true): Promise<T> {
  const op = await openOperation(await workspaceFile(opts), await cliContext());
  try {
    const recovered = recover ? await recoverPending(op.ports, op.dataDir, { resumers: resumersFor(op) }) : [];
    if (!opts.json) for (const r of recovered) err(formatRecovered(r));
    return await fn(op, recovered);
  } finally {
    await op.close();
  }
}

export function register(program: Command): void {
  withWorkspaceOptions(
    program
      .command('probe [secret]')
      .description('Probe the running servers: health, a call with the current key, a wrong key (must be refused), the header shape.')
      .option('--json', 'print the results as JSON'),
  ).action(async (secret: string | undefined, opts: OperationOptions) => {
    await withOperation(opts, async (op) => {
      const results = await runProbes(probeContextOf(op.ports), secret);
      if (opts.json) out(JSON.stringify(results, null, 2));
      else if (results.length === 0) out('no secret has a probe target (add `probes: { smoke: "GET /path" }` and a server URL in keyhive.yaml)');
      else for (const r of results) out(formatProbeLine(r));
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
  });
}
