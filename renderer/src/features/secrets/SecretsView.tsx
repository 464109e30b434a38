/**
 * The matrix: one row per secret, one column per service (plus the keychain), each cell with the
 * binding's state, fingerprint, variable, file and line. Arrow keys move between cells; Enter
 * opens a secret; Sync and Rotate are one click away.
 */
import { useState } from 'react';
import type { BindingStatus, SecretStatus } from '../../../../shared/domain.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { StateBadge } from '../../components/StateBadge.js';
import { useApp } from '../../stores/store-context.js';
import { moveInGrid } from './matrix-keys.js';
import { RotateDialog } from './RotateDialog.js';
import { SyncDialog } from './SyncDialog.js';

const baseName = (f: string): string => f.split(/[\\/]/).slice(-2).join('/');

function BindingCell({ bindings }: { bindings: BindingStatus[] }) {
  if (bindings.length === 0) return <span className="muted">not used</span>;
  return (
    <>
      {bindings.map((b) => (
        <div key={`${b.var}:${b.file}`} className="cell-binding" title={b.detail ?? `${b.file}${b.line ? `:${b.line}` : ''}`}>
          <StateBadge state={b.state} />
          <Fingerprint value={b.fingerprint} label={`${b.service} ${b.var} fingerprint`} />
          <span className="cell-var">{b.var}</span>
          <span className="cell-file">
            {baseName(b.file)}
            {b.line ? `:${b.line}` : ' (absent)'}
          </span>
        </div>
      ))}
    </>
  );
}

export function SecretsView() {
  const status = useApp((s) => s.status);
  const navigate = useApp((s) => s.navigate);
  const busy = useApp((s) => s.busy);
  const [dialog, setDialog] = useState<{ kind: 'sync' | 'rotate'; secret: string } | null>(null);
  if (!status) return null;
  const services = [...new Set([...status.services.map((s) => s.name), ...status.secrets.flatMap((s) => s.bindings.map((b) => b.service))])].filter((svc) =>
    status.secrets.some((s) => s.bindings.some((b) => b.service === svc)),
  );
  const cols = services.length + 4; // name, keychain, services…, sync, rotate
  const dialogSecret: SecretStatus | undefined = dialog ? status.secrets.find((s) => s.name === dialog.secret) : undefined;
  const cellProps = (r: number, c: number) => ({ 'data-cell': `${r}:${c}`, tabIndex: r === 0 && c === 0 ? 0 : -1 });
  return (
    <section className="view" aria-labelledby="secrets-title">
      <header className="view-head">
        <h1 id="secrets-title">Secrets</h1>
        <p className="view-sub">Each cell shows the fingerprint of the value a service holds — never the value. Use the arrow keys to move, Enter to open.</p>
      </header>
      <div className="matrix-scroll">
        <table className="matrix" role="grid" aria-label="Secrets by service" aria-rowcount={status.secrets.length + 1} onKeyDown={(e) => moveInGrid(e, status.secrets.length, cols)}>
          <thead>
            <tr>
              <th scope="col">Secret</th>
              <th scope="col">Keychain</th>
              {services.map((svc) => (
                <th key={svc} scope="col">
                  {svc}
                </th>
              ))}
              <th scope="col" colSpan={2}>
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {status.secrets.map((sec, r) => (
              <tr key={sec.name} data-secret={sec.name} data-state={sec.state}>
                <th scope="row">
                  <button type="button" className="link-button secret-name" {...cellProps(r, 0)} onClick={() => navigate('secret', sec.name)} aria-label={`Open ${sec.name}`}>
                    {sec.name}
                  </button>
                  <StateBadge state={sec.state} />
                  <span className="muted cell-format">{sec.format}</span>
                  {sec.issuer && (
                    <span className="muted cell-issuer" aria-label={`${sec.name} is a key issued by ${sec.issuer.name}`}>
                      {' '}
                      · issued by {sec.issuer.name}
                    </span>
                  )}
                </th>
                <td {...cellProps(r, 1)} aria-label={`${sec.name} in the keychain`} onKeyDown={(e) => e.key === 'Enter' && navigate('secret', sec.name)}>
                  <Fingerprint value={sec.keychainFingerprint} label="keychain fingerprint" />
                  {!sec.keychainFingerprint && <span className="muted"> no entry</span>}
                </td>
                {services.map((svc, i) => (
                  <td key={svc} {...cellProps(r, i + 2)} aria-label={`${sec.name} in ${svc}`} onKeyDown={(e) => e.key === 'Enter' && navigate('secret', sec.name)}>
                    <BindingCell bindings={sec.bindings.filter((b) => b.service === svc)} />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    {...cellProps(r, services.length + 2)}
                    onClick={() => setDialog({ kind: 'sync', secret: sec.name })}
                    disabled={busy === `sync:${sec.name}`}
                    aria-label={`Sync ${sec.name}`}
                  >
                    Sync
                  </button>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    {...cellProps(r, services.length + 3)}
                    onClick={() => setDialog({ kind: 'rotate', secret: sec.name })}
                    disabled={busy === `rotate:${sec.name}`}
                    aria-label={`Rotate ${sec.name}`}
                  >
                    Rotate
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dialog?.kind === 'sync' && dialogSecret && <SyncDialog secret={dialogSecret} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'rotate' && dialogSecret && <RotateDialog secret={dialogSecret} onClose={() => setDialog(null)} />}
    </section>
  );
}
