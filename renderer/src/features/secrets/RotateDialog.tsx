/** Rotate: a fresh value everywhere in one step, shown step by step until it ends green (or rolls back). */
import { useState } from 'react';
import type { SecretStatus } from '../../../../shared/domain.js';
import { Dialog } from '../../components/Dialog.js';
import { ProgressSteps } from '../../components/ProgressSteps.js';
import { useApp, useAppStore } from '../../stores/store-context.js';

export function RotateDialog({ secret, onClose }: { secret: SecretStatus; onClose(): void }) {
  const rotate = useApp((s) => s.rotate);
  const busy = useApp((s) => s.busy === `rotate:${secret.name}`);
  const store = useAppStore();
  /** Position in the operation log when the user started: older rotations are not shown. */
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const op = useApp((s) => (startedAt === null ? null : s.latestOperationFor(secret.name, ['rotate', 'rotate-issued'], startedAt)));
  const files = [...new Set(secret.bindings.map((b) => b.file))];
  // An issued key (its status names its issuer) is rotated by that issuer, as `secret.rotate` does on the engine side.
  const issued = secret.issuer !== null;
  const services = [...new Set(secret.bindings.map((b) => b.service))];
  const start = () => {
    setStartedAt(store.getState().operationOrder.length);
    void rotate(secret.name);
  };
  return (
    <Dialog title={`Rotate ${secret.name}`} onClose={onClose}>
      {startedAt === null ? (
        <div className="rotate-plan">
          {issued ? (
            <p>
              This is an issued key: Keyhive asks its issuer for a new key with the same scopes and lifetime, writes it to {files.length} file{files.length === 1 ? '' : 's'},
              restarts {services.join(', ')}, probes it, retires the old key and checks it is refused once the issuer's cache window has passed.
            </p>
          ) : (
          <p>
            Keyhive generates a new <strong>{secret.format}</strong> value, stores it in the keychain, writes it to {files.length} file
            {files.length === 1 ? '' : 's'}, restarts {services.join(', ')} and probes the result. If a step fails, everything rolls back.
          </p>
          )}
          <ul className="file-list">
            {files.map((f) => (
              <li key={f}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="progress-slot progress-slot-tall">
          {op ? <ProgressSteps op={op} title="Rotation progress" /> : <p className="muted" role="status">Starting the rotation…</p>}
        </div>
      )}
      <footer className="dialog-actions">
        {startedAt === null ? (
          <>
            <button type="button" className="button button-ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={start} data-autofocus>
              Rotate now
            </button>
          </>
        ) : (
          busy ? (
            <button key="busy" type="button" className="button" disabled>
              Rotating…
            </button>
          ) : (
            // A fresh element so focus lands on it when the rotation ends.
            <button key="done" type="button" className="button" onClick={onClose} autoFocus>
              Close
            </button>
          )
        )}
      </footer>
    </Dialog>
  );
}
