import { describe, expect, it } from 'vitest';
import { keyDebt } from '../../../electron/core/issuers/key-debt.js';
import type { IssuedKey } from '../../../shared/domain.js';

// A fixed clock far from today: nothing here depends on the real date.
const NOW = Date.parse('2031-06-15T12:00:00.000Z');
const DAY = 86_400_000;
const key = (over: Partial<IssuedKey>): IssuedKey => ({
  id: 'k',
  system: 'tokenhub',
  name: 'Chat consumer',
  prefix: 'tokenhub_ab',
  scopes: ['chat'],
  createdAt: new Date(NOW - 10 * DAY).toISOString(),
  expiresAt: null,
  lastUsedAt: new Date(NOW - DAY).toISOString(),
  revokedAt: null,
  enabled: true,
  ...over,
});
const at = (days: number) => new Date(NOW + days * DAY).toISOString();

describe('keyDebt', () => {
  it.each([
    [0.5, 1],
    [1, 1],
    [5, 7],
    [7, 7],
    [20, 30],
    [30, 30],
  ])('a key expiring in %s days falls within %s', (days, bucket) => {
    const d = keyDebt({ system: 'tokenhub', key: key({ expiresAt: at(days) }), secret: 's', endpoints: [], now: NOW });
    expect(d).toEqual([expect.objectContaining({ code: 'expiring-soon', action: 'rotate', withinDays: bucket })]);
  });

  it('says nothing of a key expiring in 31 days, and calls an expired one expired', () => {
    expect(keyDebt({ system: 'tokenhub', key: key({ expiresAt: at(31) }), secret: 's', endpoints: [], now: NOW })).toEqual([]);
    expect(keyDebt({ system: 'tokenhub', key: key({ expiresAt: at(-1) }), secret: 's', endpoints: [], now: NOW }).map((d) => d.code)).toEqual(['expired']);
  });

  it('maps each problem to its fix: narrow, revoke, rotate', () => {
    const broad = keyDebt({ system: 'hogsend', key: key({ system: 'hogsend', scopes: ['journey-admin'] }), secret: 'mon', endpoints: ['GET /v1/admin/contacts'], now: NOW });
    expect(broad.map((d) => [d.code, d.action])).toEqual([['broader-than-needed', 'narrow']]);
    const unused = keyDebt({ system: 'tokenhub', key: key({ lastUsedAt: null, createdAt: new Date(NOW - 100 * DAY).toISOString() }), secret: null, endpoints: [], now: NOW });
    expect(unused.map((d) => [d.code, d.action])).toEqual([['unused', 'revoke']]);
    expect(unused[0]!.message).toContain('key "Chat consumer"');
    const overdue = keyDebt({ system: 'tokenhub', key: key({ rotationDays: 30, lastRotatedAt: new Date(NOW - 40 * DAY).toISOString() }), secret: 's', endpoints: [], now: NOW });
    expect(overdue.map((d) => [d.code, d.action])).toEqual([['rotation-overdue', 'rotate']]);
    const live = keyDebt({ system: 'hiveforge', key: key({ system: 'hiveforge', prefix: 'hf_live_ab' }), secret: 's', endpoints: [], now: NOW });
    expect(live.map((d) => [d.code, d.action])).toEqual([['live-key-in-local-workspace', 'rotate']]);
  });

  it('has nothing to say about a revoked key', () => {
    expect(keyDebt({ system: 'tokenhub', key: key({ revokedAt: at(-1), expiresAt: at(2) }), secret: 's', endpoints: [], now: NOW })).toEqual([]);
  });
});
