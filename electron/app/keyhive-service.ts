/**
 * The app service: the ONE implementation of the typed API (shared/api.ts) that the desktop
 * shell (IPC), web mode (HTTP + SSE) and tests all call. It holds the open workspace session,
 * delegates every channel to its use case, validates requests and responses through the
 * dispatcher, and pushes `status.changed`, `progress` and `activity` events. Secret values
 * never appear in a response or event, except `secret.reveal` and `keys.reveal` (explicit user acts).
 */
import type { Clock } from '../../shared/clock.js';
import { KeyhiveError } from '../../shared/errors.js';
import type { ApiHandlers, Channel, Result } from '../../shared/api.js';
import { KeytarSecretStore } from '../adapters/keychain/keytar-secret-store.js';
import type { SecretStore } from '../core/secrets/secret-store.js';
import { dispatch } from './api-dispatch.js';
import type { FolderPicker } from './workspace/browse-folders.js';
import { createSecretCopier, type Clipboard, type Timers } from './secrets/clipboard.js';
import { createEventBus, type EventSource } from './events.js';
import { buildHandlers } from './service-handlers.js';
import { createSessionHolder } from './session-holder.js';

export interface KeyhiveServiceOptions {
  /** The keyhive.yaml to open at start (lazily, on first use or on `start()`). */
  workspaceFile?: string;
  /** Where secrets live; the OS keychain when omitted. */
  store?: SecretStore;
  /** Where activity, journals and undo data live; the per-user default when omitted. */
  dataDir?: string;
  /** Desktop only: the system clipboard for `secret.copy`. Web mode has none. */
  clipboard?: Clipboard;
  /** Desktop only: the native folder chooser for `workspace.pickFolder`. Web mode has none. */
  folderPicker?: FolderPicker;
  /** What time it is for every use case (activity, status, progress, journals, locks, key expiry); the system clock when omitted. */
  clock?: Clock;
  /** Test hook for the clipboard clear delay. */
  timers?: Timers;
}

export interface KeyhiveService {
  handlers: ApiHandlers;
  events: EventSource;
  /** One validated request: what IPC and web mode call. Never throws. */
  invoke(channel: Channel | string, request: unknown): Promise<Result<unknown>>;
  /** Opens the configured workspace and recovers rotations a crash left pending. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createKeyhiveService(opts: KeyhiveServiceOptions = {}): KeyhiveService {
  const bus = createEventBus();
  const copier = createSecretCopier(opts.clipboard, { timers: opts.timers });
  // One keychain connection for every workspace this service opens (closed with the service).
  const ownStore = opts.store ? null : new KeytarSecretStore();
  const store: SecretStore = opts.store ?? (ownStore as KeytarSecretStore);
  const sessions = createSessionHolder({ store, dataDir: opts.dataDir, initialFile: opts.workspaceFile, bus, ...(opts.clock ? { clock: opts.clock } : {}) });
  const handlers = buildHandlers({ sessions, bus, copier, store, dataDir: opts.dataDir, folderPicker: opts.folderPicker });
  let closed = false;

  return {
    handlers,
    events: { on: bus.on, onAny: bus.onAny },
    invoke: (channel, request) => {
      if (closed) {
        return Promise.resolve({
          ok: false,
          error: new KeyhiveError('INTERNAL', 'Keyhive is shutting down.', { fix: 'Start Keyhive again.' }).toPayload(),
        });
      }
      return dispatch(handlers, channel, request);
    },
    start: async () => {
      await sessions.startup();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      copier.flush();
      await sessions.close();
      ownStore?.close();
      bus.clear();
    },
  };
}
