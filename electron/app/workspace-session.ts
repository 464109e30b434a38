/**
 * The workspace session: the one object the desktop app, the CLI and web mode use to look at and
 * change a workspace. It knows the workspace, the keychain, the data dir (backups, activity log)
 * and, optionally, the running services; it computes status, syncs, imports, undoes, and watches
 * the files so listeners get a fresh status within milliseconds of an edit.
 */
import { systemClock, type Clock } from '../../shared/clock.js';
import type { WorkspaceStatus } from '../../shared/domain.js';
import { createBackupStore, deriveBackupKey } from '../adapters/fs/backups.js';
import { workspaceKeyFor } from '../adapters/fs/workspace-identity.js';
import { ensureDir } from '../adapters/fs/file-facts.js';
import { createWorkspaceLocker, DEFAULT_LOCK_WAIT_MS, type WorkspaceLocker } from '../adapters/fs/workspace-lock.js';
import type { ContextOptions } from './context/shell-context.js';
import { watchFiles, type FileWatcher } from '../adapters/watcher/file-watcher.js';
import { loadWorkspace, type Workspace } from '../adapters/workspace/load-workspace.js';
import type { SecretStore } from '../core/secrets/secret-store.js';
import type { RuntimeEnvReader } from '../core/services/runtime.js';
import { activityLogPath, createActivityLog, type ActivityLog } from './activity/activity-log.js';
import { importSecret } from './sync/import-secret.js';
import { createStatusReader, type StatusReader } from './status/status.js';
import { createKeychainView, type KeychainView } from './status/status-keychain.js';
import { syncSecret, type SyncOptions, type SyncSource } from './sync/sync-secret.js';
import type { SyncContext, SyncOutcome, SyncTestHooks } from './sync/sync-context.js';
import { undoActivity, type UndoOutcome } from './sync/undo.js';
import { RotationJournal } from '../adapters/fs/rotation-journal.js';
import { dirname } from 'node:path';
import { removeStrayTemps } from '../adapters/fs/safe-temp.js';
import type { JournalRecord } from '../core/rotation/journal-record.js';
import { changeDeps } from './sync/sync-context.js';
import { resumeChange, type ResumedChange } from './sync/resume-change.js';
import { assertNothingPending } from './sync/run-change.js';
import { pruneKeptValues } from './sync/prune-kept-values.js';
import { editValues, type EditValuesOutcome, type EditValuesRequest } from './sync/edit-values.js';
import { newOperationId } from './operation-id.js';

export type { SyncOutcome } from './sync/sync-context.js';
export type { SyncSource, SyncOptions } from './sync/sync-secret.js';
export type { UndoOutcome } from './sync/undo.js';

export interface WorkspaceSession {
  readonly workspace: Workspace;
  readonly store: SecretStore;
  readonly dataDir: string;
  /** What time it is for this session's use cases (activity, status, journals, locks). */
  readonly clock: Clock;
  status(): Promise<WorkspaceStatus>;
  sync(secret: string, from: SyncSource, opts?: SyncOptions): Promise<SyncOutcome>;
  importSecret(secret: string, service: string, opts?: { force?: boolean }): Promise<SyncOutcome>;
  undo(activityId?: string): Promise<UndoOutcome>;
  /** Plain (non-secret) values written as one journaled, undoable change (the doctor's URL fix). */
  editValues(req: EditValuesRequest): Promise<EditValuesOutcome>;
  activity: ActivityLog;
  /** The one workspace lock every change takes (re-entrant within one call chain). */
  lock: WorkspaceLocker;
  /** Where changes and rotations are journaled. */
  journal: RotationJournal;
  /** Recovery of interrupted syncs, imports and undos, and of their temp files (caller holds the lock). */
  changes: { resume(record: JournalRecord): Promise<ResumedChange>; sweep(): Promise<number> };
  /** Starts the watcher on the first listener; returns the unsubscribe function. */
  watch(listener: (status: WorkspaceStatus) => void, onError?: (error: unknown) => void): () => void;
  /**
   * keyhive.yaml changed on disk and no longer loads (corrupted, deleted): the error, until it
   * loads again (then null). The session keeps the last good workspace meanwhile.
   */
  workspaceProblem(): unknown;
  /** Called with the error as soon as the watched keyhive.yaml fails to load, and with null once it loads again. */
  onWorkspaceProblem(listener: (error: unknown) => void): () => void;
  /** Resolves once the watcher started by watch() is attached to the files. */
  whenWatching(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The shell's context (store, data dir, clock, lock wait: chosen once by the shell, see
 * context/shell-context.ts) and what this session adds. The clock is the system clock when a
 * test leaves it out.
 */
export interface OpenSessionOptions extends ContextOptions {
  runtime?: RuntimeEnvReader;
  /** How long the watcher holds a file seen missing or empty mid-save before reporting it (default 100 ms). */
  settleMs?: number;
  /** Keychain cache lifetime for status (default 2000 ms). */
  keychainTtlMs?: number;
  /** Tests only: run between a sync's check and write phases. */
  testHooks?: SyncTestHooks;
}


const DAY_MS = 86_400_000;

export async function openSession(file: string, opts: OpenSessionOptions): Promise<WorkspaceSession> {
  const { dataDir, store } = opts;
  await ensureDir(dataDir);
  // Keychain entries, activity, backups and the lock follow the workspace's identity, which
  // includes its location: a second checkout with the same id gets its own (workspace-identity.ts).
  const identify = async (w: Workspace): Promise<Workspace> => {
    const key = await workspaceKeyFor(dataDir, w.config.id, w.file);
    return key === w.config.id ? w : { ...w, config: { ...w.config, id: key } };
  };
  let workspace: Workspace = await identify(await loadWorkspace(file, { cacheDir: dataDir }));
  const clock = opts.clock ?? systemClock;
  const backups = createBackupStore(dataDir, {
    scope: workspace.config.id,
    key: async () => deriveBackupKey(await keychain.fingerprintKey()),
    retention: () => ({ keepMs: workspace.config.undo.keepDays * DAY_MS, keepCount: workspace.config.undo.keepCount }),
    now: clock,
  });
  const activity = createActivityLog(activityLogPath(dataDir, workspace.config.id), { clock });
  let keychain: KeychainView = createKeychainView(store, workspace.config.id, { ttlMs: opts.keychainTtlMs });
  let reader: StatusReader = createStatusReader(workspace, { keychain, runtime: opts.runtime, clock });

  const journal = new RotationJournal(dataDir);
  const context = (): SyncContext => ({
    workspace,
    store,
    keychain,
    reader,
    activity,
    backups,
    journal,
    now: clock,
    ...(opts.testHooks ? { hooks: opts.testHooks } : {}),
  });

  // One change at a time per workspace, across processes (desktop app, CLI, web mode).
  const lock = createWorkspaceLocker(dataDir, () => workspace.config.id, {
    waitMs: opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    ...(opts.onLockWait ? { onWait: opts.onLockWait } : {}),
    now: clock,
    // A change never starts over one a crash left half-done (recovery passes its own hook).
    onAcquired: () => assertNothingPending(journal, workspace.config.id),
  });
  let running = 0;
  let idle: Promise<void> = Promise.resolve();
  let settle: () => void = () => undefined;
  const exclusive = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    if (running++ === 0) idle = new Promise((r) => (settle = r));
    try {
      return await lock.run({ operation, operationId: newOperationId(operation, clock) }, async () => {
        const out = await fn();
        await pruneKeptValues({
          activity,
          store,
          dataDir,
          workspaceKey: workspace.config.id,
          keepMs: workspace.config.undo.keepDays * DAY_MS,
          now: clock,
        }).catch(() => 0); // forgetting old undo values never fails a change
        return out;
      });
    } finally {
      if (--running === 0) settle();
    }
  };

  const listeners = new Set<{ listener: (s: WorkspaceStatus) => void; onError?: (e: unknown) => void }>();
  let watcher: FileWatcher | null = null;
  let starting: Promise<void> | null = null;
  let computing = false;
  let pending = false;
  let closed = false;

  const publish = async (): Promise<void> => {
    if (computing) {
      pending = true;
      return;
    }
    computing = true;
    try {
      do {
        pending = false;
        try {
          const status = await reader.status();
          if (closed) return;
          for (const l of listeners) l.listener(status);
          await watcher?.setFiles(reader.watchedFiles());
        } catch (e) {
          for (const l of listeners) l.onError?.(e);
        }
      } while (pending && !closed);
    } finally {
      computing = false;
    }
  };

  // keyhive.yaml as last seen on disk: null while it loads fine.
  let problem: unknown = null;
  const problemListeners = new Set<(error: unknown) => void>();
  const setProblem = (next: unknown): void => {
    if (next === null && problem === null) return;
    problem = next;
    for (const l of [...problemListeners]) {
      try {
        l(next);
      } catch {
        /* a listener's failure is its own */
      }
    }
  };

  const onFilesChanged = (changed: string[]): void => {
    if (changed.includes(workspace.file)) {
      void loadWorkspace(workspace.file, { cacheDir: dataDir }).then(identify).then(
        (next) => {
          workspace = next;
          keychain = createKeychainView(store, workspace.config.id, { ttlMs: opts.keychainTtlMs });
          reader = createStatusReader(workspace, { keychain, runtime: opts.runtime, clock });
          setProblem(null);
          void publish();
        },
        (e: unknown) => {
          // Surfaced at once (never dropped): the UIs show it until the file loads again.
          setProblem(e ?? new Error('keyhive.yaml could not be loaded'));
          for (const l of listeners) l.onError?.(e);
        },
      );
      return;
    }
    void publish();
  };

  const startWatcher = async (): Promise<void> => {
    await reader.status().catch(() => undefined); // learn the compose env_file lists first
    watcher = await watchFiles(reader.watchedFiles(), onFilesChanged, opts.settleMs === undefined ? {} : { settleMs: opts.settleMs });
    if (closed) watcher.close();
  };

  const changes = {
    resume: (record: JournalRecord) => resumeChange(changeDeps(context()), record),
    async sweep() {
      const dirs = new Set<string>();
      for (const svc of workspace.services.values()) {
        dirs.add(svc.dir);
        for (const f of svc.envFiles) dirs.add(dirname(f));
      }
      let removed = await backups.sweep();
      for (const d of dirs) removed += (await removeStrayTemps(d)).length;
      return removed;
    },
  };

  return {
    get workspace() {
      return workspace;
    },
    changes,
    store,
    dataDir,
    clock,
    activity,
    lock,
    journal,
    status: () => reader.status(),
    sync: (secret, from, o) => exclusive('sync', () => syncSecret(context(), secret, from, o)),
    importSecret: (secret, service, o) => exclusive('import', () => importSecret(context(), secret, service, o)),
    undo: (id) => exclusive('undo', () => undoActivity(context(), id)),
    editValues: (req) => exclusive('doctor-fix', () => editValues(context(), req)),
    watch(listener, onError) {
      const entry = { listener, ...(onError ? { onError } : {}) };
      listeners.add(entry);
      if (!watcher && !starting) {
        starting = startWatcher().catch((e: unknown) => {
          starting = null;
          onError?.(e);
        });
      }
      return () => {
        listeners.delete(entry);
      };
    },
    workspaceProblem: () => problem,
    onWorkspaceProblem(listener) {
      problemListeners.add(listener);
      return () => {
        problemListeners.delete(listener);
      };
    },
    async whenWatching() {
      await starting;
    },
    async close() {
      closed = true;
      await starting;
      watcher?.close();
      watcher = null;
      listeners.clear();
      problemListeners.clear();
      await idle;
    },
  };
}
