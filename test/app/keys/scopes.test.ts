import { afterEach, describe, expect, it } from 'vitest';
import type { KeysContext } from '../../../electron/app/keys/keys-context.js';
import { keyForValue, scopesCheck, scopesExpand, scopesForSecret } from '../../../electron/app/keys/scopes.js';
import { HiveForgeClient } from '../../../electron/adapters/issuers/hiveforge-client.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import { channels } from '../../../shared/api.js';
import type { IssuedKey } from '../../../shared/domain.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { start, type HiveForgePeer } from '../../../electron/demo/peers/hiveforge/server.js';

const WS = 'ws-scopes-test';
const peers: HiveForgePeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function hiveforgeWorkspace(environment: 'production' | 'sandbox', scopes: string[]) {
  const peer = await start({ env: { HIVEFORGE_JWT_SECRET: 's', HIVEFORGE_ENVIRONMENT: environment } });
  peers.push(peer);
  const jwt = peer.jwtFor(peer.store.addUser({ email: 'o@x.test', orgId: 'org', role: 'owner' }));
  const { key, plaintext } = await new HiveForgeClient(peer.url, jwt).create({ name: 'svc', scopes });
  const store = new MemorySecretStore();
  await store.set(accounts.issuerCredential(WS, 'forge'), jwt);
  await store.set(accounts.secret(WS, 'FORGE_KEY'), plaintext);
  const config = WorkspaceSchema.parse({
    name: 'scopes',
    id: WS,
    services: { app: { dir: 'app' } },
    issuers: { forge: { system: 'hiveforge', url: peer.url } },
    secrets: { FORGE_KEY: { issuer: 'forge', scopes: ['read'], endpoints: ['GET /api/v1/webhooks', 'POST /api/v1/webhooks'], bindings: [{ service: 'app', var: 'HF_KEY', role: 'client' }] } },
  });
  const ctx: KeysContext = { workspace: { id: WS, file: '/w/keyhive.yaml', config }, store, dataDir: '/nonexistent', syncValue: async () => {}, clock: () => new Date(peer.clock.now()) };
  return { ctx, key, plaintext };
}

describe('scopes use cases', () => {
  it('expand and check answer the API contract', () => {
    expect(channels['scopes.expand'].response.parse(scopesExpand({ system: 'hogsend', scopes: ['journey-admin'] }))).toEqual(['read', 'journey-admin']);
    const check = scopesCheck({ system: 'tokenhub', scopes: ['chat'], endpoint: 'POST /v1/plan' });
    expect(channels['scopes.check'].response.parse(check)).toMatchObject({ covered: false, missing: 'plan' });
  });
  it('forSecret: the live key from the issuer, its tree, least privilege and warnings (hf_live_ in a local workspace, excess scopes)', async () => {
    const { ctx, key, plaintext } = await hiveforgeWorkspace('production', ['admin']);
    const r = channels['scopes.forSecret'].response.parse(await scopesForSecret(ctx, { secret: 'FORGE_KEY' }));
    expect(r.key?.id).toBe(key.id);
    expect(r.scopes).toEqual(['admin']);
    expect(r.expanded).toContain('billing:write');
    expect(r.tree[0]).toMatchObject({ scope: 'admin', granted: true });
    expect(r.leastPrivilege).toEqual(['webhooks:read', 'webhooks:write']);
    expect(r.warnings.some((w) => w.includes('live HiveForge key (hf_live_…)'))).toBe(true);
    expect(r.warnings.some((w) => w.includes('grants more than its consumer calls') && w.includes('billing'))).toBe(true);
    expect(JSON.stringify(r)).not.toContain(plaintext);
  });
  it('forSecret: a sandbox key with exactly what is needed has no warnings', async () => {
    const { ctx } = await hiveforgeWorkspace('sandbox', ['webhooks:read', 'webhooks:write']);
    const r = await scopesForSecret(ctx, { secret: 'FORGE_KEY' });
    expect(r.warnings).toEqual([]);
  });
  it('forSecret: falls back to the declared scopes and says why when the issuer cannot be asked', async () => {
    const { ctx } = await hiveforgeWorkspace('sandbox', ['read']);
    await ctx.store.delete(accounts.issuerCredential(WS, 'forge'));
    const r = await scopesForSecret(ctx, { secret: 'FORGE_KEY' });
    expect(r.key).toBeNull();
    expect(r.scopes).toEqual(['read']);
    expect(r.warnings[0]).toContain('could not ask forge');
  });
  it('keyForValue picks the longest matching prefix', () => {
    const k = (id: string, prefix: string) => ({ id, prefix }) as IssuedKey;
    expect(keyForValue([k('a', 'hf_live_ab'), k('b', 'hf_live_abcd')], 'hf_live_abcdef')?.id).toBe('b');
    expect(keyForValue([k('a', 'hsk_zz')], 'hsk_ab')).toBeNull();
    expect(keyForValue([k('a', 'hsk_ab')], null)).toBeNull();
  });
});
