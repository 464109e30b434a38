/** One secret: bindings and where each effective value comes from, format, probes, history. */
import { useState } from 'react';
import { Fingerprint } from '../../components/Fingerprint.js';
import { StateBadge } from '../../components/StateBadge.js';
import { useApp } from '../../stores/store-context.js';
import { RotateDialog } from '../secrets/RotateDialog.js';
import { SyncDialog } from '../secrets/SyncDialog.js';
import { BindingSources } from './BindingSources.js';
import { ProbeResults } from './ProbeResults.js';
import { RevealValue } from './RevealValue.js';
import { useSecretData } from './useSecretData.js';

export function SecretDetailView() {
  const status = useApp((s) => s.status);
  const name = useApp((s) => s.selectedSecret);
  const navigate = useApp((s) => s.navigate);
  const secret = status?.secrets.find((s) => s.name === name) ?? status?.secrets[0];
  if (!secret) {
    return (
      <section className="view">
        <h1>Secret</h1>
        <p className="empty-note">Pick a secret on the Secrets page.</p>
      </section>
    );
  }
  return <SecretDetail key={secret.name} name={secret.name} onBack={() => navigate('secrets')} />;
}

function SecretDetail({ name, onBack }: { name: string; onBack(): void }) {
  const secret = useApp((s) => s.status?.secrets.find((x) => x.name === name));
  const navigate = useApp((s) => s.navigate);
  const { probes, probing, runProbes, history } = useSecretData(name);
  const [dialog, setDialog] = useState<'sync' | 'rotate' | null>(null);
  if (!secret) return null;
  return (
    <section className="view" aria-labelledby="secret-title">
      <header className="view-head">
        <button type="button" className="link-button back" onClick={onBack}>
          ← Secrets
        </button>
        <h1 id="secret-title">
          {secret.name} <StateBadge state={secret.state} />
        </h1>
        <p className="view-sub">
          Format <code>{secret.format}</code>
          {secret.issuer && (
            <>
              {' '}
              · issued by <code>{secret.issuer.name}</code> ({secret.issuer.system})
            </>
          )}{' '}
          · keychain <Fingerprint value={secret.keychainFingerprint} label="keychain fingerprint" />
        </p>
        <div className="head-actions">
          <button type="button" className="button" onClick={() => setDialog('sync')}>
            Sync…
          </button>
          <button type="button" className="button button-ghost" onClick={() => setDialog('rotate')}>
            Rotate…
          </button>
          <button type="button" className="button button-ghost" onClick={() => navigate('scopes', secret.name)}>
            Scopes
          </button>
        </div>
      </header>
      {secret.warnings.length > 0 && (
        <ul className="warnings">
          {secret.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <section aria-labelledby="value-title" className="panel">
        <h2 id="value-title">Keychain value</h2>
        <RevealValue secret={secret.name} hasValue={secret.keychainFingerprint !== null} />
      </section>
      <section aria-labelledby="bindings-title" className="panel">
        <h2 id="bindings-title">Bindings and effective values</h2>
        <div className="bindings">
          {secret.bindings.map((b) => (
            <BindingSources key={`${b.service}:${b.var}`} binding={b} />
          ))}
        </div>
      </section>
      <section aria-labelledby="probes-title" className="panel">
        <div className="panel-head">
          <h2 id="probes-title">Probes</h2>
          <button type="button" className="button button-small" onClick={() => void runProbes()} disabled={probing}>
            {probing ? 'Probing…' : 'Run probes'}
          </button>
        </div>
        {probes === null && !probing ? <p className="muted probe-hint">Health, an authenticated call, and a wrong key that must be refused.</p> : <ProbeResults results={probes} running={probing} />}
      </section>
      <section aria-labelledby="history-title" className="panel">
        <h2 id="history-title">History</h2>
        {history === null ? (
          <p className="muted">Loading…</p>
        ) : history.length === 0 ? (
          <p className="muted">Nothing has happened to this secret yet.</p>
        ) : (
          <ol className="history">
            {history.map((h) => (
              <li key={h.id}>
                <time dateTime={h.at}>{new Date(h.at).toLocaleString()}</time> <span className={`kind kind-${h.kind}`}>{h.kind}</span> {h.summary}
                {h.fingerprintBefore !== undefined && (
                  <span className="fp-change">
                    {' '}
                    <Fingerprint value={h.fingerprintBefore ?? null} /> → <Fingerprint value={h.fingerprintAfter ?? null} />
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {dialog === 'sync' && <SyncDialog secret={secret} onClose={() => setDialog(null)} />}
      {dialog === 'rotate' && <RotateDialog secret={secret} onClose={() => setDialog(null)} />}
    </section>
  );
}
