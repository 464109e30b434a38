/**
 * The workspace session: the one object the desktop app, the CLI and web mode use to look at and
 * change a workspace. It knows the workspace, the keychain, the data dir (backups, activity log)
 * and, optionally, the running services; it computes status, syncs, imports, undoes, and watches
 * the files so listeners get a fresh status within milliseconds of an edit.
 */
import { mkdir } from 'node:fs/promises';
import { systemClock, type Clock } from '../../shared/clock.js';
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
  /** What time it is for this session's use cases (activity, status, journals, locks). */
  readonly clock: Clock;
  status(): Promise<WorkspaceStatus>;
  sync(secret: string, from: SyncSource, opts?: SyncOptions): Promise<SyncOutcome>;
  importSecret(secret: string, service: string, opts?: { force?: boolean }): Promise<SyncOutcome>;
  undo(activityId?: string): Promise<UndoOutcome>;
  activity: ActivityLog;
  /** Starts the watcher on the first listener; returns the unsubscribe function. */
  watch(listener: (status: WorkspaceStatus) => void, onError?: (error: unknown) => void): () => void;
  /** Resolves once the watcher started by watch() is attached to the files. */
  whenWatching(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenSessionOptions {
  store?: SecretStore;
  dataDir?: string;
  runtime?: RuntimeEnvReader;
  /** The system clock when omitted. */
  clock?: Clock;
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
  const clock = opts.clock ?? systemClock;
  const activity = createActivityLog(activityLogPath(dataDir, workspace.config.id), { clock });
  let keychain: KeychainView = createKeychainView(store, workspace.config.id, { ttlMs: opts.keychainTtlMs });
  let reader: StatusReader = createStatusReader(workspace, { keychain, runtime: opts.runtime, clock });

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

  const onFilesChanged = (changed: string[]): void => {
    if (changed.includes(workspace.file)) {
      void loadWorkspace(workspace.file).then(
        (next) => {
          workspace = next;
          keychain = createKeychainView(store, workspace.config.id, { ttlMs: opts.keychainTtlMs });
          reader = createStatusReader(workspace, { keychain, runtime: opts.runtime, clock });
          void publish();
        },
        (e: unknown) => {
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
    clock,
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
    async whenWatching() {
      await starting;
    },
    async close() {
      closed = true;
      await starting;
      watcher?.close();
      watcher = null;
      listeners.clear();
      await queue;
    },
  };
}
