/**
 * Holds the workspace the app service works on: an open session plus service control (the
 * operation ports the use cases need). Opening one closes the previous one, forwards its file
 * watcher as `status.changed` and its activity log as `activity` events, and recovers operations
 * (rotations, issued-key rotations) a crash left half-done, with `progress` events.
 */
import { KeyhiveError, toErrorPayload } from '../../shared/errors.js';
import type { ProgressEvent, WorkspaceStatus } from '../../shared/domain.js';
import { withClock, type ContextOptions } from './context/shell-context.js';
import { openOperation, type OpenedOperation } from './sync/apply-change-ports.js';
import type { ServiceControlOptions } from './services/service-control.js';
import type { EventBus } from './events.js';
import type { KeysContext } from './keys/keys-context.js';
import { issuedKeyResumer, keysContextOf } from './keys/keys-session.js';
import { recoverPending, type RecoveredOperation } from './lifecycle/recover.js';

/** An open workspace: session, operation ports and the key/scope context over them. */
export interface OpenWorkspace extends OpenedOperation {
  keys: KeysContext;
}

export interface SessionHolder {
  /** The open workspace (opening the initial one on first use); NOT_FOUND when none. */
  get(): Promise<OpenWorkspace>;
  currentFile(): string | null;
  /** Why the open workspace's keyhive.yaml does not load now (null when it does). */
  currentProblem(): unknown;
  open(file: string): Promise<OpenWorkspace>;
  /** Opens the initial workspace (if any) and recovers pending operations. */
  startup(): Promise<RecoveredOperation[]>;
  close(): Promise<void>;
}

/** The shell's context (keychain, data dir, clock, lock wait) for every workspace this holder opens, and its own options. */
export interface SessionHolderOptions extends ContextOptions {
  initialFile?: string;
  services?: ServiceControlOptions;
  bus: EventBus;
}

export function createSessionHolder(opts: SessionHolderOptions): SessionHolder {
  let current: OpenWorkspace | null = null;
  let opening: Promise<OpenWorkspace> | null = null;
  let unsubscribe: Array<() => void> = [];
  let pendingInitial: string | null = opts.initialFile ?? null;
  const { bus: _bus, initialFile: _initial, services: _services, ...choices } = opts;
  const context = withClock(choices);
  const onProgress = (e: ProgressEvent): void => opts.bus.emit('progress', e);

  const closeCurrent = async (): Promise<void> => {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    const c = current;
    current = null;
    if (c) await c.close();
  };

  const emitStatus = (ws: OpenWorkspace, status: WorkspaceStatus): void => {
    if (current === ws) opts.bus.emit('status.changed', status);
  };

  const doOpen = async (file: string): Promise<OpenWorkspace> => {
    pendingInitial = null;
    await closeCurrent();
    const op = await openOperation(file, {
      ...context,
      ...(opts.services ? { services: opts.services } : {}),
      // A change that waits for another one (a CLI rotation, another window) says for whom.
      onLockWait: (h) => {
        context.onLockWait?.(h);
        onProgress({
          operationId: `wait-${h.operationId}`,
          operation: 'sync',
          step: 'wait',
          label: 'Wait for the workspace',
          state: 'running',
          detail: `waiting for ${h.operation} ${h.operationId} (pid ${h.pid} on ${h.host}, since ${h.since}) to finish`,
          at: context.clock().toISOString(),
        });
      },
    });
    const ws: OpenWorkspace = Object.assign(op, { keys: keysContextOf(op.ports, op.dataDir, { onProgress }) });
    current = ws;
    unsubscribe = [
      // A status that cannot be computed mid-write is simply reported on the next change; a
      // keyhive.yaml that no longer loads is reported at once (workspace.error).
      op.session.watch((status) => emitStatus(ws, status), () => undefined),
      op.session.onWorkspaceProblem((error) => {
        if (current === ws) opts.bus.emit('workspace.error', { file: ws.session.workspace.file, error: error === null ? null : toErrorPayload(error) });
      }),
      op.session.activity.onAppend((entry) => {
        if (current === ws) opts.bus.emit('activity', entry);
      }),
    ];
    return ws;
  };

  const holder: SessionHolder = {
    async get() {
      if (!current && opening) await opening.catch(() => undefined);
      if (!current && pendingInitial) await holder.open(pendingInitial);
      if (!current) {
        throw new KeyhiveError('NOT_FOUND', 'No workspace is open.', {
          fix: 'Open a keyhive.yaml (workspace.open) or create one with `keyhive init`.',
        });
      }
      return current;
    },
    currentFile: () => current?.session.workspace.file ?? pendingInitial,
    currentProblem: () => current?.session.workspaceProblem() ?? null,
    open(file) {
      const p = (opening ?? Promise.resolve()).catch(() => undefined).then(() => doOpen(file));
      opening = p;
      return p;
    },
    async startup() {
      if (pendingInitial && !current) await holder.open(pendingInitial);
      if (!current) return [];
      const ws = current;
      return recoverPending(ws.ports, ws.dataDir, { onProgress, resumers: { 'rotate-issued': issuedKeyResumer(ws.keys) } });
    },
    async close() {
      await opening?.catch(() => undefined);
      await closeCurrent();
    },
  };
  return holder;
}
