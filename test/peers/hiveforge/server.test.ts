import { afterEach, describe, expect, it } from 'vitest';
import { callPeer } from '../../../electron/demo/peers/issuer-common/call.js';
import { start, type HiveForgePeer } from '../../../electron/demo/peers/hiveforge/server.js';

const peers: HiveForgePeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
async function boot(env: Record<string, string> = {}) {
  const p = await start({ env: { HIVEFORGE_JWT_SECRET: 'test-secret', ...env } });
  peers.push(p);
  const owner = p.jwtFor(p.store.addUser({ email: 'o@x.test', orgId: 'org-1', role: 'owner' }));
  const member = p.jwtFor(p.store.addUser({ email: 'm@x.test', orgId: 'org-1', role: 'member' }));
  const orphan = p.jwtFor(p.store.addUser({ email: 'n@x.test', orgId: null, role: 'owner' }));
  return { p, owner, member, orphan };
}
async function createKey(p: HiveForgePeer, jwt: string, scopes: unknown) {
  return callPeer(p.url, 'POST', '/api/v1/api-keys', jwt, { name: 'CI key', scopes, expires_at: '2027-01-01T00:00:00Z' });
}

describe('HiveForge reference server', () => {
  it('issues hf_test_ keys in a sandbox and hf_live_ keys in production, shown once', async () => {
    const { p, owner } = await boot();
    const r = await createKey(p, owner, ['read']);
    expect(r.status).toBe(201);
    expect(r.body?.key).toMatch(/^hf_test_[0-9a-f]{48}$/);
    expect(r.body?.key_prefix).toBe(String(r.body?.key).slice(0, 12));
    const list = await callPeer(p.url, 'GET', '/api/v1/api-keys', owner);
    expect(JSON.stringify(list.body)).not.toContain(String(r.body?.key));
    const prod = await boot({ HIVEFORGE_ENVIRONMENT: 'production' });
    expect((await createKey(prod.p, prod.owner, ['read'])).body?.key).toMatch(/^hf_live_/);
  });
  it('answers each documented error with its detail', async () => {
    const { p, owner, member, orphan } = await boot();
    expect(await createKey(p, owner, ['read', 'bogus', 'chat:delete'])).toMatchObject({ status: 400, body: { detail: 'Invalid scopes: bogus, chat:delete' } });
    expect(await createKey(p, orphan, ['read'])).toMatchObject({ status: 400, body: { detail: 'User must belong to an organization' } });
    expect(await callPeer(p.url, 'GET', '/api/v1/organizations')).toMatchObject({ status: 401, body: { detail: 'Authentication required (JWT or API key)' } });
    expect(await callPeer(p.url, 'GET', '/api/v1/organizations', 'not-a-jwt')).toMatchObject({ status: 401 });
    expect(await createKey(p, member, ['read'])).toMatchObject({ status: 403, body: { detail: 'Admin or owner access required to create API keys' } });
    const key = String((await createKey(p, owner, ['chat'])).body?.key);
    expect(await callPeer(p.url, 'GET', '/api/v1/webhooks', key)).toMatchObject({ status: 403, body: { detail: 'API key missing required scope: webhooks:read' } });
  });
  it('applies the scope hierarchy: basic, feature parents, admin', async () => {
    const { p, owner } = await boot();
    const keyOf = async (scopes: string[]) => String((await createKey(p, owner, scopes)).body?.key);
    const write = await keyOf(['write']);
    expect((await callPeer(p.url, 'GET', '/api/v1/deployments', write)).status).toBe(200);
    expect((await callPeer(p.url, 'POST', '/api/v1/deployments', write, {})).status).toBe(201);
    expect((await callPeer(p.url, 'DELETE', '/api/v1/deployments/d1', write)).body?.detail).toBe('API key missing required scope: deployments:delete');
    const hooks = await keyOf(['webhooks']);
    expect((await callPeer(p.url, 'DELETE', '/api/v1/webhooks/w1', hooks)).status).toBe(204);
    expect((await callPeer(p.url, 'GET', '/api/v1/audit-logs', hooks)).status).toBe(403);
    const chat = await keyOf(['chat']);
    expect((await callPeer(p.url, 'DELETE', '/api/v1/chat/conversations/c1', chat)).body?.detail).toBe('API key missing required scope: delete');
    const admin = await keyOf(['admin']);
    expect((await callPeer(p.url, 'PATCH', '/api/v1/billing', admin, {})).status).toBe(200);
    expect((await callPeer(p.url, 'POST', '/api/v1/api-keys', admin, { name: 'k', scopes: ['read'] })).status).toBe(201);
  });
  it('updates scopes with PATCH and revokes with DELETE', async () => {
    const { p, owner } = await boot();
    const created = (await createKey(p, owner, ['read'])).body as { id: string; key: string };
    expect((await callPeer(p.url, 'POST', '/api/v1/webhooks', created.key, {})).status).toBe(403);
    const patched = await callPeer(p.url, 'PATCH', `/api/v1/api-keys/${created.id}`, owner, { scopes: ['read', 'webhooks:write'] });
    expect(patched.body?.scopes).toEqual(['read', 'webhooks:write']);
    expect((await callPeer(p.url, 'POST', '/api/v1/webhooks', created.key, {})).status).toBe(201);
    expect((await callPeer(p.url, 'DELETE', `/api/v1/api-keys/${created.id}`, owner)).status).toBe(204);
    expect((await callPeer(p.url, 'GET', '/api/v1/organizations', created.key)).status).toBe(401);
    const all = await callPeer(p.url, 'GET', '/api/v1/api-keys?include_revoked=true', owner);
    expect((all.body?.api_keys as Array<{ is_active: boolean }>)[0]?.is_active).toBe(false);
    expect(((await callPeer(p.url, 'GET', '/api/v1/api-keys', owner)).body?.api_keys as unknown[]).length).toBe(0);
  });
});
