/** Choose where the right value comes from (keychain or one service), then write it everywhere. */
import { useState } from 'react';
import type { SecretStatus } from '../../../../shared/domain.js';
import { Dialog } from '../../components/Dialog.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { ProgressSteps } from '../../components/ProgressSteps.js';
import { StateBadge } from '../../components/StateBadge.js';
import { useApp, useAppStore } from '../../stores/store-context.js';

function defaultSource(secret: SecretStatus): string {
  if (secret.keychainFingerprint) return 'keychain';
  const server = secret.bindings.find((b) => b.role === 'server' && b.fingerprint) ?? secret.bindings.find((b) => b.fingerprint);
  return server ? `service:${server.service}` : 'keychain';
}

export function SyncDialog({ secret, onClose }: { secret: SecretStatus; onClose(): void }) {
  const sync = useApp((s) => s.sync);
  const busy = useApp((s) => s.busy === `sync:${secret.name}`);
  const store = useAppStore();
  const [since, setSince] = useState<number | null>(null);
  const op = useApp((s) => (since === null ? null : s.latestOperationFor(secret.name, ['sync', 'restart'], since)));
  const [source, setSource] = useState(() => defaultSource(secret));
  const [restart, setRestart] = useState(true);
  const services = [...new Map(secret.bindings.map((b) => [b.service, b])).values()];
  const run = async () => {
    const from = source === 'keychain' ? ('keychain' as const) : { service: source.slice('service:'.length) };
    setSince(store.getState().operationOrder.length);
    const r = await sync(secret.name, from, restart);
    if (r) onClose();
  };
  const sourceLabel = source === 'keychain' ? 'keychain' : source.slice('service:'.length);
  return (
    <Dialog title={`Sync ${secret.name}`} onClose={onClose}>
      <fieldset className="choices" disabled={busy}>
        <legend>Take the right value from</legend>
        <label className="choice">
          <input type="radio" name="sync-source" value="keychain" checked={source === 'keychain'} onChange={() => setSource('keychain')} disabled={!secret.keychainFingerprint} />
          <span className="choice-name">Keychain</span>
          <Fingerprint value={secret.keychainFingerprint} label="keychain fingerprint" />
          {!secret.keychainFingerprint && <span className="muted">no entry yet</span>}
        </label>
        {services.map((b) => (
          <label key={b.service} className="choice">
            <input
              type="radio"
              name="sync-source"
              value={`service:${b.service}`}
              checked={source === `service:${b.service}`}
              onChange={() => setSource(`service:${b.service}`)}
              disabled={!b.fingerprint}
            />
            <span className="choice-name">
              {b.service} <span className="muted">({b.var})</span>
            </span>
            <Fingerprint value={b.fingerprint} label={`${b.service} fingerprint`} />
            <StateBadge state={b.state} />
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={restart} onChange={(e) => setRestart(e.target.checked)} disabled={busy} />
        Recreate / restart the services so the new value is live
      </label>
      <div className="progress-slot">{op && <ProgressSteps op={op} title="Sync progress" />}</div>
      <footer className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => void run()} disabled={busy} aria-busy={busy}>
          {busy ? 'Syncing…' : `Sync from ${sourceLabel}`}
        </button>
      </footer>
    </Dialog>
  );
}
