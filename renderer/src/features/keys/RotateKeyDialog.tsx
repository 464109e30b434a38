/**
 * Rotate an issued key with no downtime: each step as it happens, a countdown through the
 * issuer's cache window, and at its end the automatic re-check that the old key is refused.
 */
import { useState } from 'react';
import type { IssuedRotationResult } from '../../../../shared/keys.js';
import { useApiClient } from '../../api/context.js';
import { Dialog } from '../../components/Dialog.js';
import { ProgressSteps } from '../../components/ProgressSteps.js';
import { useApp, useAppStore } from '../../stores/store-context.js';

export function RotateKeyDialog({ secret, system, cacheWindowSeconds, onClose, onDone }: { secret: string; system: string; cacheWindowSeconds: number; onClose(): void; onDone(): void }) {
  const { api } = useApiClient();
  const store = useAppStore();
  const pushError = useApp((s) => s.pushError);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [result, setResult] = useState<IssuedRotationResult | null>(null);
  const op = useApp((s) => (startedAt === null ? null : s.latestOperationFor(secret, ['rotate-issued'], startedAt)));
  const start = async () => {
    setStartedAt(store.getState().operationOrder.length);
    const r = await api.invoke('keys.rotate', { secret, wait: true });
    if (!r.ok) {
      pushError(r.error, `Could not rotate ${secret}`);
      return;
    }
    store.getState().finishOperation(r.value.operationId, r.value.ok, r.value.summary, 'rotate-issued', secret);
    setResult(r.value);
    onDone();
  };
  const running = startedAt !== null && result === null;
  return (
    <Dialog title={`Rotate ${secret}`} onClose={onClose}>
      {startedAt === null ? (
        <p>
          Keyhive creates a new {system} key with the same scopes and lifetime, writes it to every consumer, restarts and probes them, retires the old key, then waits
          out {system}'s {cacheWindowSeconds} s cache window and checks that the old key is refused.
        </p>
      ) : (
        <div className="progress-slot progress-slot-tall">
          {op ? <ProgressSteps op={op} title="Rotation progress" /> : <p className="muted" role="status">Starting the rotation…</p>}
          {result && (
            <p className={`old-key-verdict ${result.oldRefused ? 'probe-ok' : 'probe-failed'}`} role="status" data-old-refused={String(result.oldRefused)}>
              {result.oldRefused === true ? 'Old key refused' : result.oldRefused === false ? `Old key still accepted${result.recheckAt ? ` (cache until ${result.recheckAt})` : ''}` : 'Old key not checked'}
            </p>
          )}
        </div>
      )}
      <footer className="dialog-actions">
        {startedAt === null ? (
          <>
            <button type="button" className="button button-ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={() => void start()} data-autofocus>
              Rotate now
            </button>
          </>
        ) : running ? (
          <button key="busy" type="button" className="button" disabled>
            Rotating…
          </button>
        ) : (
          <button key="done" type="button" className="button" onClick={onClose} autoFocus>
            Close
          </button>
        )}
      </footer>
    </Dialog>
  );
}
