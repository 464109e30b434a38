/**
 * The workspace session: the one object the desktop app, the CLI and web mode use to look at and
 * change a workspace. It knows the workspace, the keychain, the data dir (backups, activity log)
 * and, optionally, the running services; it computes status, syncs, imports, undoes, and watches
 * the files so listeners get a fresh status within milliseconds of an edit.
 */
import { mkdir } from 'node:fs/promises';
import type { WorkspaceStatus } from '../../shared/domain.js';
import { createBackupStore } from '../adapters/fs/backups.js';
import { ensureDataDir } from '../adapters/fs/data-dir.js';
import { KeytarSecretStore } from '../adapters/keychain/keytar-secret-store.js';
import { watchFiles, type FileWatcher } from '../adapters/watcher/file-watcher.js';
import { loadWorkspace, type Workspace } from '../adapters/workspace/load-workspace.js';
import type { SecretStore } from '../core/secrets/secret-store.js';
import type { RuntimeEnvReader } from '../core/services/runtime.js';
import { activityLogPath, createActivityLog, type ActivityLog } from './activity-log.js';
import { importSecret } from './import-secret.js';
import { createStatusReader, type StatusReader } from './status.js';
import { createKeychainView, type KeychainView } from './status-keychain.js';
import { syncSecret, type SyncOptions, type SyncSource } from './sync.js';
import type { SyncContext, SyncOutcome, SyncTestHooks } from './sync-context.js';
import { undoActivity, type UndoOutcome } from './undo.js';

export type { SyncOutcome } from './sync-context.js';
export type { SyncSource, SyncOptions } from './sync.js';
export type { UndoOutcome } from './undo.js';

export interface WorkspaceSession {
  readonly workspace: Workspace;
  readonly store: SecretStore;
  readonly dataDir: string;
  status(): Promise<WorkspaceStatus>;
  sync(secret: string, from: SyncSource, opts?: SyncOptions): Promise<SyncOutcome>;
  importSecret(secret: string, service: string, opts?: { force?: boolean }): Promise<SyncOutcome>;
  undo(activityId?: string): Promise<UndoOutcome>;
  activity: ActivityLog;
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

export interface OpenSessionOptions {
  store?: SecretStore;
  dataDir?: string;
  runtime?: RuntimeEnvReader;
  /** Watcher debounce (default 20 ms). */
  debounceMs?: number;
  /** Keychain cache lifetime for status (default 2000 ms). */
  keychainTtlMs?: number;
  /** Tests only: run between a sync's check and write phases. */
  testHooks?: SyncTestHooks;
}

export async function openSession(file: string, opts: OpenSessionOptions = {}): Promise<WorkspaceSession> {
  let workspace: Workspace = await loadWorkspace(file);
  const store = opts.store ?? new KeytarSecretStore();
  const dataDir = opts.dataDir ?? (await ensureDataDir());
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const backups = createBackupStore(dataDir);
  const activity = createActivityLog(activityLogPath(dataDir, workspace.config.id));
  let keychain: KeychainView = createKeychainView(store, workspace.config.id, { ttlMs: opts.keychainTtlMs });
  let reader: StatusReader = createStatusReader(workspace, { keychain, runtime: opts.runtime });

  const context = (): SyncContext => ({ workspace, store, keychain, reader, activity, backups, ...(opts.testHooks ? { hooks: opts.testHooks } : {}) });

  // One change at a time within a session.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
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
      void loadWorkspace(workspace.file).then(
        (next) => {
          workspace = next;
          keychain = createKeychainView(store, workspace.config.id, { ttlMs: opts.keychainTtlMs });
          reader = createStatusReader(workspace, { keychain, runtime: opts.runtime });
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
    watcher = await watchFiles(reader.watchedFiles(), onFilesChanged, { debounceMs: opts.debounceMs ?? 20 });
    if (closed) watcher.close();
  };

  return {
    get workspace() {
      return workspace;
    },
    store,
    dataDir,
    activity,
    status: () => reader.status(),
    sync: (secret, from, o) => exclusive(() => syncSecret(context(), secret, from, o)),
    importSecret: (secret, service, o) => exclusive(() => importSecret(context(), secret, service, o)),
    undo: (id) => exclusive(() => undoActivity(context(), id)),
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
      await queue;
    },
  };
}
