import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../electron/demo/peers/issuer-common/clock.js';
import { callPeer } from '../../../electron/demo/peers/issuer-common/call.js';
import { CACHE_TTL_MS, start, type TokenHubPeer } from '../../../electron/demo/peers/tokenhub/server.js';

const ADMIN = 'tokenhub-admin-token-for-tests';
const peers: TokenHubPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
async function boot(env: Record<string, string> = { TOKENHUB_ADMIN_TOKEN: ADMIN }) {
  const clock = manualClock();
  const p = await start({ env, clock });
  peers.push(p);
  return p;
}
const admin = (p: TokenHubPeer, method: string, path: string, body?: unknown) => callPeer(p.url, method, path, ADMIN, body);
async function create(p: TokenHubPeer, body: Record<string, unknown>) {
  const r = await admin(p, 'POST', '/admin/v1/keys', { name: 'k', ...body });
  expect(r.status).toBe(201);
  return r.body as { id: string; api_key: string; prefix: string };
}
const chat = (p: TokenHubPeer, key?: string) => callPeer(p.url, 'POST', '/v1/chat', key, { request: { messages: [] } });
const plan = (p: TokenHubPeer, key?: string) => callPeer(p.url, 'POST', '/v1/plan', key, {});
const INVALID = { error: 'missing or invalid api key' };

describe('TokenHub reference server', () => {
  it('issues tokenhub_<64 hex> keys shown once; lists show only the prefix', async () => {
    const p = await boot();
    const k = await create(p, { scopes: ['chat'] });
    expect(k.api_key).toMatch(/^tokenhub_[0-9a-f]{64}$/);
    expect(k.prefix).toBe(k.api_key.slice(0, 17));
    expect(p.store.keys.get(k.id)?.hash).toMatch(/^\$2[aby]\$04\$/);
    const list = await admin(p, 'GET', '/admin/v1/keys');
    expect(JSON.stringify(list.body)).not.toContain(k.api_key);
  });
  it('401 for missing, malformed, wrong; 403 scope not allowed; empty scopes allow all', async () => {
    const p = await boot();
    const chatOnly = await create(p, { scopes: ['chat'] });
    const all = await create(p, { scopes: [] });
    expect(await chat(p)).toMatchObject({ status: 401, body: INVALID });
    expect(await chat(p, 'tokenhub_short')).toMatchObject({ status: 401, body: INVALID });
    expect(await chat(p, `tokenhub_${'0'.repeat(64)}`)).toMatchObject({ status: 401, body: INVALID });
    expect((await chat(p, chatOnly.api_key)).status).toBe(200);
    expect(await plan(p, chatOnly.api_key)).toMatchObject({ status: 403, body: { error: 'scope not allowed' } });
    expect((await plan(p, all.api_key)).status).toBe(200);
    expect((await chat(p, all.api_key)).status).toBe(200);
  });
  it('expired keys get 401 at once, even when cached', async () => {
    const p = await boot();
    const k = await create(p, { expires_at: new Date(p.clock.now() + 60_000).toISOString() });
    expect((await chat(p, k.api_key)).status).toBe(200);
    p.clock.advance(60_000);
    expect(await chat(p, k.api_key)).toMatchObject({ status: 401, body: INVALID });
  });
  it('a disabled key keeps working until its 5-minute cache entry expires; a fresh one is refused at once', async () => {
    const p = await boot();
    const cached = await create(p, {});
    const uncached = await create(p, {});
    expect((await chat(p, cached.api_key)).status).toBe(200);
    for (const k of [cached, uncached]) expect((await admin(p, 'PATCH', `/admin/v1/keys/${k.id}`, { enabled: false })).status).toBe(200);
    expect(await chat(p, uncached.api_key)).toMatchObject({ status: 401, body: INVALID });
    p.clock.advance(CACHE_TTL_MS - 1);
    expect((await chat(p, cached.api_key)).status).toBe(200);
    p.clock.advance(1);
    expect(await chat(p, cached.api_key)).toMatchObject({ status: 401, body: INVALID });
    await admin(p, 'PATCH', `/admin/v1/keys/${cached.id}`, { enabled: true });
    expect((await chat(p, cached.api_key)).status).toBe(200);
  });
  it('rotation returns a new plaintext once; the old one works only while cached', async () => {
    const p = await boot();
    const k = await create(p, { scopes: ['plan'], rotation_days: 30 });
    expect((await plan(p, k.api_key)).status).toBe(200);
    const r = await admin(p, 'POST', `/admin/v1/keys/${k.id}/rotate`);
    const fresh = r.body as { id: string; api_key: string; last_rotated_at: string; rotation_days: number };
    expect(fresh).toMatchObject({ id: k.id, rotation_days: 30 });
    expect(fresh.api_key).not.toBe(k.api_key);
    expect((await plan(p, fresh.api_key)).status).toBe(200);
    expect((await plan(p, k.api_key)).status).toBe(200);
    p.clock.advance(CACHE_TTL_MS);
    expect((await plan(p, k.api_key)).status).toBe(401);
    expect((await plan(p, fresh.api_key)).status).toBe(200);
  });
  it('takes created_at (back-dating a key) only when started with TOKENHUB_DEMO_BACKDATE=1, the bundled demo', async () => {
    const strict = await boot();
    const k = await create(strict, { rotation_days: 30 });
    expect(await admin(strict, 'PATCH', `/admin/v1/keys/${k.id}`, { created_at: '2026-01-01T00:00:00.000Z' })).toMatchObject({ status: 400, body: { error: 'created_at is set by TokenHub' } });
    expect(await admin(strict, 'POST', '/admin/v1/keys', { name: 'x', created_at: '2026-01-01T00:00:00.000Z' })).toMatchObject({ status: 400 });
    const demo = await boot({ TOKENHUB_ADMIN_TOKEN: ADMIN, TOKENHUB_DEMO_BACKDATE: '1' });
    const d = await create(demo, {});
    const created = new Date(demo.clock.now() - 45 * 86_400_000).toISOString();
    expect((await admin(demo, 'PATCH', `/admin/v1/keys/${d.id}`, { rotation_days: 30, created_at: created })).body).toMatchObject({ created_at: created, rotation_days: 30, last_rotated_at: null });
    expect(await admin(demo, 'PATCH', `/admin/v1/keys/${d.id}`, { created_at: 'yesterday' })).toMatchObject({ status: 400 });
  });
  it('revokes, hides revoked keys from lists, and validates input', async () => {
    const p = await boot();
    const k = await create(p, {});
    expect((await admin(p, 'DELETE', `/admin/v1/keys/${k.id}`)).body?.revoked_at).toBeTruthy();
    expect(await chat(p, k.api_key)).toMatchObject({ status: 401 });
    expect(((await admin(p, 'GET', '/admin/v1/keys')).body?.keys as unknown[]).length).toBe(0);
    expect(((await admin(p, 'GET', '/admin/v1/keys?include_revoked=true')).body?.keys as unknown[]).length).toBe(1);
    expect(await admin(p, 'POST', '/admin/v1/keys', { name: 'x', scopes: ['admin'] })).toMatchObject({ status: 400, body: { error: expect.stringContaining('unknown scope: admin') } });
    expect((await admin(p, 'PATCH', '/admin/v1/keys/none', { enabled: true })).status).toBe(404);
  });
  it('guards the admin API with the admin token, and is off without one', async () => {
    const p = await boot();
    expect(await callPeer(p.url, 'GET', '/admin/v1/keys', 'wrong')).toMatchObject({ status: 401, body: { error: 'invalid admin token' } });
    const off = await boot({});
    expect((await callPeer(off.url, 'GET', '/admin/v1/keys', ADMIN)).status).toBe(503);
  });
});
