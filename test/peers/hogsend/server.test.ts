import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../electron/demo/peers/issuer-common/clock.js';
import { HogsendStore } from '../../../electron/demo/peers/hogsend/store.js';
import { CACHE_TTL_MS, start, type HogsendPeer } from '../../../electron/demo/peers/hogsend/server.js';

const LEGACY = 'hsk_legacy-admin-key-for-tests-000000000';
const peers: HogsendPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
async function boot(opts: Parameters<typeof start>[0] = { env: { ADMIN_API_KEY: LEGACY } }): Promise<HogsendPeer> {
  const p = await start(opts);
  peers.push(p);
  return p;
}
async function call(peer: HogsendPeer, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${peer.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, headers: res.headers };
}
async function createKey(peer: HogsendPeer, scopes: string[], extra: Record<string, unknown> = {}) {
  const r = await call(peer, 'POST', '/v1/admin/api-keys', LEGACY, { name: 'test key', scopes, ...extra });
  expect(r.status).toBe(201);
  return r.body as { id: string; key: string; keyPrefix: string };
}

describe('Hogsend reference server', () => {
  it('answers 503 when neither ADMIN_API_KEY nor any database key exists', async () => {
    const p = await boot({ env: {} });
    const r = await call(p, 'GET', '/v1/admin/contacts', 'hsk_whatever');
    expect(r.status).toBe(503);
  });
  it('refuses a legacy key shorter than 32 characters at start', async () => {
    await expect(start({ env: { ADMIN_API_KEY: 'hsk_short' } })).rejects.toThrow(/at least 32/);
  });
  it('legacy key has full access; missing, unknown or malformed tokens get 401', async () => {
    const p = await boot();
    expect((await call(p, 'GET', '/v1/admin/api-keys', LEGACY)).status).toBe(200);
    expect((await call(p, 'GET', '/v1/admin/contacts')).status).toBe(401);
    const unknown = await call(p, 'GET', '/v1/admin/contacts', 'hsk_nope-nope-nope-nope-nope-nope-nope');
    expect(unknown).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
  });
  it('creates a key once in plaintext, stores only the hash, lists the 8-char prefix', async () => {
    const p = await boot();
    const k = await createKey(p, ['read'], { expiresAt: '2027-01-01T00:00:00.000Z' });
    expect(k.key).toMatch(/^hsk_[0-9a-f]{40}$/);
    expect(k.keyPrefix).toBe(k.key.slice(0, 8));
    const stored = p.store.keys.get(k.id);
    expect(stored?.keyHash).not.toContain(k.key.slice(8));
    const list = await call(p, 'GET', '/v1/admin/api-keys', LEGACY);
    expect(JSON.stringify(list.body)).not.toContain(k.key);
    expect((list.body?.data as Array<{ id: string; expiresAt: string }>).find((x) => x.id === k.id)?.expiresAt).toBe('2027-01-01T00:00:00.000Z');
  });
  it('enforces read ⊂ journey-admin ⊂ full-admin with 403 Insufficient scope', async () => {
    const p = await boot();
    const read = await createKey(p, ['read']);
    const journey = await createKey(p, ['journey-admin']);
    expect((await call(p, 'GET', '/v1/admin/contacts', read.key)).status).toBe(200);
    expect(await call(p, 'POST', '/v1/admin/journeys/j1/enable', read.key)).toMatchObject({ status: 403, body: { error: 'Insufficient scope' } });
    expect((await call(p, 'POST', '/v1/admin/journeys/j1/enable', journey.key)).status).toBe(200);
    expect((await call(p, 'GET', '/v1/admin/metrics', journey.key)).status).toBe(200);
    expect((await call(p, 'GET', '/v1/admin/contacts/export', journey.key)).status).toBe(403);
    expect((await call(p, 'POST', '/v1/admin/api-keys', journey.key, { name: 'x', scopes: ['read'] })).status).toBe(403);
  });
  it('rejects expired keys and records lastUsedAt', async () => {
    const clock = manualClock();
    const p = await boot({ env: { ADMIN_API_KEY: LEGACY }, clock });
    const k = await createKey(p, ['read'], { expiresAt: new Date(clock.now() + 1000).toISOString() });
    expect((await call(p, 'GET', '/v1/admin/contacts', k.key)).status).toBe(200);
    expect(p.store.keys.get(k.id)?.lastUsedAt).toBe(clock.now());
    clock.advance(1000);
    expect((await call(p, 'GET', '/v1/admin/contacts', k.key)).status).toBe(401);
  });
  it('revocation is immediate on the revoking instance, and lasts up to 60 s on another one', async () => {
    const clock = manualClock();
    const store = new HogsendStore();
    const a = await boot({ env: { ADMIN_API_KEY: LEGACY }, clock, store });
    const b = await boot({ env: { ADMIN_API_KEY: LEGACY }, clock, store });
    const k = await createKey(a, ['read']);
    expect((await call(a, 'GET', '/v1/admin/contacts', k.key)).status).toBe(200);
    expect((await call(b, 'GET', '/v1/admin/contacts', k.key)).status).toBe(200);
    clock.advance(10_000);
    expect((await call(a, 'DELETE', `/v1/admin/api-keys/${k.id}`, LEGACY)).status).toBe(200);
    expect((await call(a, 'GET', '/v1/admin/contacts', k.key)).status).toBe(401);
    expect((await call(b, 'GET', '/v1/admin/contacts', k.key)).status).toBe(200);
    clock.advance(CACHE_TTL_MS - 10_000);
    expect((await call(b, 'GET', '/v1/admin/contacts', k.key)).status).toBe(401);
    const hidden = await call(a, 'GET', '/v1/admin/api-keys', LEGACY);
    expect((hidden.body?.data as Array<{ id: string }>).some((x) => x.id === k.id)).toBe(false);
    const all = await call(a, 'GET', '/v1/admin/api-keys?includeRevoked=true', LEGACY);
    expect((all.body?.data as Array<{ id: string; revokedAt: string }>).find((x) => x.id === k.id)?.revokedAt).toBeTruthy();
  });
  it('rate-limits 100 requests per key per sliding minute with Retry-After', async () => {
    const clock = manualClock();
    const p = await boot({ env: { ADMIN_API_KEY: LEGACY }, clock });
    const k = await createKey(p, ['read']);
    let last = await call(p, 'GET', '/v1/admin/metrics', k.key);
    expect(last.headers.get('x-ratelimit-remaining')).toBe('99');
    for (let i = 1; i < 100; i++) {
      clock.advance(100);
      last = await call(p, 'GET', '/v1/admin/metrics', k.key);
    }
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await call(p, 'GET', '/v1/admin/metrics', k.key);
    expect(limited).toMatchObject({ status: 429, body: { error: 'Rate limit exceeded' } });
    expect(limited.headers.get('retry-after')).toBe(String(Math.ceil((60_000 - 99 * 100) / 1000)));
    expect((await call(p, 'GET', '/v1/admin/metrics', LEGACY)).status).toBe(200);
    clock.advance(60_000 - 99 * 100);
    expect((await call(p, 'GET', '/v1/admin/metrics', k.key)).status).toBe(200);
  });
  it('validates key creation input', async () => {
    const p = await boot();
    expect((await call(p, 'POST', '/v1/admin/api-keys', LEGACY, { name: 'x', scopes: ['admin'] })).status).toBe(400);
    expect((await call(p, 'POST', '/v1/admin/api-keys', LEGACY, { scopes: ['read'] })).status).toBe(400);
    expect((await call(p, 'DELETE', '/v1/admin/api-keys/nope', LEGACY)).status).toBe(404);
  });
});
