/**
 * `keyhive rotate SECRET` / the Rotate button: one change at a time per workspace (the lock),
 * journaled in the data dir at every step (electron/adapters/fs/rotation-journal.ts), progress step by
 * step to a callback. A failed probe rolls everything back and says why; a crash (even
 * `kill -9`) leaves a journal that `recoverPending` (app start) or `keyhive recover` finishes.
 */
import type { ProbeResult } from '../../../shared/domain.js';
import { KeyhiveError, isKeyhiveError } from '../../../shared/errors.js';
import { runFlow, FlowStuckError } from '../../core/rotation/step-machine.js';
import { affectedServices, clockOf, runModeOf, type OperationPorts, type ProgressListener } from '../sync/apply-change.js';
import { rotationFlow, type RotationCtx, type RotationData } from './rotate-flow.js';
import { RotationJournal } from '../../adapters/fs/rotation-journal.js';
import { createKeychainView } from '../status/status-keychain.js';
import { newOperationId } from '../operation-id.js';
import { assertServiceFolders, servicesOfSecret } from '../workspace-checks/service-folders.js';
import { secretConfig } from '../../core/workspace/workspace.js';
import { assertGeneratedRotation } from '../../core/rotation/rotation-kind.js';

export interface RotateOutcome {
  operationId: string;
  ok: boolean;
  outcome: 'committed' | 'rolled-back';
  summary: string;
  fingerprintBefore: string | null;
  fingerprintAfter: string | null;
  probes: ProbeResult[];
  /** The activity entry logged for the rotation (null without an activity log). */
  activityId: string | null;
}

/** Logs a rotation (or its roll-back) in the activity log; fingerprints and paths only. */
export async function logRotation(ports: OperationPorts, secret: string, summary: string, d: RotationData, kind: 'rotate' | 'recover' = 'rotate'): Promise<string | null> {
  if (!ports.activity) return null;
  const entry = await ports.activity.append({ kind, secret, summary, fingerprintBefore: d.fingerprintBefore ?? null, fingerprintAfter: d.fingerprintAfter ?? null, files: d.files ?? [] });
  return entry.id;
}

export function rotationContext(ports: OperationPorts, secret: string): RotationCtx {
  const view = createKeychainView(ports.store, ports.workspace.config.id, { ttlMs: 0 });
  return {
    ports,
    secret,
    fingerprint: async (value) => {
      await view.fingerprintKey();
      return view.fingerprint(value);
    },
  };
}

export async function rotateSecret(ports: OperationPorts, dataDir: string, secret: string, opts: { onProgress?: ProgressListener } = {}): Promise<RotateOutcome> {
  const ws = ports.workspace;
  const cfg = secretConfig(ws, secret);
  assertGeneratedRotation(secret, cfg.issuer);
  affectedServices(ws, secret, runModeOf(ports)); // validates the bindings' services early
  await assertServiceFolders(ws, servicesOfSecret(ws, secret), `rotate ${secret}`);
  const clock = clockOf(ports);
  const operationId = newOperationId('rotate', clock);
  return ports.lock.run({ operation: 'rotate', operationId }, async () => {
    const journal = new RotationJournal(dataDir);
    const ctx = rotationContext(ports, secret);
    let result;
    try {
      result = await runFlow(rotationFlow(), ctx, { operationId, workspaceId: ws.config.id, workspaceFile: ws.file, secret, pid: process.pid }, journal, { now: clock, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    } catch (e) {
      if (e instanceof FlowStuckError) {
        throw new KeyhiveError('INTERNAL', `the rotation of ${secret} failed and could not be rolled back completely: ${e.message}`, {
          fix: 'Run `keyhive recover` to retry the roll-back; the old value is kept in the keychain.',
          cause: e,
        });
      }
      throw e;
    }
    const d = result.record.data as RotationData;
    await journal.archive(result.record);
    if (result.outcome === 'rolled-back') {
      const why = isKeyhiveError(result.error) || result.error instanceof Error ? result.error.message : String(result.error);
      const summary = `Rotation of ${secret} rolled back: ${why}. Every side, the keychain and the services are on the previous value (${d.fingerprintBefore ?? 'none'}).`;
      return {
        operationId,
        ok: false,
        outcome: 'rolled-back',
        summary,
        fingerprintBefore: d.fingerprintBefore ?? null,
        fingerprintAfter: d.fingerprintBefore ?? null,
        probes: ctx.lastProbes ?? [],
        activityId: await logRotation(ports, secret, summary, { ...d, fingerprintAfter: d.fingerprintBefore ?? null }),
      };
    }
    const summary = `Rotated ${secret}: ${d.fingerprintBefore ?? 'none'} → ${d.fingerprintAfter ?? 'none'}; ${(d.files ?? []).length} file(s) written, ${(d.services ?? []).join(' and ') || 'no service'} made live, the new key passed every probe.`;
    return {
      operationId,
      ok: true,
      outcome: 'committed',
      summary,
      fingerprintBefore: d.fingerprintBefore ?? null,
      fingerprintAfter: d.fingerprintAfter ?? null,
      probes: ctx.lastProbes ?? [],
      activityId: await logRotation(ports, secret, summary, d),
    };
  });
}
