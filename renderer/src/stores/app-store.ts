/** One store per app instance (tests create their own), built from small slices. */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { KeyhiveApi } from '../../../shared/api.js';
import { systemClock, type Clock } from '../../../shared/clock.js';
import { createNavSlice } from './nav-slice.js';
import type { NavSlice } from './nav-slice.js';
import { createOperationsSlice } from './operations-slice.js';
import type { OperationsSlice } from './operations-slice.js';
import { createToastSlice } from './toast-slice.js';
import type { ToastSlice } from './toast-slice.js';
import { createWorkspaceSlice } from './workspace-slice.js';
import type { WorkspaceSlice } from './workspace-slice.js';

/** What time it is for every view that shows a relative time ("Expires in N days"); tests pin it. */
export interface ClockSlice {
  clock: Clock;
}

export type AppState = WorkspaceSlice & NavSlice & OperationsSlice & ToastSlice & ClockSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(api: KeyhiveApi, opts: { clock?: Clock } = {}): AppStore {
  return createStore<AppState>()((set, get, store) => ({
    clock: opts.clock ?? systemClock,
    ...createNavSlice(set, get, store),
    ...createOperationsSlice(set, get, store),
    ...createToastSlice(set, get, store),
    ...createWorkspaceSlice(api)(set, get, store),
  }));
}

/** Wires engine events into the store; returns the unsubscribe. */
export function connectEvents(api: KeyhiveApi, store: AppStore): () => void {
  const offs = [
    api.on('status.changed', (s) => store.getState().setStatus(s)),
    api.on('progress', (e) => store.getState().applyProgress(e)),
    api.on('workspace.error', (p) => store.getState().setWorkspaceProblem(p.error)),
  ];
  return () => offs.forEach((off) => off());
}
