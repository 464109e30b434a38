/**
 * Runs one change (sync, import or undo) as a journaled transaction: holds SIGINT/SIGTERM back until it commits or rolls back,
 * archives the journal, and turns a roll-back into the error that caused it. The caller holds the
 * workspace lock (WorkspaceSession takes it for every change, and refuses to start one while an
 * earlier change a crash left half-done is unrecovered: assertNothingPending).
 */
import type { ProgressEvent } from '../../../shared/domain.js';
import { KeyhiveError, isKeyhiveError } from '../../../shared/errors.js';
import { withSignalsHeld } from '../../adapters/process/signal-guard.js';
import { FlowStuckError, runFlow } from '../../core/rotation/step-machine.js';
import type { RotationJournal } from '../../adapters/fs/rotation-journal.js';
import { changeFlow, type ChangeCtx, type ChangeData, type ChangeWrite } from './change-flow.js';

export interface ChangeRequest {
  kind: ChangeData['kind'];
  secret?: string;
  writes: ChangeWrite[];
  keychain: { account: string; previousAccount: string | null; before: string | null; after: string | null } | null;
  entry: ChangeData['entry'];
  forget?: string[];
}

export interface ChangeDeps extends Omit<ChangeCtx, 'writes' | 'keychainBefore' | 'keychainAfter'> {
  journal: RotationJournal;
  workspaceKey: string;
  workspaceFile: string;
  now?: () => Date;
  onProgress?: (e: ProgressEvent) => void;
}

/** Refuses a change while a crash left another one of this workspace half-done. */
export async function assertNothingPending(journal: RotationJournal, workspaceKey: string): Promise<void> {
  const [first] = await journal.pending(workspaceKey);
  if (first) {
    throw new KeyhiveError('LOCKED', `an earlier ${first.operation} (${first.operationId}${first.secret ? ` of ${first.secret}` : ''}) of this workspace did not finish`, {
      fix: 'Run `keyhive recover` first (the app does it on start): it completes or rolls it back.',
    });
  }
}

export async function runChange(deps: ChangeDeps, req: ChangeRequest): Promise<void> {
  const k = req.keychain;
  const data: ChangeData = {
    kind: req.kind,
    activityId: req.entry.id,
    files: [],
    keychain: k ? { account: k.account, previousAccount: k.previousAccount, hadBefore: k.before !== null, changes: k.before !== k.after } : null,
    entry: req.entry,
    forget: req.forget ?? [],
  };
  const ctx: ChangeCtx = { ...deps, writes: req.writes, keychainBefore: k?.before ?? null, keychainAfter: k?.after ?? null };
  await withSignalsHeld(async () => {
    let outcome;
    try {
      outcome = await runFlow(
        changeFlow(),
        ctx,
        { operationId: `${req.kind}-${req.entry.id}`, workspaceId: deps.workspaceKey, workspaceFile: deps.workspaceFile, ...(req.secret ? { secret: req.secret } : {}), data: { ...data }, pid: process.pid },
        deps.journal,
        { ...(deps.onProgress ? { onProgress: deps.onProgress } : {}), ...(deps.now ? { now: deps.now } : {}) },
      );
    } catch (e) {
      // An OS error (a full disk for the journal…) goes to the edge, which names it with its fix.
      if (!(e instanceof FlowStuckError) && !isKeyhiveError(e)) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw new KeyhiveError(!(e instanceof FlowStuckError) && isKeyhiveError(e) ? e.code : 'INTERNAL', `the ${req.kind} of ${req.secret ?? 'the workspace'} could not finish: ${why}`, {
        fix: 'Fix the cause, then run `keyhive recover`: it finishes or rolls back the change (nothing is lost; the previous values are kept).',
        cause: e,
      });
    }
    await deps.journal.archive(outcome.record);
    if (outcome.outcome === 'rolled-back') throw rolledBack(outcome.error, outcome.record.data as unknown as ChangeData);
  });
}

/** The error that made the change roll back, saying what the roll-back restored. */
function rolledBack(error: unknown, d: ChangeData): KeyhiveError {
  const base = isKeyhiveError(error) ? error : new KeyhiveError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
  const restored = d.files.filter((f) => !f.notWritten).length;
  const note = restored > 0 ? `The ${restored} file(s) already written were restored; the keychain was left unchanged.` : 'Nothing was changed; the keychain was left unchanged.';
  return new KeyhiveError(base.code, `${base.message.replace(/\.$/, '')}. ${note}`, {
    ...(base.file ? { file: base.file } : {}),
    ...(base.line ? { line: base.line } : {}),
    ...(base.fix ? { fix: base.fix } : {}),
    cause: error,
  });
}
