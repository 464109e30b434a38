import { describe, expect, it } from 'vitest';
import { isAccepted, isRefused, rotatedKeyName } from '../../../electron/core/issuers/rotation-context.js';
import type { KeyProbeAnswer } from '../../../electron/core/issuers/issuer-client.js';

const a = (status: number | null): KeyProbeAnswer => ({ method: 'GET', url: 'u', status, rateLimitRemaining: null, retryAfterSeconds: null, message: null, latencyMs: 1 });

describe('rotation context helpers', () => {
  it('a revoked key must get 401; acceptance means authenticated and authorised', () => {
    expect(isRefused(a(401))).toBe(true);
    expect(isRefused(a(403))).toBe(false);
    expect([200, 201, 204, 404].map((s) => isAccepted(a(s)))).toEqual([true, true, true, true]);
    expect([401, 403, 429, 500, null].map((s) => isAccepted(a(s)))).toEqual([false, false, false, false, false]);
  });
  it('names the new key uniquely per operation without piling up suffixes', () => {
    const first = rotatedKeyName('CI Pipeline', 'S', 'op-1');
    expect(first).toBe('CI Pipeline · keyhive rotation op-1');
    expect(rotatedKeyName(first, 'S', 'op-2')).toBe('CI Pipeline · keyhive rotation op-2');
    expect(rotatedKeyName(null, 'HOGSEND_KEY', 'op-3')).toBe('HOGSEND_KEY · keyhive rotation op-3');
  });
});
