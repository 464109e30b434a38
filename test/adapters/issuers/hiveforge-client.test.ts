import { afterEach, describe, expect, it } from 'vitest';
import { HiveForgeClient } from '../../../electron/adapters/issuers/hiveforge-client.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { start, type HiveForgePeer } from '../../../electron/demo/peers/hiveforge/server.js';

const peers: HiveForgePeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
async function boot(env: Record<string, string> = {}) {
  const p = await start({ env: { HIVEFORGE_JWT_SECRET: 'adapter-secret', ...env } });
  peers.push(p);
  return p;
}
const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as KeyhiveError);

describe('HiveForgeClient against the HiveForge reference server', () => {
  it('creates with a JWT, updates scopes in place, revokes', async () => {
    const p = await boot();
    const jwt = p.jwtFor(p.store.addUser({ email: 'a@x.test', orgId: 'org', role: 'admin' }));
    const c = new HiveForgeClient(p.url, jwt);
    const { key, plaintext } = await c.create({ name: 'ci', scopes: ['read', 'deployments'], expiresAt: '2027-01-01T00:00:00Z' });
    expect(plaintext).toMatch(/^hf_test_/);
    expect(key).toMatchObject({ system: 'hiveforge', prefix: plaintext.slice(0, 12), scopes: ['read', 'deployments'], enabled: true });
    expect((await c.probe(plaintext, { method: 'POST', path: '/api/v1/webhooks' })).message).toBe('API key missing required scope: webhooks:write');
    expect((await c.updateScopes(key.id, ['webhooks'])).scopes).toEqual(['webhooks']);
    expect((await c.probe(plaintext, { method: 'POST', path: '/api/v1/webhooks' })).status).toBe(201);
    await c.revoke(key.id);
    expect((await c.probe(plaintext, { method: 'GET', path: '/api/v1/webhooks' })).message).toBe('Authentication required (JWT or API key)');
    expect((await c.list({ includeRevoked: true }))[0]?.enabled).toBe(false);
  });
  it('issues hf_live_ keys on a production server', async () => {
    const p = await boot({ HIVEFORGE_ENVIRONMENT: 'production' });
    const c = new HiveForgeClient(p.url, p.jwtFor(p.store.addUser({ email: 'o@x.test', orgId: 'org', role: 'owner' })));
    expect((await c.create({ name: 'prod', scopes: ['read'] })).plaintext).toMatch(/^hf_live_/);
  });
  it('maps HiveForge errors (400, 401, 403) to ISSUER_ERROR with its detail and a fix', async () => {
    const p = await boot();
    const member = new HiveForgeClient(p.url, p.jwtFor(p.store.addUser({ email: 'm@x.test', orgId: 'org', role: 'member' })));
    const e403 = await fail(member.create({ name: 'x', scopes: ['read'] }));
    expect(e403?.message).toContain('Admin or owner access required to create API keys');
    expect(e403?.fix).toMatch(/owner or admin/);
    const orphan = new HiveForgeClient(p.url, p.jwtFor(p.store.addUser({ email: 'n@x.test', orgId: null, role: 'owner' })));
    expect((await fail(orphan.list()))?.message).toContain('User must belong to an organization');
    const owner = new HiveForgeClient(p.url, p.jwtFor(p.store.addUser({ email: 'o@x.test', orgId: 'org', role: 'owner' })));
    expect((await fail(owner.create({ name: 'x', scopes: ['root'] })))?.message).toContain('Invalid scopes: root');
    const e401 = await fail(new HiveForgeClient(p.url, 'expired.jwt.token').list());
    expect(e401?.message).toContain('Authentication required (JWT or API key)');
    expect(e401?.fix).toContain('JWT');
  });
});
