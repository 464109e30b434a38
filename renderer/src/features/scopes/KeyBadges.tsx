/** Expiry and last-used badges for an issued key, in words. */
import { useState } from 'react';
import type { IssuedKey } from '../../../../shared/domain.js';
import { useApp } from '../../stores/store-context.js';

const DAY = 86_400_000;

function ago(iso: string, now: number): string {
  const d = Math.floor((now - Date.parse(iso)) / DAY);
  return d <= 0 ? 'today' : d === 1 ? 'yesterday' : `${d} days ago`;
}

/** Counts from the store's clock, read once when shown (the badge does not tick). */
export function KeyBadges({ issued }: { issued: IssuedKey }) {
  const clock = useApp((s) => s.clock);
  const [now] = useState(() => clock().getTime());
  const expires = issued.expiresAt ? Math.ceil((Date.parse(issued.expiresAt) - now) / DAY) : null;
  const expiryTone = expires === null ? 'state-none' : expires <= 0 ? 'state-missing' : expires <= 14 ? 'state-shadowed' : 'state-in-sync';
  return (
    <ul className="key-badges" aria-label="Key facts">
      <li>
        <span className={`badge ${expiryTone}`}>
          {expires === null ? 'Never expires' : expires <= 0 ? 'Expired' : `Expires in ${expires} day${expires === 1 ? '' : 's'}`}
        </span>
      </li>
      <li>
        <span className={`badge ${issued.lastUsedAt ? 'state-none' : 'state-shadowed'}`}>
          {issued.lastUsedAt ? `Last used ${ago(issued.lastUsedAt, now)}` : 'Never used'}
        </span>
      </li>
      {issued.revokedAt && (
        <li>
          <span className="badge state-missing">Revoked</span>
        </li>
      )}
      {!issued.enabled && (
        <li>
          <span className="badge state-missing">Disabled</span>
        </li>
      )}
      <li>
        <code className="key-prefix" aria-label="Key prefix">
          {issued.prefix}…
        </code>
      </li>
    </ul>
  );
}
