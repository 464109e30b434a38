/** The admin credential as the Keys view shows it: where it lives, a JWT's expiry, and a clear prompt when missing or expired (never a 401 dump). */
import { describe, expect, it } from 'vitest';
import type { KeysContext } from '../../../electron/app/keys/keys-context.js';
import { issuerCredential, jwtExpiry, keysOverview } from '../../../electron/app/keys/overview.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import { signJwt } from '../../../electron/demo/peers/hiveforge/jwt.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

const NOW = Date.parse('2031-06-15T12:00:00.000Z');
const WS = 'ws-cred';

function ctxWith(store = new MemorySecretStore()): KeysContext {
  const config = WorkspaceSchema.parse({
    name: 'c',
    id: WS,
    services: { hs: { dir: 'hs' } },
    issuers: { hf: { system: 'hiveforge', url: 'http://127.0.0.1:9' }, hog: { system: 'hogsend', url: 'http://127.0.0.1:9', credentialSecret: 'admin' } },
    secrets: { admin: { format: 'hogsend', bindings: [{ service: 'hs', var: 'ADMIN_API_KEY', role: 'server' }] } },
  });
  return { workspace: { id: WS, file: '/w/keyhive.yaml', config }, store, dataDir: '/nonexistent', clock: () => new Date(NOW), syncValue: async () => {} };
}

describe('issuer credentials in the keys overview', () => {
  it('reads a JWT\'s expiry without verifying it, and nothing from a non-JWT', () => {
    expect(jwtExpiry(signJwt('s', { exp: NOW / 1000 + 3600 }))).toBe(new Date(NOW + 3_600_000).toISOString());
    expect(jwtExpiry('hsk_not-a-jwt')).toBeNull();
  });

  it('asks for a missing HiveForge JWT and names the credential secret for Hogsend', async () => {
    const ctx = ctxWith();
    const hf = await issuerCredential(ctx, 'hf', ctx.workspace.config.issuers.hf!, NOW);
    expect(hf).toMatchObject({ source: 'keychain', stored: false, problem: expect.stringContaining('an owner or admin JWT') });
    const hog = await issuerCredential(ctx, 'hog', ctx.workspace.config.issuers.hog!, NOW);
    expect(hog).toMatchObject({ source: 'secret', secret: 'admin', stored: false, problem: expect.stringContaining('keyhive import admin') });
  });

  it('shows an expired JWT as a prompt to sign in again, and the issuer as not asked (no HTTP call)', async () => {
    const store = new MemorySecretStore();
    await store.set(accounts.issuerCredential(WS, 'hf'), signJwt('s', { sub: 'u', exp: NOW / 1000 - 60 }));
    const o = await keysOverview(ctxWith(store));
    const hf = o.issuers.find((i) => i.issuer === 'hf')!;
    expect(hf.credential.expiresAt).toBe(new Date(NOW - 60_000).toISOString());
    expect(hf.credential.problem).toMatch(/JWT expired on .* sign in to hiveforge again/);
    expect(hf.error?.code).toBe('KEYCHAIN_MISSING');
    expect(JSON.stringify(o)).not.toContain('eyJ');
  });
});
