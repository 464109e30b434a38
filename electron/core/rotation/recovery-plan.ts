/**
 * What "recover" does with a journal left behind by a crashed (kill -9, power loss) or failed
 * operation. Pure: looks at the record and the flow's step list, says which way to go.
 *
 *  - finished (`committed` / `rolled-back`)      → nothing; archive the journal.
 *  - `forward` and a commit step is done           → COMPLETE: re-run every step that is not done
 *    (the one that was `running` included; forwards are idempotent).
 *  - `forward` and no commit step is done          → ROLL BACK: compensate, newest first, every step
 *    that started (`running`, `done`, `failed`); pending steps are skipped.
 *  - `compensating` / `stuck`                      → ROLL BACK the steps not yet rolled back.
 *
 * A flow marks its point of no return with `commits: true` (for a rotation: the probe that
 * proves the new key). Before it, the old value is still the truth and is restored; after it,
 * the new value is proven and the remaining steps (clean-up) are finished.
 */
import type { JournalRecord, JournalStep } from './journal-record.js';

export interface StepShape {
  id: string;
  commits?: boolean;
}

export type RecoveryPlan =
  | { action: 'nothing'; reason: string }
  | { action: 'complete'; steps: string[]; reason: string }
  | { action: 'rollback'; steps: string[]; reason: string };

const STARTED: ReadonlySet<JournalStep['state']> = new Set(['running', 'done', 'failed']);

export function commitReached(record: JournalRecord, flowSteps: readonly StepShape[]): boolean {
  const commitIds = new Set(flowSteps.filter((s) => s.commits).map((s) => s.id));
  return record.steps.some((s) => commitIds.has(s.id) && s.state === 'done');
}

/** The steps to compensate, newest first. */
export function stepsToCompensate(record: JournalRecord): string[] {
  return record.steps
    .filter((s) => STARTED.has(s.state))
    .map((s) => s.id)
    .reverse();
}

/** The steps still to run forward, in order. */
export function stepsToComplete(record: JournalRecord): string[] {
  return record.steps.filter((s) => s.state !== 'done' && s.state !== 'skipped').map((s) => s.id);
}

export function planRecovery(record: JournalRecord, flowSteps: readonly StepShape[]): RecoveryPlan {
  const unknown = record.steps.find((s) => !flowSteps.some((f) => f.id === s.id));
  if (unknown) {
    return { action: 'nothing', reason: `the journal names a step "${unknown.id}" this version of Keyhive does not know` };
  }
  switch (record.phase) {
    case 'committed':
      return { action: 'nothing', reason: 'the operation had completed' };
    case 'rolled-back':
      return { action: 'nothing', reason: 'the operation had been rolled back' };
    case 'forward': {
      if (commitReached(record, flowSteps)) {
        return { action: 'complete', steps: stepsToComplete(record), reason: 'the new value was already proven: finishing the remaining steps' };
      }
      const running = record.steps.find((s) => s.state === 'running' || s.state === 'failed');
      const where = running ? `during "${running.label}"` : 'between steps';
      return { action: 'rollback', steps: stepsToCompensate(record), reason: `the operation stopped ${where} before the new value was proven: restoring the previous one` };
    }
    case 'compensating':
    case 'stuck':
      return { action: 'rollback', steps: stepsToCompensate(record), reason: 'a roll-back was under way: finishing it' };
  }
}
