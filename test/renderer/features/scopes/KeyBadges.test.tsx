import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KeyBadges } from '../../../../renderer/src/features/scopes/KeyBadges.js';
import { hogsendKey } from '../../fixtures.js';

const NOW = Date.parse('2026-11-25T00:00:00.000Z');

describe('KeyBadges', () => {
  it('counts days to expiry and days since last use', () => {
    render(<KeyBadges issued={{ ...hogsendKey, expiresAt: '2026-12-05T00:00:00.000Z', lastUsedAt: '2026-11-22T00:00:00.000Z' }} now={NOW} />);
    const facts = screen.getByRole('list', { name: 'Key facts' });
    expect(facts).toHaveTextContent('Expires in 10 days');
    expect(facts).toHaveTextContent('Last used 3 days ago');
    expect(screen.getByText('Expires in 10 days')).toHaveClass('state-shadowed');
  });

  it('says expired, never used, revoked and disabled in words', () => {
    render(<KeyBadges issued={{ ...hogsendKey, expiresAt: '2026-11-01T00:00:00.000Z', lastUsedAt: null, revokedAt: '2026-11-02T00:00:00.000Z', enabled: false }} now={NOW} />);
    for (const word of ['Expired', 'Never used', 'Revoked', 'Disabled']) expect(screen.getByText(word)).toBeInTheDocument();
  });

  it('says a key without expiry never expires', () => {
    render(<KeyBadges issued={{ ...hogsendKey, expiresAt: null, lastUsedAt: '2026-11-24T12:00:00.000Z' }} now={NOW} />);
    expect(screen.getByText('Never expires')).toBeInTheDocument();
    expect(screen.getByText('Last used today')).toBeInTheDocument();
  });
});
