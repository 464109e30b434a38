import { describe, expect, it } from 'vitest';
import { keyWarnings, type KeyWarningInput } from '../../../electron/core/issuers/warnings.js';
import type { IssuedKey } from '../../../shared/domain.js';

const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;
const key = (over: Partial<IssuedKey> = {}): IssuedKey => ({
  id: 'k1',
  system: 'hogsend',
  name: 'n',
  prefix: 'hsk_ab12',
  scopes: ['read'],
  createdAt: new Date(NOW - 10 * DAY).toISOString(),
  expiresAt: null,
  lastUsedAt: new Date(NOW - DAY).toISOString(),
  revokedAt: null,
  enabled: true,
  ...over,
});
const run = (over: Partial<KeyWarningInput>) => keyWarnings({ secret: 'S', system: 'hogsend', key: key(), scopes: ['read'], endpoints: [], now: NOW, ...over });
const codes = (over: Partial<KeyWarningInput>) => run(over).map((w) => w.code);

describe('keyWarnings', () => {
  it('says nothing for a fresh, right-sized key', () => {
    expect(run({ endpoints: ['GET /v1/admin/contacts'] })).toEqual([]);
  });
  it('warns about a live HiveForge key in a local workspace, from the listed prefix or the value', () => {
    const w = run({ system: 'hiveforge', key: key({ system: 'hiveforge', prefix: 'hf_live_ab12' }), scopes: ['read'] });
    expect(w[0]).toMatchObject({ code: 'live-key-in-local-workspace' });
    expect(w[0]?.fix).toContain('hf_test_');
    expect(codes({ system: 'hiveforge', key: null, valuePrefix: 'hf_live_', scopes: ['read'] })).toEqual(['live-key-in-local-workspace']);
    expect(codes({ system: 'hiveforge', key: key({ system: 'hiveforge', prefix: 'hf_test_ab12' }), scopes: ['read'] })).toEqual([]);
  });
  it('names the excess scopes of a key broader than least privilege', () => {
    const [w] = run({ scopes: ['full-admin'], endpoints: ['GET /v1/admin/contacts'] });
    expect(w?.code).toBe('broader-than-needed');
    expect(w?.message).toContain('journey-admin, full-admin are not needed');
    expect(w?.fix).toContain('[read]');
    const [t] = run({ system: 'tokenhub', key: null, scopes: [], endpoints: ['POST /v1/chat'] });
    expect(t?.message).toContain('plan is not needed');
    expect(t?.fix).toContain('empty TokenHub scope list');
  });
  it('warns 14 days before expiry and after it', () => {
    expect(codes({ key: key({ expiresAt: new Date(NOW + 15 * DAY).toISOString() }) })).toEqual([]);
    const [soon] = run({ key: key({ expiresAt: new Date(NOW + 14 * DAY).toISOString() }) });
    expect(soon?.message).toContain('expires in 14 days');
    expect(codes({ key: key({ expiresAt: new Date(NOW - 1).toISOString() }) })).toEqual(['expired']);
  });
  it('warns when past the rotation schedule, counting from the last rotation', () => {
    const created = new Date(NOW - 40 * DAY).toISOString();
    expect(codes({ key: key({ createdAt: created, rotationDays: 30 }) })).toEqual(['rotation-overdue']);
    expect(codes({ key: key({ createdAt: created, rotationDays: 30, lastRotatedAt: new Date(NOW - 5 * DAY).toISOString() }) })).toEqual([]);
  });
  it('warns about keys unused for 90 days (or never used since creation long ago)', () => {
    expect(codes({ key: key({ lastUsedAt: new Date(NOW - 90 * DAY).toISOString() }) })).toEqual(['unused']);
    expect(codes({ key: key({ lastUsedAt: new Date(NOW - 89 * DAY).toISOString() }) })).toEqual([]);
    const [never] = run({ key: key({ lastUsedAt: null, createdAt: new Date(NOW - 100 * DAY).toISOString() }) });
    expect(never?.message).toContain('never used');
  });
});
