import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, issuedKeyAccount, issuedSecret, issuerConfig, type KeysContext } from '../../../electron/app/keys/keys-context.js';
import { keysCreate, keysList, keysRevoke, keysSetCredential } from '../../../electron/app/keys/keys-commands.js';
import { issuedKeyValue } from '../../../electron/app/keys/reveal-key.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import { channels } from '../../../shared/api.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { start, type TokenHubPeer } from '../../../electron/demo/peers/tokenhub/server.js';

const WS = 'ws-keys-test';
const ADMIN = 'keys-test-admin-token';
const peers: TokenHubPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function setup() {
  const peer = await start({ env: { TOKENHUB_ADMIN_TOKEN: ADMIN } });
  peers.push(peer);
  const store = new MemorySecretStore();
  const synced: Array<[string, string]> = [];
  const config = WorkspaceSchema.parse({
    name: 'keys',
    id: WS,
    services: { bot: { dir: 'bot' } },
    issuers: { hub: { system: 'tokenhub', url: peer.url }, other: { system: 'hogsend', url: 'http://127.0.0.1:9' } },
    secrets: {
      TOKENHUB_KEY: { issuer: 'hub', scopes: ['chat'], bindings: [{ service: 'bot', var: 'TOKENHUB_API_KEY', role: 'client' }] },
      SHARED: { bindings: [{ service: 'bot', var: 'X', role: 'client' }] },
    },
  });
  const ctx: KeysContext = {
    workspace: { id: WS, file: '/w/keyhive.yaml', config },
    store,
    dataDir: '/nonexistent',
    syncValue: async (secret, value) => {
      synced.push([secret, value]);
      await store.set(accounts.secret(WS, secret), value);
    },
  };
  return { peer, store, ctx, synced };
}

describe('keys use cases (TokenHub reference server)', () => {
  it('stores the admin credential from the caller, refusing an empty one', async () => {
    const { ctx, store } = await setup();
    expect(await keysSetCredential(ctx, { issuer: 'hub', credential: `${ADMIN}\n` })).toEqual({ account: accounts.issuerCredential(WS, 'hub') });
    expect(await store.get(accounts.issuerCredential(WS, 'hub'))).toBe(ADMIN);
    await expect(keysSetCredential(ctx, { issuer: 'hub', credential: '  ' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(keysSetCredential(ctx, { issuer: 'nope', credential: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
  it('create for a secret sends the plaintext to the secret (keychain + bindings) and returns no value', async () => {
    const { ctx, synced } = await setup();
    await keysSetCredential(ctx, { issuer: 'hub', credential: ADMIN });
    const r = channels['keys.create'].response.parse(await keysCreate(ctx, { issuer: 'hub', name: 'bot', scopes: ['chat'], secret: 'TOKENHUB_KEY' }));
    expect(r.storedAs).toBe(accounts.secret(WS, 'TOKENHUB_KEY'));
    expect(synced).toHaveLength(1);
    expect(synced[0]?.[1]).toMatch(/^tokenhub_[0-9a-f]{64}$/);
    expect(JSON.stringify(r)).not.toContain(synced[0]?.[1]);
    expect((await keysList(ctx, { issuer: 'hub' })).map((k) => k.id)).toEqual([r.key.id]);
  });
  it('create without a secret keeps the key under its own keychain account; revoke forgets it', async () => {
    const { ctx, store } = await setup();
    await keysSetCredential(ctx, { issuer: 'hub', credential: ADMIN });
    // A month from whenever the suite runs: the issuer refuses an expiry in the past.
    const expiresAt = new Date(Math.ceil((Date.now() + 30 * 86_400_000) / 1000) * 1000).toISOString();
    const r = await keysCreate(ctx, { issuer: 'hub', name: 'ci', scopes: [], expiresAt });
    expect(r.storedAs).toBe(issuedKeyAccount(WS, 'hub', r.key.id));
    expect(r.key.expiresAt).toBe(expiresAt);
    expect(await store.get(r.storedAs!)).toMatch(/^tokenhub_/);
    expect(await keysRevoke(ctx, { issuer: 'hub', id: r.key.id })).toEqual({ revoked: true, heldBy: [] });
    expect(await store.get(r.storedAs!)).toBeNull();
    expect(await keysList(ctx, { issuer: 'hub' })).toEqual([]);
    expect((await keysList(ctx, { issuer: 'hub', includeRevoked: true }))[0]?.revokedAt).not.toBeNull();
  });
  it('keys.reveal reads a "keychain only" key by issuer and id (an explicit act); a revoked one is gone with a fix', async () => {
    const { ctx, store } = await setup();
    await keysSetCredential(ctx, { issuer: 'hub', credential: ADMIN });
    const r = await keysCreate(ctx, { issuer: 'hub', name: 'ci', scopes: ['chat'] });
    const value = await issuedKeyValue(ctx, { issuer: 'hub', id: r.key.id });
    expect(value).toBe(await store.get(r.storedAs!));
    expect(channels['keys.reveal'].response.parse({ value, clearAfterSeconds: 20 }).value).toMatch(/^tokenhub_/);
    await keysRevoke(ctx, { issuer: 'hub', id: r.key.id });
    const gone = await issuedKeyValue(ctx, { issuer: 'hub', id: r.key.id }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ code: 'KEYCHAIN_MISSING', fix: expect.stringContaining('reveal that secret') });
    expect(String((gone as Error).message)).not.toContain(value);
    await expect(issuedKeyValue(ctx, { issuer: 'nope', id: r.key.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
  it('refuses unknown scopes, a secret of another issuer, and shared (non-issued) secrets, before calling the issuer', async () => {
    const { ctx } = await setup();
    await keysSetCredential(ctx, { issuer: 'hub', credential: ADMIN });
    await expect(keysCreate(ctx, { issuer: 'hub', name: 'x', scopes: ['admin'] })).rejects.toThrow(/unknown tokenhub scope: admin/);
    await expect(keysCreate(ctx, { issuer: 'other', name: 'x', scopes: ['read'], secret: 'TOKENHUB_KEY' })).rejects.toThrow(/issued by "hub"/);
    expect(() => issuedSecret(ctx, 'SHARED')).toThrow(/not an issued key/);
    expect(() => issuedSecret(ctx, 'MISSING')).toThrow(/no secret "MISSING"/);
    expect(issuerConfig(ctx, 'hub').system).toBe('tokenhub');
  });
  it('without a stored credential, says how to store one', async () => {
    const { ctx } = await setup();
    await expect(clientFor(ctx, 'hub')).rejects.toMatchObject({ code: 'KEYCHAIN_MISSING', fix: expect.stringContaining('keyhive keys credential --issuer hub') });
  });
});
