import { describe, expect, it } from 'vitest';
import { interpretNetworkFailure, interpretResponse, type ProbeResponse } from '../../../electron/core/probes/interpret.js';

const res = (status: number, body = '', headers: Record<string, string> = {}): ProbeResponse => ({ status, body, headers });

describe('interpretResponse', () => {
  it('health wants 2xx and explains 404 and auth on the health path', () => {
    expect(interpretResponse('health', res(200)).ok).toBe(true);
    expect(interpretResponse('health', res(404)).cause).toMatch(/health path does not exist/);
    expect(interpretResponse('health', res(401)).cause).toMatch(/should be public/);
  });
  it('auth smoke: 2xx or 404 is ok; 401 with a hub body names the cause', () => {
    expect(interpretResponse('auth-smoke', res(200)).ok).toBe(true);
    expect(interpretResponse('auth-smoke', res(404, '{"error":"not found"}'))).toMatchObject({ ok: true });
    const missing = interpretResponse('auth-smoke', res(401, '{"error":"Missing Authorization header"}'));
    expect(missing).toMatchObject({ ok: false });
    expect(missing.cause).toMatch(/no Authorization header/);
    const shape = interpretResponse('auth-smoke', res(401, '{"error":"Invalid Authorization header format. Expected: Bearer <api-key>"}'));
    expect(shape.cause).toMatch(/Bearer <key>/);
    const plain = interpretResponse('auth-smoke', res(401, 'nope'));
    expect(plain.cause).toMatch(/differs/);
    expect(plain.fix).toMatch(/keyhive doctor/);
  });
  it('auth smoke: 403 bodies of Hogsend, TokenHub and HiveForge become scope explanations', () => {
    expect(interpretResponse('auth-smoke', res(403, '{ "error": "Insufficient scope" }')).cause).toMatch(/journey-admin/);
    expect(interpretResponse('auth-smoke', res(403, '{"error":"scope not allowed"}')).cause).toMatch(/lacks the scope/);
    const hf = interpretResponse('auth-smoke', res(403, '{"detail":"API key missing required scope: webhooks:write"}'));
    expect(hf.cause).toContain('`webhooks:write`');
    expect(hf.fix).toContain('`webhooks:write`');
    expect(interpretResponse('auth-smoke', res(401, '{"error":"missing or invalid api key"}')).cause).toMatch(/expired or disabled/);
  });
  it('rate limits, 503 and redirects are failures that say so', () => {
    expect(interpretResponse('auth-smoke', res(429, '{"error":"Rate limit exceeded"}', { 'retry-after': '32' })).cause).toMatch(/rate limiting/);
    expect(interpretResponse('auth-smoke', res(429, '', { 'retry-after': '32' })).cause).toMatch(/wait 32 s/);
    expect(interpretResponse('auth-smoke', res(503)).cause).toMatch(/no key configured/);
    expect(interpretResponse('auth-smoke', res(302, '', { location: 'http://elsewhere/' })).cause).toMatch(/does not follow redirects/);
  });
  it('negative control must be refused, else the server is not checking keys', () => {
    expect(interpretResponse('negative-control', res(401)).ok).toBe(true);
    expect(interpretResponse('negative-control', res(403)).ok).toBe(true);
    const open = interpretResponse('negative-control', res(200));
    expect(open.ok).toBe(false);
    expect(open.cause).toMatch(/not checking keys/);
  });
  it('header shape reports what the server insists on', () => {
    const hub = interpretResponse('header-shape', res(401, '{"error":"Invalid Authorization header format. Expected: Bearer <api-key>"}'));
    expect(hub.ok).toBe(true);
    expect(hub.detail).toMatch(/Invalid Authorization header format.*insists on `Authorization: Bearer <key>`/);
    expect(interpretResponse('header-shape', res(200)).detail).toMatch(/also accepts the raw key/);
  });
});

describe('interpretNetworkFailure', () => {
  it('gives a cause and fix for every failure kind', () => {
    for (const failure of ['refused', 'connect-timeout', 'headers-timeout', 'body-timeout', 'dns', 'reset', 'other'] as const) {
      const v = interpretNetworkFailure({ failure, where: '127.0.0.1:9' });
      expect(v.ok).toBe(false);
      expect(v.cause).toBeTruthy();
      expect(v.fix).toBeTruthy();
    }
    expect(interpretNetworkFailure({ failure: 'headers-timeout', where: 'x' }).cause).toMatch(/within 5 s/);
  });
});
