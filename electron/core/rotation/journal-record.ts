/**
 * The journal record of one crash-safe operation (a rotation, an issued-key rotation, ...):
 * which steps exist, the state of each, where the operation stands (`phase`) and the facts the
 * steps need to finish or undo their work after a crash (`data`).
 *
 * A journal NEVER holds a secret value: values live in the keychain (see `accounts` in
 * ../secrets/secret-store.ts: `rotationBackup` keeps the old value until the new one is proven,
 * `rotationPending` keeps the new one from the moment it is generated). `data` holds only
 * fingerprints, key ids, service names, file paths and similar facts.
 */
import { z } from 'zod';
import { ProgressEvent, StepState } from '../../../shared/domain.js';

export const JOURNAL_VERSION = 1;

/**
 * Where the operation stands.
 *  - `forward`       steps are being applied (or were, when the process died)
 *  - `compensating`  a step failed (or recovery decided to roll back): undoing done steps
 *  - `committed`     every step is done: nothing left to do
 *  - `rolled-back`   every started step was undone: the world is as before the operation
 *  - `stuck`         undoing failed too: `keyhive recover` retries, the journal says why
 */
export const JournalPhase = z.enum(['forward', 'compensating', 'committed', 'rolled-back', 'stuck']);
export type JournalPhase = z.infer<typeof JournalPhase>;

export const JournalStep = z.object({
  id: z.string(),
  label: z.string(),
  state: StepState,
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  /** Plain words about what happened (never a value). */
  detail: z.string().optional(),
});
export type JournalStep = z.infer<typeof JournalStep>;

const JsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

export const JournalRecord = z.object({
  version: z.literal(JOURNAL_VERSION),
  operationId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  operation: ProgressEvent.shape.operation,
  workspaceId: z.string(),
  /** The workspace file the operation ran against (so recovery can reopen it). */
  workspaceFile: z.string(),
  secret: z.string().optional(),
  phase: JournalPhase,
  steps: z.array(JournalStep),
  /** Non-secret facts the steps share (fingerprints, ids, service names). */
  data: z.record(z.string(), JsonValue),
  /** The process that runs (or ran) the operation. */
  pid: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** Why the operation failed or was rolled back, in plain words (never a value). */
  error: z.string().optional(),
});
export type JournalRecord = z.infer<typeof JournalRecord>;

/** Where a record goes at every transition. The app's implementation fsyncs and renames atomically. */
export interface JournalSink {
  save(record: JournalRecord): Promise<void>;
}

/** True when the record needs nothing more (the journal can be archived). */
export function isFinished(record: JournalRecord): boolean {
  return record.phase === 'committed' || record.phase === 'rolled-back';
}
