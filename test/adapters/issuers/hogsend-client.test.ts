import { afterEach, describe, expect, it } from 'vitest';
import { HogsendClient } from '../../../electron/adapters/issuers/hogsend-client.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { start, type HogsendPeer } from '../../../electron/demo/peers/hogsend/server.js';

const LEGACY = 'hsk_adapter-test-legacy-key-0000000000';
const peers: HogsendPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
async function boot(env: Record<string, string> = { ADMIN_API_KEY: LEGACY }) {
  const p = await start({ env });
  peers.push(p);
  return p;
}
async function issuerError(p: Promise<unknown>): Promise<KeyhiveError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(KeyhiveError);
  expect((e as KeyhiveError).code).toBe('ISSUER_ERROR');
  return e as KeyhiveError;
}

describe('HogsendClient against the Hogsend reference server', () => {
  it('creates, lists (with and without revoked) and revokes keys, mapped to IssuedKey', async () => {
    const p = await boot();
    const c = new HogsendClient(p.url, LEGACY);
    const { key, plaintext } = await c.create({ name: 'dashboard', scopes: ['read'], expiresAt: '2027-03-01T00:00:00.000Z' });
    expect(plaintext).toMatch(/^hsk_/);
    expect(key).toMatchObject({ system: 'hogsend', name: 'dashboard', prefix: plaintext.slice(0, 8), scopes: ['read'], expiresAt: '2027-03-01T00:00:00.000Z', revokedAt: null, enabled: true });
    expect((await c.list()).map((k) => k.id)).toEqual([key.id]);
    await c.revoke(key.id);
    expect(await c.list()).toEqual([]);
    const all = await c.list({ includeRevoked: true });
    expect(all[0]?.revokedAt).not.toBeNull();
    expect(all[0]?.enabled).toBe(false);
  });
  it('probes with the issued key and reads X-RateLimit-Remaining', async () => {
    const p = await boot();
    const c = new HogsendClient(p.url, LEGACY);
    const { plaintext } = await c.create({ name: 'x', scopes: ['read'] });
    const ok = await c.probe(plaintext, { method: 'GET', path: '/v1/admin/metrics' });
    expect(ok).toMatchObject({ status: 200, rateLimitRemaining: 99, retryAfterSeconds: null, message: null });
    const denied = await c.probe(plaintext, { method: 'POST', path: '/v1/admin/journeys/j/enable' });
    expect(denied).toMatchObject({ status: 403, message: 'Insufficient scope' });
  });
  it('maps 401, 403, 404 and 503 to ISSUER_ERROR with the fix, never echoing the credential', async () => {
    const p = await boot();
    const wrong = new HogsendClient(p.url, 'hsk_wrong-wrong-wrong-wrong-wrong-wrong');
    const e401 = await issuerError(wrong.list());
    expect(e401.message).toContain('401 Unauthorized');
    expect(e401.message + e401.fix).not.toContain('wrong-wrong');
    const admin = new HogsendClient(p.url, LEGACY);
    const { plaintext } = await admin.create({ name: 'reader', scopes: ['read'] });
    const e403 = await issuerError(new HogsendClient(p.url, plaintext).create({ name: 'y', scopes: ['read'] }));
    expect(e403.message).toContain('403 Insufficient scope');
    expect(e403.fix).toContain('full-admin');
    expect((await issuerError(admin.revoke('missing'))).message).toContain('404');
    const empty = await boot({});
    const e503 = await issuerError(new HogsendClient(empty.url, LEGACY).list());
    expect(e503.message).toContain('503');
    expect(e503.fix).toContain('ADMIN_API_KEY');
    expect(e503.message + e503.fix).not.toContain(LEGACY);
  });
  it('says so when the server cannot be reached', async () => {
    const p = await boot();
    const url = p.url;
    await p.close();
    peers.length = 0;
    const e = await issuerError(new HogsendClient(url, LEGACY).list());
    expect(e.message).toContain('could not be reached');
    expect(e.fix).toContain('url');
  });
});
