/**
 * One issuer's keys: name, prefix, scopes (expanded through the hierarchy), created, expires,
 * last used, state, the bindings holding each key (by fingerprint), its debt with the fix, and
 * the actions the system offers (rotate, revoke, enable/disable).
 */
import type { IssuerKeys, KeyRow } from '../../../../shared/keys.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { CredentialPrompt } from './CredentialPrompt.js';

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '—');

export type KeyAction = { kind: 'rotate'; row: KeyRow } | { kind: 'revoke'; row: KeyRow } | { kind: 'scopes'; row: KeyRow } | { kind: 'enable'; row: KeyRow; enabled: boolean };

export function IssuerKeysTable({ issuer, onAction, onCreate, onReload }: { issuer: IssuerKeys; onAction(a: KeyAction): void; onCreate(): void; onReload(): void }) {
  const cred = issuer.credential;
  return (
    <section className="issuer-keys" aria-labelledby={`issuer-${issuer.issuer}`} data-issuer={issuer.issuer}>
      <header className="issuer-head">
        <h2 id={`issuer-${issuer.issuer}`}>
          {issuer.issuer} <span className="muted">({issuer.system} · {issuer.url})</span>
        </h2>
        <p className="muted issuer-meta">
          Admin credential: {cred.source === 'secret' ? <>the secret <code>{cred.secret}</code></> : 'its own keychain entry'}
          {cred.expiresAt && <> · JWT expires {cred.expiresAt.slice(0, 16).replace('T', ' ')} UTC</>} · cache window {issuer.cacheWindowSeconds} s
        </p>
        <button type="button" className="button" onClick={onCreate} disabled={issuer.error !== null}>
          Create key…
        </button>
      </header>
      {issuer.credential.problem && issuer.credential.source === 'keychain' ? (
        <CredentialPrompt issuer={issuer} onStored={onReload} />
      ) : issuer.error ? (
        <ErrorNotice error={issuer.error} title={`Cannot list ${issuer.issuer}'s keys`} />
      ) : issuer.keys.length === 0 ? (
        <p className="empty-note">No keys yet.</p>
      ) : (
        <table className="activity keys-table" aria-label={`${issuer.issuer} keys`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">Held by</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {issuer.keys.map((k) => (
              <KeyRowView key={k.id} row={k} issuer={issuer} onAction={onAction} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function KeyRowView({ row, issuer, onAction }: { row: KeyRow; issuer: IssuerKeys; onAction(a: KeyAction): void }) {
  const live = row.state === 'active' || row.state === 'disabled';
  return (
    <>
      <tr data-key-id={row.id} data-state={row.state} data-secret={row.secret ?? ''}>
        <td>{row.name}</td>
        <td>
          <code>{row.prefix}…</code>
        </td>
        <td>
          <span className="scope-list" title={`expands to ${row.expandedScopes.join(', ')}`}>
            {row.scopes.length ? row.scopes.join(', ') : 'all endpoints'}
          </span>
          {row.expandedScopes.length > row.scopes.length && <span className="muted scope-expanded"> → {row.expandedScopes.join(', ')}</span>}
        </td>
        <td>{day(row.createdAt)}</td>
        <td>{day(row.expiresAt)}</td>
        <td>{row.lastUsedAt ? day(row.lastUsedAt) : 'never'}</td>
        <td>
          <span className={`badge key-state key-state-${row.state}`}>{row.state}</span>
        </td>
        <td>
          {row.heldBy.length === 0 ? (
            <span className="muted">—</span>
          ) : (
            <ul className="holders">
              {row.heldBy.map((h) => (
                <li key={`${h.service}:${h.var}`}>
                  {h.service} <code>{h.var}</code> <Fingerprint value={h.fingerprint} label={`${h.service} ${h.var}`} />
                </li>
              ))}
            </ul>
          )}
        </td>
        <td className="key-actions">
          {row.secret && live && (
            <button type="button" className="button button-ghost" onClick={() => onAction({ kind: 'rotate', row })}>
              Rotate
            </button>
          )}
          {issuer.canSetEnabled && live && (
            <button type="button" className="button button-ghost" onClick={() => onAction({ kind: 'enable', row, enabled: !row.enabled })}>
              {row.enabled ? 'Disable' : 'Enable'}
            </button>
          )}
          {issuer.canUpdateScopes && live && (
            <button type="button" className="button button-ghost" onClick={() => onAction({ kind: 'scopes', row })}>
              Scopes…
            </button>
          )}
          {row.state !== 'revoked' && (
            <button type="button" className="button button-ghost" onClick={() => onAction({ kind: 'revoke', row })}>
              Revoke…
            </button>
          )}
        </td>
      </tr>
      {row.debt.length > 0 && (
        <tr className="key-debt-row">
          <td colSpan={9}>
            <ul className="warnings key-warnings" aria-label={`Warnings for ${row.name}`}>
              {row.debt.map((d) => (
                <li key={d.code} data-code={d.code}>
                  {d.message} — <em>{d.fix}</em>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </>
  );
}
