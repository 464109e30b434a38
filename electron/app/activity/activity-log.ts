/**
 * The activity log: one JSON line per change (sync, import, undo, rotation, restart, probe...)
 * in `<data dir>/activity/<workspace id>.jsonl` (0600, directory 0700). Entries hold fingerprints,
 * paths and backup ids — never a value. Append-only: an undo is a new entry pointing at the one
 * it reverses, and `list()` shows the reversed entry as `undone`.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { appendLogLine, readLogText } from '../../adapters/fs/append-only-log.js';
import { systemClock, type Clock } from '../../../shared/clock.js';
import { ActivityEntry, type ActivityKind } from '../../../shared/domain.js';

/** What an entry needs so `keyhive undo` can reverse it. Hashes are keyed (HMAC), never plain. */
export interface UndoData {
  files: Array<{
    path: string;
    /** Backup of the bytes before the change; null when the change created the file. */
    backupId: string | null;
    /** Keyed hash of the bytes the change wrote, to refuse an undo over a later edit. */
    afterHash: string;
  }>;
  /** The keychain part: the account changed and where the previous value is kept (null: none). */
  keychain?: { account: string; previousAccount: string | null };
}

export interface ActivityRecord extends ActivityEntry {
  undo?: UndoData;
  /** For an undo entry: the id of the entry it reversed. */
  undoes?: string;
}

export type NewActivity = Omit<ActivityEntry, 'id' | 'at' | 'files' | 'undoable' | 'undone'> &
  Partial<Pick<ActivityEntry, 'files' | 'undoable'>> & {
    /** A pre-allocated id (from newActivityId), when the caller needed it before appending. */
    id?: string;
    undo?: UndoData;
    undoes?: string;
  };

export interface ActivityFilter {
  kind?: ActivityKind;
  secret?: string;
  limit?: number;
}

export interface ActivityLog {
  readonly file: string;
  /** Newest first. */
  list(filter?: ActivityFilter): Promise<ActivityEntry[]>;
  /** The full record (with undo data), or null. */
  get(id: string): Promise<ActivityRecord | null>;
  /** The newest entry that can still be undone, or null. */
  latestUndoable(): Promise<ActivityRecord | null>;
  /** Every record with its undo data, oldest first. */
  records(): Promise<ActivityRecord[]>;
  append(entry: NewActivity): Promise<ActivityEntry>;
  /** A fresh entry id, time-ordered by the log's clock (for callers that need it before appending). */
  newId(): string;
  /** Called after every append (the app pushes `activity` events from here). */
  onAppend(listener: (entry: ActivityEntry) => void): () => void;
}

export function activityLogPath(dataDir: string, workspaceId: string): string {
  return join(dataDir, 'activity', `${workspaceId}.jsonl`);
}

export function newActivityId(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`;
}

const toEntry = (r: ActivityRecord, undone: boolean): ActivityEntry => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  ...(r.secret !== undefined ? { secret: r.secret } : {}),
  summary: r.summary,
  ...(r.fingerprintBefore !== undefined ? { fingerprintBefore: r.fingerprintBefore } : {}),
  ...(r.fingerprintAfter !== undefined ? { fingerprintAfter: r.fingerprintAfter } : {}),
  files: r.files,
  undoable: r.undoable && !undone,
  undone,
});

export function createActivityLog(file: string, opts: { clock?: Clock } = {}): ActivityLog {
  const clock = opts.clock ?? systemClock;
  const listeners = new Set<(e: ActivityEntry) => void>();

  const readAll = async (): Promise<ActivityRecord[]> => {
    const text = await readLogText(file);
    const out: ActivityRecord[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const raw = JSON.parse(line) as ActivityRecord;
        const parsed = ActivityEntry.safeParse(raw);
        if (parsed.success) out.push({ ...raw, ...parsed.data });
      } catch {
        // A torn last line (crash mid-append) is skipped, never fatal.
      }
    }
    return out;
  };
  const undoneIds = (records: ActivityRecord[]): Set<string> => new Set(records.flatMap((r) => (r.undoes ? [r.undoes] : [])));

  return {
    file,
    async list(filter = {}) {
      const records = await readAll();
      const undone = undoneIds(records);
      return records
        .filter((r) => (filter.kind ? r.kind === filter.kind : true) && (filter.secret ? r.secret === filter.secret : true))
        .reverse()
        .slice(0, filter.limit ?? 200)
        .map((r) => toEntry(r, undone.has(r.id)));
    },
    async get(id) {
      const records = await readAll();
      const r = records.find((x) => x.id === id);
      if (!r) return null;
      return { ...r, undone: undoneIds(records).has(id) };
    },
    records: () => readAll(),
    async latestUndoable() {
      const records = await readAll();
      const undone = undoneIds(records);
      const r = [...records].reverse().find((x) => x.undoable && x.undo && !undone.has(x.id));
      return r ?? null;
    },
    async append(input) {
      const now = clock();
      const record: ActivityRecord = {
        ...input,
        id: input.id ?? newActivityId(now),
        at: now.toISOString(),
        files: input.files ?? [],
        undoable: input.undoable ?? false,
        undone: false,
      };
      // After a torn last line (crash mid-append), the entry starts on a fresh line and survives.
      await appendLogLine(file, JSON.stringify(record));
      const entry = toEntry(record, false);
      for (const l of listeners) {
        try {
          l(entry);
        } catch {
          /* a failing listener never breaks logging */
        }
      }
      return entry;
    },
    newId: () => newActivityId(clock()),
    onAppend(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
