/** One glance: is every service holding the right key? The picture, a tally, what needs attention. */
import { KeyDebtPanel } from './KeyDebtPanel.js';
import { DRIFT_STATE_LABEL } from '../../../../shared/domain.js';
import type { DriftState } from '../../../../shared/domain.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { StateBadge } from '../../components/StateBadge.js';
import { useApp } from '../../stores/store-context.js';
import { useState } from 'react';
import { SyncDialog } from '../secrets/SyncDialog.js';
import { QuickFix } from './QuickFix.js';
import { ServiceGraph } from './ServiceGraph.js';

const WARN_ONLY: DriftState[] = ['shadowed', 'no-keychain-entry', 'stale-container'];
function summaryTone(states: DriftState[]): string {
  if (states.length === 0) return 'summary-ok';
  return states.every((s) => WARN_ONLY.includes(s)) ? 'summary-warning' : 'summary-attention';
}

export function OverviewView() {
  const status = useApp((s) => s.status);
  const navigate = useApp((s) => s.navigate);
  const [syncing, setSyncing] = useState<string | null>(null);
  if (!status) return null;
  const syncSecret = syncing ? status.secrets.find((s) => s.name === syncing) : undefined;
  const open = (secret: string) => navigate('secret', secret);
  const inSync = status.secrets.filter((s) => s.state === 'in-sync').length;
  const attention = status.secrets.filter((s) => s.state !== 'in-sync');
  const counts = new Map<DriftState, number>();
  for (const s of status.secrets) counts.set(s.state, (counts.get(s.state) ?? 0) + 1);
  return (
    <section className="view" aria-labelledby="overview-title">
      <header className="view-head">
        <h1 id="overview-title">Overview</h1>
        <p className="view-sub">
          {status.workspace.name} · {status.services.length} services · {status.workspace.runMode === 'docker' ? 'Docker' : 'native'} · checked{' '}
          <time dateTime={status.checkedAt}>{new Date(status.checkedAt).toLocaleTimeString()}</time>
        </p>
      </header>
      <div className={`summary ${summaryTone(attention.map((s) => s.state))}`} role="status" aria-label="Summary">
        <strong>
          {inSync} of {status.secrets.length} secrets in sync
        </strong>
        <ul className="tally">
          {[...counts].map(([state, n]) => (
            <li key={state}>
              <StateBadge state={state} /> <span className="tally-n">×{n}</span>
            </li>
          ))}
        </ul>
      </div>
      {status.secrets.length === 0 ? (
        <p className="empty-note">No secrets yet: add one under <code>secrets:</code> in {status.workspace.file}.</p>
      ) : (
        <ServiceGraph status={status} onSelect={open} />
      )}
      {attention.length > 0 && (
        <section aria-labelledby="attention-title" className="attention">
          <h2 id="attention-title">Needs attention</h2>
          <ul className="attention-list">
            {attention.map((s) => (
              <li key={s.name} className="attention-row">
                <button type="button" className="attention-item" onClick={() => open(s.name)} aria-label={`${s.name}: ${DRIFT_STATE_LABEL[s.state]}. Open details.`}>
                  <span className="attention-name">{s.name}</span>
                  <StateBadge state={s.state} />
                  <span className="attention-detail">{s.bindings.find((b) => b.state !== 'in-sync')?.detail ?? s.warnings[0] ?? ''}</span>
                  {s.keychainFingerprint ? <Fingerprint value={s.keychainFingerprint} label="keychain fingerprint" /> : <span />}
                </button>
                <QuickFix secret={s} onSync={() => setSyncing(s.name)} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <KeyDebtPanel />
      {syncSecret && <SyncDialog secret={syncSecret} onClose={() => setSyncing(null)} />}
    </section>
  );
}
