/**
 * The generic journaled step machine behind every crash-safe operation (secret rotation,
 * issued-key rotation). It runs a flow's steps in order, saves the journal record at EVERY
 * transition (step started, step done, step failed, step rolled back, phase change), and on a
 * failure compensates the started steps newest first. `resumeFlow` continues a journal left by a
 * crashed process, following `planRecovery`.
 *
 * How to define a flow:
 *
 *   const flow: Flow<MyCtx> = {
 *     operation: 'rotate-issued',
 *     steps: [
 *       { id: 'create', label: 'Create the new key',
 *         forward: async (ctx, io) => { ...; io.setData({ newKeyId: id }) },
 *         compensate: async (ctx, io) => { revoke io.record.data.newKeyId if present } },
 *       { id: 'probe', label: 'Probe the new key', commits: true, forward: ... },
 *       { id: 'revoke-old', label: 'Revoke the old key', forward: ... },
 *     ],
 *     afterRollback: async (ctx, io) => { ...e.g. restart services on the restored value },
 *   };
 *   await runFlow(flow, ctx, { operationId, workspaceId, workspaceFile, secret, data: {} }, sink, onProgress);
 *
 * Rules for steps:
 *  - `forward` and `compensate` must be IDEMPOTENT and must tolerate a partial previous attempt:
 *    after a crash, recovery re-runs the step that was `running` (forward when completing,
 *    compensate when rolling back) without knowing how far it got.
 *  - `compensate` may run for a step whose `forward` never really happened (crash right after
 *    the step was journaled as running): it must then do nothing harmful.
 *  - Before the `commits: true` step is done, failures and crashes roll BACK; after it, recovery
 *    rolls FORWARD (completes), so steps after the commit point must not fail for good.
 *  - Put facts a later step or a compensation needs into `io.setData` (saved with the record).
 *    Never a secret value: keep values in the keychain (`accounts.rotationBackup/rotationPending`).
 */
import type { Clock } from '../../../shared/clock.js';
import type { ProgressEvent, StepState } from '../../../shared/domain.js';
import { JOURNAL_VERSION, type JournalPhase, type JournalRecord, type JournalSink } from './journal-record.js';
import { planRecovery, stepsToCompensate, type RecoveryPlan } from './recovery-plan.js';

export interface StepIo {
  /** The live record (read `record.data` for facts saved by earlier steps or a crashed run). */
  readonly record: JournalRecord;
  /** Merge facts into `record.data`; saved with the next transition (or now with `saveNow`). */
  setData(patch: Record<string, unknown>): void;
  /** Save the record immediately (e.g. right after creating something that must be undone). */
  saveNow(): Promise<void>;
  /** Report a sub-step detail to the progress listener (never a value); `until` marks a wait (a countdown in the UI). */
  progress(detail: string, extra?: { until?: string }): void;
}

export interface FlowStep<C> {
  id: string;
  label: string;
  forward(ctx: C, io: StepIo): Promise<void>;
  compensate?(ctx: C, io: StepIo): Promise<void>;
  /** The point of no return: once done, recovery completes the flow instead of rolling back. */
  commits?: boolean;
}

export interface Flow<C> {
  operation: JournalRecord['operation'];
  steps: FlowStep<C>[];
  /** Runs once after every started step was compensated (e.g. restart services on the old value). */
  afterRollback?(ctx: C, io: StepIo): Promise<void>;
}

export interface FlowStart {
  operationId: string;
  workspaceId: string;
  workspaceFile: string;
  secret?: string;
  data?: Record<string, unknown>;
  pid?: number;
}

export type ProgressListener = (event: ProgressEvent) => void;

export interface FlowOutcome {
  record: JournalRecord;
  outcome: 'committed' | 'rolled-back';
  /** Why it rolled back (the error of the failed step). */
  error?: unknown;
}

export interface MachineOptions {
  onProgress?: ProgressListener;
  /** Stamps the journal; the system clock when omitted. */
  now?: Clock;
}

/** Thrown when a compensation fails: the journal stays `stuck` and `keyhive recover` retries. */
export class FlowStuckError extends Error {
  constructor(
    message: string,
    readonly record: JournalRecord,
    readonly original?: unknown,
  ) {
    super(message);
    this.name = 'FlowStuckError';
  }
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

class Runner<C> {
  private readonly now: () => Date;
  /** The last sub-step detail of each step, repeated on its final event (one line per step). */
  private readonly lastDetail = new Map<string, string>();
  constructor(
    private readonly flow: Flow<C>,
    private readonly ctx: C,
    readonly record: JournalRecord,
    private readonly sink: JournalSink,
    private readonly opts: MachineOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private async save(): Promise<void> {
    this.record.updatedAt = this.stamp();
    await this.sink.save(this.record);
  }

  private emit(step: string, label: string, state: StepState, detail?: string, until?: string): void {
    this.opts.onProgress?.({
      operationId: this.record.operationId,
      operation: this.record.operation,
      ...(this.record.secret !== undefined ? { secret: this.record.secret } : {}),
      step,
      label,
      state,
      ...(detail !== undefined ? { detail } : {}),
      ...(until !== undefined ? { until } : {}),
      at: this.stamp(),
    });
  }

  private io(stepId: string, label: string): StepIo {
    return {
      record: this.record,
      setData: (patch) => Object.assign(this.record.data, patch),
      saveNow: () => this.save(),
      progress: (detail, extra) => {
        this.lastDetail.set(stepId, detail);
        this.emit(stepId, label, 'running', detail, extra?.until);
      },
    };
  }

  private async setPhase(phase: JournalPhase, error?: string): Promise<void> {
    this.record.phase = phase;
    if (error !== undefined) this.record.error = error;
    await this.save();
  }

  private async setStep(id: string, state: StepState, detail?: string): Promise<void> {
    const s = this.record.steps.find((x) => x.id === id);
    if (!s) throw new Error(`journal has no step "${id}"`);
    s.state = state;
    if (state === 'running') s.startedAt = this.stamp();
    else s.endedAt = this.stamp();
    if (detail !== undefined) s.detail = detail;
    await this.save();
    this.emit(s.id, s.label, state, detail ?? (state === 'running' ? undefined : this.lastDetail.get(id)));
  }

  /** Runs the given steps forward, in order. Throws the first step error (step left `failed`). */
  async forward(stepIds: readonly string[]): Promise<void> {
    for (const id of stepIds) {
      const step = this.flow.steps.find((s) => s.id === id);
      if (!step) throw new Error(`flow has no step "${id}"`);
      await this.setStep(id, 'running');
      try {
        await step.forward(this.ctx, this.io(step.id, step.label));
      } catch (e) {
        await this.setStep(id, 'failed', messageOf(e));
        throw e;
      }
      await this.setStep(id, 'done');
    }
  }

  /** Compensates the given steps (newest first), then runs afterRollback. */
  async rollback(stepIds: readonly string[], reason: string): Promise<void> {
    await this.setPhase('compensating', reason);
    try {
      for (const id of stepIds) {
        const step = this.flow.steps.find((s) => s.id === id);
        if (!step) throw new Error(`flow has no step "${id}"`);
        if (step.compensate) {
          this.emit(step.id, step.label, 'running', 'undoing');
          await step.compensate(this.ctx, this.io(step.id, step.label));
        }
        await this.setStep(id, 'rolled-back');
      }
      if (this.flow.afterRollback) {
        await this.flow.afterRollback(this.ctx, this.io('after-rollback', 'Make the restored value live'));
      }
    } catch (e) {
      await this.setPhase('stuck', `${reason}; undoing failed too: ${messageOf(e)}`);
      throw new FlowStuckError(`could not finish the roll-back: ${messageOf(e)}`, this.record, e);
    }
    await this.setPhase('rolled-back');
  }

  async commit(): Promise<void> {
    await this.setPhase('committed');
  }
}

/** A fresh record for a flow: every step pending, phase `forward`. */
export function newJournalRecord(flow: Flow<unknown>, start: FlowStart, now: Date = new Date()): JournalRecord {
  const at = now.toISOString();
  return {
    version: JOURNAL_VERSION,
    operationId: start.operationId,
    operation: flow.operation,
    workspaceId: start.workspaceId,
    workspaceFile: start.workspaceFile,
    ...(start.secret !== undefined ? { secret: start.secret } : {}),
    phase: 'forward',
    steps: flow.steps.map((s) => ({ id: s.id, label: s.label, state: 'pending' as const })),
    data: { ...(start.data ?? {}) },
    pid: start.pid ?? 0,
    startedAt: at,
    updatedAt: at,
  };
}

/**
 * Runs a flow from the start. Resolves `committed`, or `rolled-back` (with the error) after a
 * failed step was compensated. Rejects with FlowStuckError when the compensation failed, or with
 * the step error when a step after the commit point failed (the journal stays for `recover`).
 */
export async function runFlow<C>(flow: Flow<C>, ctx: C, start: FlowStart, sink: JournalSink, opts: MachineOptions = {}): Promise<FlowOutcome> {
  const record = newJournalRecord(flow as Flow<unknown>, start, (opts.now ?? (() => new Date()))());
  await sink.save(record);
  return drive(new Runner(flow, ctx, record, sink, opts), flow, flow.steps.map((s) => s.id));
}

/** Continues a journal left behind by a crashed or failed run, following `planRecovery`. */
export async function resumeFlow<C>(
  flow: Flow<C>,
  ctx: C,
  record: JournalRecord,
  sink: JournalSink,
  opts: MachineOptions = {},
): Promise<FlowOutcome & { plan: RecoveryPlan }> {
  const plan = planRecovery(record, flow.steps);
  if (plan.action === 'nothing') {
    return { record, outcome: record.phase === 'committed' ? 'committed' : 'rolled-back', plan };
  }
  const runner = new Runner(flow, ctx, record, sink, opts);
  if (plan.action === 'rollback') {
    await runner.rollback(plan.steps, plan.reason);
    return { record, outcome: 'rolled-back', plan };
  }
  return { ...(await drive(runner, flow, plan.steps)), plan };
}

async function drive<C>(runner: Runner<C>, flow: Flow<C>, steps: readonly string[]): Promise<FlowOutcome> {
  try {
    await runner.forward(steps);
  } catch (e) {
    const record = runner.record;
    const committed = flow.steps.some((s) => s.commits && record.steps.some((r) => r.id === s.id && r.state === 'done'));
    if (committed) throw e; // past the point of no return: keep the journal for `recover`
    await runner.rollback(stepsToCompensate(record), messageOf(e));
    return { record, outcome: 'rolled-back', error: e };
  }
  await runner.commit();
  return { record: runner.record, outcome: 'committed' };
}
