/**
 * Finishing what a crash left behind: every unfinished journal of a workspace (rotation, sync,
 * import, undo, issued-key rotation) is completed (past its commit point) or rolled back (not),
 * following the step machine's recovery plan, and stray temp files are removed. Called at every start of the app/CLI on an opened session (`recoverPending`)
 * and by `keyhive recover`. Takes the workspace lock, so it never races a live rotation; a lock
 * left by a killed process is stale and taken over.
 *
 * Secret rotations (`rotate`) are resumed here; other operations (`rotate-issued`) are resumed
 * by the resumer the caller passes for them (e.g. `resumeIssuedKeyRotation`).
 */
import type { ProgressEvent } from '../../../shared/domain.js';
import { isKeyhiveError } from '../../../shared/errors.js';
import type { JournalRecord } from '../../core/rotation/journal-record.js';
import { FlowStuckError, resumeFlow } from '../../core/rotation/step-machine.js';
import { clockOf, type OperationPorts, type ProgressListener } from '../sync/apply-change.js';
import { portsOf } from '../sync/apply-change-ports.js';
import type { ServiceController } from '../../core/services/runtime.js';
import type { WorkspaceSession } from '../workspace-session.js';
import { rotationFlow, type RotationData } from '../rotation/rotate-flow.js';
import { logRotation, rotationContext } from '../rotation/rotate-secret.js';
import { newOperationId } from '../operation-id.js';
import { RotationJournal } from '../../adapters/fs/rotation-journal.js';

export type Resumer = (record: JournalRecord) => Promise<{ ok: boolean; summary: string }>;

export interface RecoveredOperation {
  operationId: string;
  operation: JournalRecord['operation'];
  secret?: string;
  action: 'completed' | 'rolled-back' | 'nothing' | 'left';
  ok: boolean;
  summary: string;
}

export interface RecoverOptions {
  onProgress?: ProgressListener;
  /** Resumers for operations other than `rotate`, by operation name. */
  resumers?: Partial<Record<ProgressEvent['operation'], Resumer>>;
}

async function resumeRotation(ports: OperationPorts, journal: RotationJournal, record: JournalRecord, onProgress?: ProgressListener): Promise<RecoveredOperation> {
  const secret = record.secret ?? '';
  const base = { operationId: record.operationId, operation: record.operation, secret };
  if (!ports.workspace.config.secrets[secret]) {
    return { ...base, action: 'left', ok: false, summary: `the journal names a secret "${secret}" that keyhive.yaml no longer declares; left in place (${journal.fileOf(record.operationId)})` };
  }
  const ctx = rotationContext(ports, secret);
  try {
    const out = await resumeFlow(rotationFlow(), ctx, record, journal, { now: clockOf(ports), ...(onProgress ? { onProgress } : {}) });
    await journal.archive(out.record);
    const d = out.record.data as RotationData;
    if (out.plan.action === 'nothing') return { ...base, action: 'nothing', ok: true, summary: out.plan.reason };
    if (out.outcome === 'committed') {
      const summary = `rotation of ${secret} completed: every side is on the new key ${d.fingerprintAfter ?? ''} (${out.plan.reason})`;
      await logRotation(ports, secret, summary, d, 'recover');
      return { ...base, action: 'completed', ok: true, summary };
    }
    const summary = `rotation of ${secret} rolled back: every side is on the previous key ${d.fingerprintBefore ?? ''} (${out.plan.reason})`;
    await logRotation(ports, secret, summary, { ...d, fingerprintAfter: d.fingerprintBefore ?? null }, 'recover');
    return { ...base, action: 'rolled-back', ok: true, summary };
  } catch (e) {
    const why = e instanceof FlowStuckError || e instanceof Error ? e.message : String(e);
    return { ...base, action: 'left', ok: false, summary: `could not recover the rotation of ${secret}: ${why}; the journal is kept and \`keyhive recover\` retries` };
  }
}

/** Recovers every unfinished operation of the session's workspace. Never throws for one bad journal. */
export async function recoverPending(ports: OperationPorts, dataDir: string, opts: RecoverOptions = {}): Promise<RecoveredOperation[]> {
  const wsId = ports.workspace.config.id;
  const journal = new RotationJournal(dataDir, '');
  const pending = await journal.pending(wsId);
  const inProgress = (who: string): RecoveredOperation[] =>
    pending.map((r) => ({
      operationId: r.operationId,
      operation: r.operation,
      ...(r.secret ? { secret: r.secret } : {}),
      action: 'left' as const,
      ok: true,
      summary: `still running in ${who}: left to it (run \`keyhive recover\` if that process dies)`,
    }));
  const holder = await ports.lock.holder();
  if (holder) return pending.length ? inProgress(`pid ${holder.pid} (${holder.operation} ${holder.operationId})`) : [];
  try {
    return await ports.lock.run(
      { operation: 'recover', operationId: newOperationId('recover', clockOf(ports)) },
      async () => {
        const out: RecoveredOperation[] = [];
        // Newest first: a change nested in a rotation (its files step) is undone before the rotation.
        for (const record of [...pending].reverse()) out.push(await recoverOne(ports, journal, record, opts));
        // Temp files a killed writer left (each write's own roll-back sweeps its folder too).
        await ports.changes.sweep();
        return out;
      },
      { waitMs: 0, onAcquired: undefined },
    );
  } catch (e) {
    if (isKeyhiveError(e) && e.code === 'LOCKED') return inProgress('another process');
    throw e;
  }
}

async function recoverOne(ports: OperationPorts, journal: RotationJournal, record: JournalRecord, opts: RecoverOptions): Promise<RecoveredOperation> {
  const base = { operationId: record.operationId, operation: record.operation, ...(record.secret ? { secret: record.secret } : {}) };
  if (record.operation === 'rotate') return resumeRotation(ports, journal, record, opts.onProgress);
  const resumer = record.operation === 'sync' ? (r: JournalRecord) => ports.changes.resume(r) : opts.resumers?.[record.operation];
  if (!resumer) return { ...base, action: 'left', ok: false, summary: `no resumer for a "${record.operation}" journal here; left in place (${journal.fileOf(record.operationId)})` };
  try {
    const r = await resumer(record);
    const action = 'action' in r ? r.action : r.ok ? 'completed' : 'rolled-back';
    return { ...base, action, ok: true, summary: r.summary };
  } catch (e) {
    const why = isKeyhiveError(e) || e instanceof Error ? e.message : String(e);
    return { ...base, action: 'left', ok: false, summary: `${why}; the journal is kept and \`keyhive recover\` retries` };
  }
}

/**
 * For the app/CLI start: recover what a crash left for this open session's workspace. Pass the
 * service controller so rolled-back or completed rotations are made live again.
 */
export function recoverPendingForSession(session: WorkspaceSession, opts: RecoverOptions & { controller?: ServiceController | null } = {}): Promise<RecoveredOperation[]> {
  const { controller, ...rest } = opts;
  return recoverPending(portsOf(session, controller ?? null), session.dataDir, rest);
}
