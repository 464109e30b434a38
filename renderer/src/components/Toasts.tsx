/** The toast stack (polite live region). Undo calls `activity.undo` with the entry id. */
import { useEffect } from 'react';
import { useApp } from '../stores/store-context.js';
import type { Toast } from '../stores/toast-slice.js';

const AUTO_DISMISS_MS = 15_000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useApp((s) => s.dismissToast);
  const undo = useApp((s) => s.undo);
  useEffect(() => {
    if (toast.tone === 'error') return;
    const t = setTimeout(() => dismiss(toast.id), AUTO_DISMISS_MS);
    return () => clearTimeout(t);
  }, [toast.id, toast.tone, dismiss]);
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <div className="toast-text">
        <strong>{toast.title}</strong>
        {toast.detail && <p>{toast.detail}</p>}
        {toast.fix && (
          <p className="toast-fix">
            <span className="notice-fix-label">Fix: </span>
            {toast.fix}
          </p>
        )}
      </div>
      {toast.undoId && (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            dismiss(toast.id);
            void undo(toast.undoId!);
          }}
        >
          Undo
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss notification" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const dismissLatest = useApp((s) => s.dismissLatestToast);
  useEffect(() => {
    if (toasts.length === 0) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('[role="dialog"]')) dismissLatest();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toasts.length, dismissLatest]);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </section>
  );
}
