/** HiveForge: change a key's scopes in place (PATCH), picking along the hierarchy; least privilege offered when a secret holds it. */
import { useState } from 'react';
import type { IssuerKeys, KeyRow } from '../../../../shared/keys.js';
import { useApiClient } from '../../api/context.js';
import { Dialog } from '../../components/Dialog.js';
import { useApp } from '../../stores/store-context.js';
import { ScopePicker } from './ScopePicker.js';

export function EditScopesDialog({ issuer, row, onClose, onDone }: { issuer: IssuerKeys; row: KeyRow; onClose(): void; onDone(): void }) {
  const { api } = useApiClient();
  const pushError = useApp((s) => s.pushError);
  const pushToast = useApp((s) => s.pushToast);
  const [scopes, setScopes] = useState<string[]>(row.scopes);
  const [busy, setBusy] = useState(false);
  const suggestion = issuer.secrets.find((s) => s.secret === row.secret)?.leastPrivilege ?? null;
  const save = async () => {
    setBusy(true);
    const r = await api.invoke('keys.updateScopes', { issuer: issuer.issuer, id: row.id, scopes });
    setBusy(false);
    if (!r.ok) return void pushError(r.error, `Could not change the scopes of ${row.prefix}…`);
    pushToast({ tone: 'success', title: `${row.prefix}… now holds ${r.value.scopes.join(', ')}` });
    onDone();
    onClose();
  };
  return (
    <Dialog title={`Scopes of ${row.prefix}… (${row.name})`} onClose={onClose}>
      <ScopePicker hierarchy={issuer.hierarchy} value={scopes} onChange={setScopes} suggestion={suggestion} />
      <footer className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button" onClick={() => void save()} disabled={busy || scopes.length === 0}>
          {busy ? 'Saving…' : 'Save scopes'}
        </button>
      </footer>
    </Dialog>
  );
}
