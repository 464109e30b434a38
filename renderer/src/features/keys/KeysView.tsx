/** Keys: every issuer's keys (Hogsend, TokenHub, HiveForge) — list, create, revoke, enable/disable, rotate. */
import { useState } from 'react';
import type { IssuerKeys } from '../../../../shared/keys.js';
import { useApiClient } from '../../api/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useApp } from '../../stores/store-context.js';
import { CreateKeyDialog } from './CreateKeyDialog.js';
import { EditScopesDialog } from './EditScopesDialog.js';
import { IssuerKeysTable, type KeyAction } from './IssuerKeysTable.js';
import { RevokeKeyDialog } from './RevokeKeyDialog.js';
import { RotateKeyDialog } from './RotateKeyDialog.js';
import { useKeysOverview } from './useKeysOverview.js';

type Open = { kind: 'create'; issuer: IssuerKeys } | (KeyAction & { issuer: IssuerKeys }) | null;

export function KeysView() {
  const { api } = useApiClient();
  const { overview, error, reload } = useKeysOverview();
  const pushError = useApp((s) => s.pushError);
  const pushToast = useApp((s) => s.pushToast);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const act = async (issuer: IssuerKeys, a: KeyAction) => {
    if (a.kind !== 'enable') return setOpen({ ...a, issuer });
    const r = await api.invoke('keys.setEnabled', { issuer: issuer.issuer, id: a.row.id, enabled: a.enabled });
    if (!r.ok) return void pushError(r.error, `Could not ${a.enabled ? 'enable' : 'disable'} ${a.row.prefix}…`);
    pushToast({ tone: 'success', title: `${a.enabled ? 'Enabled' : 'Disabled'} ${a.row.prefix}…` });
    void reload();
  };
  return (
    <section className="view" aria-labelledby="keys-title">
      <header className="view-head">
        <h1 id="keys-title">Keys</h1>
        <p className="view-sub">Keys issued by Hogsend, TokenHub and HiveForge: who holds each one, what it may do, when it expires. Values are never shown.</p>
      </header>
      {error && <ErrorNotice error={error} title="Could not load the keys" />}
      {overview && overview.rechecks.length > 0 && (
        <ul className="warnings" aria-label="Pending re-checks">
          {overview.rechecks.map((r) => (
            <li key={r.secret}>
              The old key of {r.secret} may still be cached by its issuer; Keyhive re-checks that it is refused after {r.dueAt.slice(11, 19)} UTC.
            </li>
          ))}
        </ul>
      )}
      {overview === null ? (
        !error && <Skeleton lines={6} label="Loading keys" />
      ) : overview.issuers.length === 0 ? (
        <div className="empty-note">
          <p>This workspace has no issuers.</p>
          <p className="muted">
            Declare one under <code>issuers:</code> in keyhive.yaml (Hogsend, TokenHub or HiveForge) to manage its keys here.
          </p>
        </div>
      ) : (
        overview.issuers.map((i) => <IssuerKeysTable key={i.issuer} issuer={i} onReload={() => void reload()} onCreate={() => setOpen({ kind: 'create', issuer: i })} onAction={(a) => void act(i, a)} />)
      )}
      {open?.kind === 'create' && <CreateKeyDialog issuer={open.issuer} onClose={close} onDone={() => void reload()} />}
      {open?.kind === 'scopes' && <EditScopesDialog issuer={open.issuer} row={open.row} onClose={close} onDone={() => void reload()} />}
      {open?.kind === 'revoke' && <RevokeKeyDialog issuer={open.issuer.issuer} row={open.row} onClose={close} onDone={() => void reload()} />}
      {open?.kind === 'rotate' && open.row.secret && (
        <RotateKeyDialog secret={open.row.secret} system={open.issuer.system} cacheWindowSeconds={open.issuer.cacheWindowSeconds} onClose={close} onDone={() => void reload()} />
      )}
    </section>
  );
}
