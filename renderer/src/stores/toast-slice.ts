/** Toasts: what just happened, with Undo after every change; Escape or × dismisses. */
import type { StateCreator } from 'zustand';
import type { ErrorPayload } from '../../../shared/errors.js';

export interface Toast {
  id: string;
  tone: 'success' | 'error' | 'info';
  title: string;
  detail?: string;
  fix?: string;
  /** Activity entry id to pass to `activity.undo`. */
  undoId?: string;
}

export interface ToastSlice {
  toasts: Toast[];
  pushToast(t: Omit<Toast, 'id'>): string;
  pushError(e: ErrorPayload, title?: string): string;
  dismissToast(id: string): void;
  dismissLatestToast(): void;
}

let seq = 0;

export const createToastSlice: StateCreator<ToastSlice, [], [], ToastSlice> = (set, get) => ({
  toasts: [],
  pushToast(t) {
    const id = `toast-${++seq}`;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { ...t, id }] }));
    return id;
  },
  pushError(e, title) {
    const where = e.file ? ` (${e.file}${e.line ? `:${e.line}` : ''})` : '';
    return get().pushToast({ tone: 'error', title: title ?? 'That did not work', detail: `${e.message}${where}`, ...(e.fix ? { fix: e.fix } : {}) });
  },
  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  dismissLatestToast() {
    set((s) => ({ toasts: s.toasts.slice(0, -1) }));
  },
});
