/**
 * Holds the workspace session the app service works on: opens it (closing the previous one),
 * forwards its file watcher as `status.changed` events, and on start recovers rotations a crash
 * left pending. Only one session is open at a time.
 */
import { KeyhiveError } from '../../shared/errors.js';
import type { WorkspaceStatus } from '../../shared/domain.js';
import type { SecretStore } from '../core/secrets/secret-store.js';
import type { EventBus } from './events.js';
import { openSession, type WorkspaceSession } from './workspace-session.js';

export type SessionLike = WorkspaceSession;

export interface SessionHolder {
  /** The open session (opening the initial workspace on first use); NOT_FOUND when none. */
  get(): Promise<SessionLike>;
  currentFile(): string | null;
  open(file: string): Promise<SessionLike>;
  /** Opens the initial workspace (if any) and recovers pending rotations. */
  startup(): Promise<void>;
  close(): Promise<void>;
}

export interface SessionHolderOptions {
  store?: SecretStore;
  dataDir?: string;
  initialFile?: string;
  bus: EventBus;
}

export function notYetAvailable(feature: string): KeyhiveError {
  return new KeyhiveError('INTERNAL', `${feature} is not available in this build yet.`, {
    fix: 'Update Keyhive to a build that includes it.',
  });
}

export function createSessionHolder(opts: SessionHolderOptions): SessionHolder {
  let session: SessionLike | null = null;
  let unsubscribe: Array<() => void> = [];
  let pendingInitial: string | null = opts.initialFile ?? null;

  const closeCurrent = async (): Promise<void> => {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    const s = session;
    session = null;
    if (s) await s.close();
  };

  const emitStatus = async (s: SessionLike, given?: WorkspaceStatus): Promise<void> => {
    if (session !== s) return;
    try {
      opts.bus.emit('status.changed', given ?? (await s.status()));
    } catch {
      // A status that cannot be computed right now (file mid-write) is reported on the next change.
    }
  };

  const holder: SessionHolder = {
    async get() {
      if (!session && pendingInitial) await holder.open(pendingInitial);
      if (!session) {
        throw new KeyhiveError('NOT_FOUND', 'No workspace is open.', {
          fix: 'Open a keyhive.yaml (workspace.open) or create one with `keyhive init`.',
        });
      }
      return session;
    },
    currentFile: () => session?.workspace.file ?? pendingInitial,
    async open(file) {
      pendingInitial = null;
      await closeCurrent();
      const s = await openSession(file, { store: opts.store, dataDir: opts.dataDir });
      session = s;
      unsubscribe = [
        s.watch((status) => void emitStatus(s, status)),
        s.activity.onAppend((entry) => {
          if (session === s) opts.bus.emit('activity', entry);
        }),
      ];
      return s;
    },
    async startup() {
      if (pendingInitial && !session) await holder.open(pendingInitial);
    },
    close: closeCurrent,
  };
  return holder;
}
