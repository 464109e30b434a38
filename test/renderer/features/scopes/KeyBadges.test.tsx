import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../shared/clock.js';
import { KeyBadges } from '../../../../renderer/src/features/scopes/KeyBadges.js';
import { createAppStore } from '../../../../renderer/src/stores/app-store.js';
import type { IssuedKey } from '../../../../shared/domain.js';
import { FakeApi } from '../../fake-api.js';
import { hogsendKey } from '../../fixtures.js';
import { renderWithApi } from '../../render-app.js';

const NOW = '2026-11-25T00:00:00.000Z';

/** The badges count from the store's clock, never the wall clock. */
function show(issued: IssuedKey, now = NOW) {
  const api = new FakeApi();
  return renderWithApi(<KeyBadges issued={issued} />, { api, store: createAppStore(api, { clock: fixedClock(now) }) });
}

describe('KeyBadges', () => {
  it('counts days to expiry and days since last use', () => {
    show({ ...hogsendKey, expiresAt: '2026-12-05T00:00:00.000Z', lastUsedAt: '2026-11-22T00:00:00.000Z' });
    const facts = screen.getByRole('list', { name: 'Key facts' });
    expect(facts).toHaveTextContent('Expires in 10 days');
    expect(facts).toHaveTextContent('Last used 3 days ago');
    expect(screen.getByText('Expires in 10 days')).toHaveClass('state-shadowed');
  });

  it('says "1 day" on the eve of expiry and "Expired" from the day itself', () => {
    const key = { ...hogsendKey, expiresAt: '2026-12-01T00:00:00.000Z' };
    const { unmount } = show(key, '2026-11-30T12:00:00.000Z');
    expect(screen.getByText('Expires in 1 day')).toHaveClass('state-shadowed');
    unmount();
    show(key, '2026-12-01T00:00:00.000Z');
    expect(screen.getByText('Expired')).toHaveClass('state-missing');
  });

  it('says expired, never used, revoked and disabled in words', () => {
    show({ ...hogsendKey, expiresAt: '2026-11-01T00:00:00.000Z', lastUsedAt: null, revokedAt: '2026-11-02T00:00:00.000Z', enabled: false });
    for (const word of ['Expired', 'Never used', 'Revoked', 'Disabled']) expect(screen.getByText(word)).toBeInTheDocument();
  });

  it('says a key without expiry never expires', () => {
    show({ ...hogsendKey, expiresAt: null, lastUsedAt: '2026-11-24T12:00:00.000Z' });
    expect(screen.getByText('Never expires')).toBeInTheDocument();
    expect(screen.getByText('Last used today')).toBeInTheDocument();
  });
});
