import { describe, expect, it } from 'vitest';
import { orderByCause } from '../../../electron/core/doctor/cause-order.js';
import { checkIssuedKey, matchByPrefix, type IssuedKeyFacts } from '../../../electron/core/doctor/issued-key-rules.js';
import type { IssuedKey } from '../../../shared/domain.js';

const T = Date.parse('2031-03-03T12:00:00Z'); // any date: the rules read only `now`
const key = (over: Partial<IssuedKey> = {}): IssuedKey => ({ id: 'k1', system: 'hogsend', name: 'dash', prefix: 'hsk_abcd', scopes: ['read'], createdAt: null, expiresAt: null, lastUsedAt: null, revokedAt: null, enabled: true, ...over });
const facts = (over: Partial<IssuedKeyFacts> = {}): IssuedKeyFacts => ({
  secret: 'S',
  system: 'hogsend',
  issuerName: 'hog',
  issuerUrl: 'http://localhost:3002',
  value: { fingerprint: 'ab12cd34', format: { ok: true }, placeholder: false, environment: null },
  targetEnvironment: null,
  lookup: { kind: 'found', key: key() },
  smoke: null,
  endpoints: ['GET /v1/admin/contacts'],
  cacheMs: 60_000,
  now: T,
  ...over,
});

describe('checkIssuedKey', () => {
  it('revoked inside the window is the cache window, after it is revoked — judged by the injected clock', () => {
    const k = key({ revokedAt: new Date(T - 30_000).toISOString() });
    expect(checkIssuedKey(facts({ lookup: { kind: 'found', key: k } })).find((f) => f.severity === 'error')).toMatchObject({ cause: 'cache-window', why: expect.stringContaining('until 2031-03-03T12:00:30Z') });
    expect(checkIssuedKey(facts({ lookup: { kind: 'found', key: k }, now: T + 31_000 })).find((f) => f.severity === 'error')?.cause).toBe('revoked');
  });

  it('expiry is judged against now, not against the machine date', () => {
    const k = key({ expiresAt: new Date(T + 1000).toISOString() });
    expect(checkIssuedKey(facts({ lookup: { kind: 'found', key: k } })).some((f) => f.cause === 'expired')).toBe(false);
    expect(checkIssuedKey(facts({ lookup: { kind: 'found', key: k }, now: T + 1000 })).some((f) => f.cause === 'expired')).toBe(true);
  });

  it('a scope the endpoint needs and the key lacks: least-privilege fix', () => {
    const f = checkIssuedKey(facts({ endpoints: ['POST /v1/admin/contacts/import'] }));
    expect(f.find((x) => x.cause === 'missing-scope')?.fix).toContain('--scopes full-admin');
  });

  it('a 429 says how long to wait (from the injected clock) and a placeholder comes before the rest', () => {
    const smoke = { secret: 'S', kind: 'auth-smoke' as const, method: 'GET', url: 'http://localhost:3002/v1/admin/contacts', ok: false, status: 429, latencyMs: 1, retryAfterSeconds: 32 };
    const f = orderByCause(checkIssuedKey(facts({ smoke, value: { fingerprint: 'x', format: { ok: true }, placeholder: true, environment: null } })));
    expect(f.map((x) => x.cause).filter(Boolean)).toEqual(['placeholder', 'rate-limited']);
    expect(f[1]!.fix).toContain('Wait 32 s (until 2031-03-03T12:00:32Z)');
  });
});

describe('matchByPrefix', () => {
  it('matches by the stored prefix; an active key wins over a revoked one', () => {
    const keys = [key({ id: 'old', revokedAt: '2031-01-01T00:00:00Z' }), key({ id: 'new' }), key({ id: 'other', prefix: 'hsk_zzzz' })];
    expect(matchByPrefix(keys, 'hsk_abcdEFGH').map((k) => k.id)).toEqual(['new', 'old']);
    expect(matchByPrefix(keys, 'hsk_nope')).toEqual([]);
  });
});
