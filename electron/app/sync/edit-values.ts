/**
 * A change of plain (non-secret) values, such as the doctor's caller-URL fix: the same journaled,
 * undoable transaction as a sync (change-flow.ts), with no keychain part. Each file is backed up
 * and journaled before its atomic, conflict-checked write, only the edited values' bytes change,
 * and the activity entry lets `keyhive undo` put every file back. The caller holds the lock.
 */
import { setValue } from '../../core/env/edit.js';
import { serviceOf } from '../../core/workspace/workspace.js';
import { readOrNull, type ChangeWrite } from './change-flow.js';
import { runChange } from './run-change.js';
import { changeDeps, rootFor, type SyncContext } from './sync-context.js';

export interface ValueEdit {
  service: string;
  file: string;
  var: string;
  value: string;
}

export interface EditValuesRequest {
  /** The secret the edit is for (shown in the activity log). */
  secret?: string;
  edits: readonly ValueEdit[];
  /** The activity entry's summary: names, never values. */
  summary: string;
}

export interface EditValuesOutcome {
  /** The activity entry (undo it with `keyhive undo ID`); null when every value was already so. */
  activityId: string | null;
  files: string[];
}

export async function editValues(ctx: SyncContext, req: EditValuesRequest): Promise<EditValuesOutcome> {
  const byFile = new Map<string, { root: string; edits: ValueEdit[] }>();
  for (const e of req.edits) {
    const root = rootFor(ctx.workspace, serviceOf(ctx.workspace, e.service));
    const entry = byFile.get(e.file) ?? { root, edits: [] };
    entry.edits.push(e);
    byFile.set(e.file, entry);
  }
  const writes: ChangeWrite[] = [];
  for (const [path, { root, edits }] of byFile) {
    const found = await readOrNull(path, root);
    const before = found ?? new Uint8Array();
    let after = before;
    for (const e of edits) after = setValue(after, e.var, e.value);
    if (found !== null && Buffer.compare(after, before) === 0) continue;
    writes.push({ path, root, create: found === null, before, after });
  }
  if (writes.length === 0) return { activityId: null, files: [] };
  const activityId = ctx.activity.newId();
  const files = writes.map((w) => w.path);
  await runChange(changeDeps(ctx), {
    kind: 'doctor-fix',
    ...(req.secret ? { secret: req.secret } : {}),
    writes,
    keychain: null,
    entry: {
      id: activityId,
      kind: 'doctor-fix',
      ...(req.secret ? { secret: req.secret } : {}),
      summary: `${req.summary}: ${files.length} file(s) written.`,
      fingerprintBefore: null,
      fingerprintAfter: null,
      files,
      undoable: true,
      undo: { files: [] },
    },
  });
  return { activityId, files };
}
