/**
 * The app service: the ONE implementation of the typed API (shared/api.ts) that the desktop
 * shell (IPC), web mode (HTTP + SSE) and tests all call. It holds the open workspace session,
 * delegates every channel to its use case, validates requests and responses through the
 * dispatcher, and pushes `status.changed`, `progress` and `activity` events. Secret values
 * never appear in a response or event, except `secret.reveal` and `keys.reveal` (explicit user acts).
 */
import { KeyhiveError } from '../../shared/errors.js';
import type { ApiHandlers, Channel, Result } from '../../shared/api.js';
import type { ContextOptions } from './context/shell-context.js';
import { dispatch } from './api-dispatch.js';
import type { FolderPicker } from './workspace/browse-folders.js';
import { createSecretCopier, type Clipboard, type Timers } from './secrets/clipboard.js';
import { createEventBus, type EventSource } from './events.js';
import { buildHandlers } from './service-handlers.js';
import { createSessionHolder } from './session-holder.js';

/**
 * The shell's context (keychain, data dir, clock, lock wait: built once per shell with
 * createShellContext, and closed by the shell), and what only this service needs.
 */
export interface KeyhiveServiceOptions extends ContextOptions {
  /** The keyhive.yaml to open at start (lazily, on first use or on `start()`). */
  workspaceFile?: string;
  /** Desktop only: the system clipboard for `secret.copy`. Web mode has none. */
  clipboard?: Clipboard;
  /** Desktop only: the native folder chooser for `workspace.pickFolder`. Web mode has none. */
  folderPicker?: FolderPicker;
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

export function createKeyhiveService(opts: KeyhiveServiceOptions): KeyhiveService {
  const bus = createEventBus();
  const copier = createSecretCopier(opts.clipboard, { timers: opts.timers });
  const { workspaceFile, clipboard: _clipboard, folderPicker: _picker, timers: _timers, ...context } = opts;
  const sessions = createSessionHolder({ ...context, ...(workspaceFile ? { initialFile: workspaceFile } : {}), bus });
  const handlers = buildHandlers({ sessions, bus, copier, ...(opts.folderPicker ? { folderPicker: opts.folderPicker } : {}) });
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
      bus.clear();
    },
  };
}
