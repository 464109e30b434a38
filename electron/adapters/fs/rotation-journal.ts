/**
 * Persistence of the step machine's journal (electron/core/rotation): one JSON file per
 * operation in `<dataDir>/journal/<operationId>.json`, written at every step transition as
 * write-temp → fsync → rename → fsync(dir), so a `kill -9` or a power cut leaves either the
 * previous or the next record, never a torn one. Finished journals move to `journal/done/`,
 * where the newest DONE_KEPT stay as history (older ones go when a journal is archived).
 *
 * Test hook (tests only): `KEYHIVE_TEST_CRASH_AFTER=<step>` makes the process SIGKILL itself
 * right after the journal records `<step>` as done (`<step>:running` — right after it is
 * recorded as started; `<step>:running:<n>` — at the n-th save while it runs, e.g. after the
 * n-1-th file of a change is journaled). Used by the crash-recovery tests to stop a real
 * `keyhive rotate` or `keyhive sync` at every step in turn.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { fsyncDir, writeFileDurably } from './durable-write.js';
import { join } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { isFinished, JournalRecord, type JournalSink } from '../../core/rotation/journal-record.js';

export const CRASH_HOOK_ENV = 'KEYHIVE_TEST_CRASH_AFTER';

/** Finished journals kept in `journal/done/` (history only: recovery reads the pending ones). */
export const DONE_KEPT = 500;

export class RotationJournal implements JournalSink {
  readonly dir: string;
  readonly doneDir: string;

  constructor(
    dataDir: string,
    private readonly crashAfter: string | undefined = process.env[CRASH_HOOK_ENV],
    private readonly doneKept = DONE_KEPT,
  ) {
    this.dir = join(dataDir, 'journal');
    this.doneDir = join(this.dir, 'done');
  }

  fileOf(operationId: string): string {
    return join(this.dir, `${operationId}.json`);
  }

  async save(record: JournalRecord): Promise<void> {
    const parsed = JournalRecord.safeParse(record);
    if (!parsed.success) throw new KeyhiveError('INTERNAL', `refusing to save an invalid journal record: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurably(this.fileOf(record.operationId), JSON.stringify(record, null, 2) + '\n');
    this.maybeCrash(record);
  }

  private crashSeen = 0;

  private maybeCrash(record: JournalRecord): void {
    if (!this.crashAfter) return;
    const [stepId, wanted = 'done', nth = '1'] = this.crashAfter.split(':');
    const step = record.steps.find((s) => s.id === stepId);
    if (step && step.state === wanted && record.phase === 'forward' && ++this.crashSeen >= Number(nth)) process.kill(process.pid, 'SIGKILL');
  }

  async load(operationId: string): Promise<JournalRecord> {
    const file = this.fileOf(operationId);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new KeyhiveError('NOT_FOUND', `no journal for operation ${operationId}`, { file, fix: 'Run `keyhive recover` to list pending operations.' });
    }
    return parseRecord(text, file);
  }

  /** Journals not yet archived (optionally of one workspace), oldest first. */
  async pending(workspaceId?: string): Promise<JournalRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: JournalRecord[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const file = join(this.dir, name);
      const rec = parseRecord(await readFile(file, 'utf8'), file);
      if (workspaceId === undefined || rec.workspaceId === workspaceId) out.push(rec);
    }
    return out.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  /** Moves a finished journal to `journal/done/` (kept as history; no values inside), dropping the oldest past `doneKept`. */
  async archive(record: JournalRecord): Promise<void> {
    if (!isFinished(record)) throw new KeyhiveError('INTERNAL', `journal ${record.operationId} is not finished (${record.phase}); refusing to archive it`);
    await mkdir(this.doneDir, { recursive: true, mode: 0o700 });
    await rename(this.fileOf(record.operationId), join(this.doneDir, `${record.operationId}.json`));
    await fsyncDir(this.dir);
    await this.pruneDone().catch(() => undefined); // history only: a failed clean-up is tried again next time
  }

  /** Removes the oldest archived journals (by the time they were last written) past `doneKept`. */
  private async pruneDone(): Promise<void> {
    const names = (await readdir(this.doneDir)).filter((n) => n.endsWith('.json'));
    if (names.length <= this.doneKept) return;
    const aged = await Promise.all(names.map(async (n) => ({ n, at: (await stat(join(this.doneDir, n)).catch(() => null))?.mtimeMs ?? 0 })));
    aged.sort((a, b) => a.at - b.at || a.n.localeCompare(b.n));
    for (const { n } of aged.slice(0, aged.length - this.doneKept)) await rm(join(this.doneDir, n), { force: true });
  }

  /** Removes every archived journal (used by tests and clean-up). */
  async clearDone(): Promise<void> {
    await rm(this.doneDir, { recursive: true, force: true });
  }
}

function parseRecord(text: string, file: string): JournalRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyhiveError('INTERNAL', 'a rotation journal is not valid JSON', { file, fix: 'Move the file aside and run `keyhive doctor` to check the secret by hand.' });
  }
  const r = JournalRecord.safeParse(json);
  if (!r.success) {
    throw new KeyhiveError('INTERNAL', `a rotation journal does not match the expected shape: ${r.error.issues[0]?.message ?? 'invalid'}`, {
      file,
      fix: 'Move the file aside and run `keyhive doctor` to check the secret by hand.',
    });
  }
  return r.data;
}
