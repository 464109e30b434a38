/**
 * The workspace and its live status: load on start, open / init, run mode, and the two
 * one-click changes (sync, rotate) plus undo. Every change ends with a toast; every change
 * that the activity log can revert offers Undo.
 */
import type { StateCreator } from 'zustand';
import type { KeyhiveApi, OperationResult, SyncSource } from '../../../shared/api.js';
import type { RunMode, WorkspaceStatus } from '../../../shared/domain.js';
import type { ErrorPayload } from '../../../shared/errors.js';
import type { AppState } from './app-store.js';

/** Where the page's Sync takes the value from (the API's own type). */
export type SyncFrom = SyncSource;

export interface WorkspaceSlice {
  phase: 'loading' | 'empty' | 'ready' | 'error';
  status: WorkspaceStatus | null;
  loadError: ErrorPayload | null;
  /** keyhive.yaml on disk no longer loads (the engine keeps the last good one); null when fine. */
  workspaceProblem: ErrorPayload | null;
  setWorkspaceProblem(problem: ErrorPayload | null): void;
  load(): Promise<void>;
  setStatus(s: WorkspaceStatus): void;
  refresh(): Promise<void>;
  openWorkspace(file: string): Promise<ErrorPayload | null>;
  initWorkspace(dir: string): Promise<ErrorPayload | null>;
  setRunMode(mode: RunMode): Promise<void>;
  sync(secret: string, from: SyncFrom, restart?: boolean): Promise<OperationResult | null>;
  rotate(secret: string): Promise<OperationResult | null>;
  /** Stores the value one service holds as the keychain entry (`secret.import`). */
  importSecret(secret: string, service: string): Promise<OperationResult | null>;
  undo(activityId: string): Promise<void>;
}

export const createWorkspaceSlice =
  (api: KeyhiveApi): StateCreator<AppState, [], [], WorkspaceSlice> =>
  (set, get) => {
    const afterOperation = (r: OperationResult, op: 'sync' | 'rotate', secret: string): void => {
      // (imports are reported as syncs: they write the keychain side)
      get().finishOperation(r.operationId, r.ok, r.summary, op, secret);
      if (r.status) set({ status: r.status });
      get().pushToast({
        tone: r.ok ? 'success' : 'error',
        title: r.summary,
        ...(r.activityId ? { undoId: r.activityId } : {}),
      });
    };

    return {
      phase: 'loading',
      status: null,
      loadError: null,
      workspaceProblem: null,
      setWorkspaceProblem(problem) {
        set({ workspaceProblem: problem });
      },
      async load() {
        set({ phase: 'loading', loadError: null });
        const cur = await api.invoke('workspace.current', {});
        if (!cur.ok) return set({ phase: 'error', loadError: cur.error });
        set({ workspaceProblem: cur.value.problem ?? null });
        if (cur.value.file === null) return set({ phase: 'empty', status: null });
        const st = await api.invoke('status.get', {});
        if (!st.ok) return set({ phase: 'error', loadError: st.error });
        set({ phase: 'ready', status: st.value });
      },
      setStatus(s) {
        set({ status: s, phase: 'ready', loadError: null });
      },
      async refresh() {
        const st = await api.invoke('status.get', {});
        if (st.ok) set({ status: st.value, phase: 'ready' });
        else get().pushError(st.error, 'Could not refresh the status');
      },
      async openWorkspace(file) {
        const r = await api.invoke('workspace.open', { file });
        if (!r.ok) return r.error;
        set({ status: r.value, phase: 'ready', loadError: null, workspaceProblem: null });
        get().navigate('overview');
        return null;
      },
      async initWorkspace(dir) {
        const r = await api.invoke('workspace.init', { dir });
        if (!r.ok) return r.error;
        set({ status: r.value.status, phase: 'ready', loadError: null, workspaceProblem: null });
        get().pushToast({ tone: 'success', title: `Created ${r.value.file}` });
        get().navigate('overview');
        return null;
      },
      async setRunMode(runMode) {
        const r = await api.invoke('workspace.setRunMode', { runMode });
        if (!r.ok) return void get().pushError(r.error, 'Could not switch the run mode');
        set({ status: r.value });
        get().pushToast({ tone: 'success', title: `Run mode: ${runMode === 'docker' ? 'Docker' : 'native'}` });
      },
      async sync(secret, from, restart = true) {
        set({ busy: `sync:${secret}` });
        try {
          const r = await api.invoke('secret.sync', { secret, from, restart });
          if (!r.ok) return get().pushError(r.error, `Could not sync ${secret}`), null;
          afterOperation(r.value, 'sync', secret);
          return r.value;
        } finally {
          set({ busy: null });
        }
      },
      async rotate(secret) {
        set({ busy: `rotate:${secret}` });
        try {
          const r = await api.invoke('secret.rotate', { secret });
          if (!r.ok) return get().pushError(r.error, `Could not rotate ${secret}`), null;
          afterOperation(r.value, 'rotate', secret);
          return r.value;
        } finally {
          set({ busy: null });
        }
      },
      async importSecret(secret, service) {
        set({ busy: `import:${secret}` });
        try {
          const r = await api.invoke('secret.import', { secret, service });
          if (!r.ok) return get().pushError(r.error, `Could not store ${secret} in the keychain`), null;
          afterOperation(r.value, 'sync', secret);
          return r.value;
        } finally {
          set({ busy: null });
        }
      },
      async undo(id) {
        const r = await api.invoke('activity.undo', { id });
        if (!r.ok) return void get().pushError(r.error, 'Could not undo');
        if (r.value.status) set({ status: r.value.status });
        get().pushToast({ tone: r.value.ok ? 'info' : 'error', title: r.value.ok ? `Undone: ${r.value.summary}` : r.value.summary });
      },
    };
  };
