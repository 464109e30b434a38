/**
 * Finishing a sync, import or undo that a crash (or a failed roll-back) left half-done: before its
 * commit point it is rolled back (files to their backups, the keychain to its kept value, temp
 * files swept), after it the activity entry is written. Called by recovery holding the lock.
 */
import { resumeFlow } from '../../core/rotation/step-machine.js';
import type { JournalRecord } from '../../core/rotation/journal-record.js';
import { changeFlow, type ChangeData } from './change-flow.js';
import type { ChangeDeps } from './run-change.js';

export interface ResumedChange {
  action: 'completed' | 'rolled-back' | 'nothing';
  summary: string;
}

export async function resumeChange(deps: ChangeDeps, record: JournalRecord): Promise<ResumedChange> {
  const d = record.data as unknown as ChangeData;
  const what = `${d.kind} of ${record.secret ?? 'the workspace'}`;
  const out = await resumeFlow(changeFlow(), { ...deps, writes: [], keychainBefore: null, keychainAfter: null }, record, deps.journal, {
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  await deps.journal.archive(out.record);
  if (out.plan.action === 'nothing') return { action: 'nothing', summary: out.plan.reason };
  if (out.outcome === 'committed') return { action: 'completed', summary: `the interrupted ${what} was completed: every side holds the new value (${out.plan.reason})` };
  return { action: 'rolled-back', summary: `the interrupted ${what} was rolled back: every file and the keychain hold the previous value (${out.plan.reason})` };
}
