/** Revoke a key: the confirmation names every consumer still using it; revoking one in use needs "revoke anyway". */
import { useState } from 'react';
import type { KeyRow } from '../../../../shared/keys.js';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { useApiClient } from '../../api/context.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useApp } from '../../stores/store-context.js';

export function RevokeKeyDialog({ issuer, row, onClose, onDone }: { issuer: string; row: KeyRow; onClose(): void; onDone(): void }) {
  const { api } = useApiClient();
  const pushToast = useApp((s) => s.pushToast);
  const [force, setForce] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const inUse = row.heldBy.length > 0;
  const revoke = async () => {
    setBusy(true);
    const r = await api.invoke('keys.revoke', { issuer, id: row.id, force });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    pushToast({ tone: 'success', title: `Revoked ${row.prefix}…`, detail: r.value.heldBy.length ? `forced: ${r.value.heldBy.join(', ')} will now be refused` : undefined });
    onDone();
    onClose();
  };
  return (
    <Dialog title={`Revoke ${row.prefix}… (${row.name})`} onClose={onClose}>
      {inUse ? (
        <div className="revoke-in-use" role="alert">
          <p>
            <strong>In use:</strong> {row.heldBy.map((h) => `${h.service} (${h.var})`).join(', ')} still {row.heldBy.length === 1 ? 'uses' : 'use'} this key. Revoking it
            makes {row.heldBy.length === 1 ? 'that consumer' : 'those consumers'} fail with 401. Rotate {row.secret ?? 'the secret'} instead, or revoke anyway.
          </p>
          <label>
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Revoke anyway (force)
          </label>
        </div>
      ) : (
        <p>No workspace binding holds this key. Revoking it cannot be undone.</p>
      )}
      {error && <ErrorNotice error={error} />}
      <footer className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={() => void revoke()} disabled={busy}>
          {busy ? 'Revoking…' : 'Revoke'}
        </button>
      </footer>
    </Dialog>
  );
}
