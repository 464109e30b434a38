/**
 * Expiry and rotation debt at a glance: keys expiring within 30 / 7 / 1 days, past their rotation
 * schedule, unused for 90 days, broader than least privilege, live HiveForge keys in a local
 * workspace — each with its fix (rotate, narrow, revoke) one click away in the Keys view.
 */
import type { KeyDebt } from '../../../../shared/keys.js';
import { useApp } from '../../stores/store-context.js';
import { useKeysOverview } from '../keys/useKeysOverview.js';

const ACTION_LABEL: Record<KeyDebt['action'], string> = { rotate: 'Rotate', narrow: 'Narrow', revoke: 'Revoke' };

function countWithin(debt: KeyDebt[], days: number): number {
  return debt.filter((d) => d.code === 'expiring-soon' && (d.withinDays ?? 99) <= days).length;
}

export function KeyDebtPanel() {
  const { overview } = useKeysOverview();
  const navigate = useApp((s) => s.navigate);
  if (!overview || overview.issuers.length === 0) return null;
  const { debt } = overview;
  const keys = overview.issuers.reduce((n, i) => n + i.keys.filter((k) => k.state !== 'revoked').length, 0);
  return (
    <section className="key-debt" aria-labelledby="key-debt-title">
      <h2 id="key-debt-title">Issued keys</h2>
      <p className="muted" role="status" aria-label="Key debt summary">
        {keys} keys across {overview.issuers.map((i) => i.issuer).join(', ')} · expiring within 30 days: {countWithin(debt, 30)} · within 7: {countWithin(debt, 7)} · within 1:{' '}
        {countWithin(debt, 1)} · past their rotation schedule: {debt.filter((d) => d.code === 'rotation-overdue').length} · other warnings:{' '}
        {debt.filter((d) => d.code !== 'expiring-soon' && d.code !== 'rotation-overdue').length}
      </p>
      {debt.length > 0 && (
        <ul>
          {debt.map((d) => (
            <li key={`${d.keyId}:${d.code}`} data-code={d.code}>
              {d.message} — <em>{d.fix}</em>{' '}
              <button type="button" className="button button-ghost" onClick={() => navigate('keys')}>
                {ACTION_LABEL[d.action]}…
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
