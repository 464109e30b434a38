import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateIssuedKey } from '../../../electron/app/rotation/issued-key-rotation.js';
import type { KeysContext } from '../../../electron/app/keys/keys-context.js';
import { HogsendClient } from '../../../electron/adapters/issuers/hogsend-client.js';
import { TokenHubClient } from '../../../electron/adapters/issuers/tokenhub-client.js';
import { HiveForgeClient } from '../../../electron/adapters/issuers/hiveforge-client.js';
import { start as startHiveForge } from '../../../electron/demo/peers/hiveforge/server.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import type { ProgressEvent } from '../../../shared/domain.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { start as startHogsend, type HogsendPeer } from '../../../electron/demo/peers/hogsend/server.js';
import { CACHE_TTL_MS as TOKENHUB_TTL, start as startTokenHub, type TokenHubPeer } from '../../../electron/demo/peers/tokenhub/server.js';

const LEGACY = 'hsk_app-rotation-test-legacy-key-000000';
const ADMIN = 'tokenhub-app-rotation-admin';
const WS = 'ws-rotation-test';
let dataDir: string;
const closers: Array<() => Promise<void>> = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'keyhive-rot-'));
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await rm(dataDir, { recursive: true, force: true });
});

function context(system: 'hogsend' | 'tokenhub' | 'hiveforge', url: string, store: MemorySecretStore, over: Partial<KeysContext> = {}): KeysContext & { written: string[]; events: ProgressEvent[] } {
  const config = WorkspaceSchema.parse({
    name: 'rot',
    id: WS,
    services: { consumer: { dir: 'consumer' } },
    issuers: { main: { system, url } },
    secrets: { API_KEY: { issuer: 'main', scopes: system === 'hogsend' ? ['read'] : system === 'hiveforge' ? ['webhooks:read'] : ['chat'], bindings: [{ service: 'consumer', var: 'API_KEY', role: 'client' }] } },
  });
  const written: string[] = [];
  const events: ProgressEvent[] = [];
  return {
    workspace: { id: WS, file: '/ws/keyhive.yaml', config },
    store,
    dataDir,
    async syncValue(secret, value) {
      written.push(value);
      await store.set(accounts.secret(WS, secret), value);
    },
    onProgress: (e) => events.push(e),
    written,
    events,
    ...over,
  };
}

async function hogsendSetup() {
  const peer: HogsendPeer = await startHogsend({ env: { ADMIN_API_KEY: LEGACY } });
  closers.push(peer.close);
  const admin = new HogsendClient(peer.url, LEGACY);
  const { key, plaintext } = await admin.create({ name: 'consumer key', scopes: ['read'] });
  const store = new MemorySecretStore();
  await store.set(accounts.issuerCredential(WS, 'main'), LEGACY);
  await store.set(accounts.secret(WS, 'API_KEY'), plaintext);
  return { peer, admin, old: key, oldPlain: plaintext, store };
}

describe('rotateIssuedKey (create-switch, Hogsend)', () => {
  it('creates a same-scoped key, switches the consumer, revokes the old key and proves it refused', async () => {
    const { peer, admin, old, oldPlain, store } = await hogsendSetup();
    const ctx = context('hogsend', peer.url, store);
    const result = await rotateIssuedKey(ctx, { secret: 'API_KEY' });
    expect(result.ok).toBe(true);
    const now = await store.get(accounts.secret(WS, 'API_KEY'));
    expect(now).not.toBe(oldPlain);
    expect(ctx.written).toEqual([now]);
    expect(result.summary).toContain(`${now?.slice(0, 8)}…`);
    expect(result.summary).not.toContain(now as string);
    const keys = await admin.list({ includeRevoked: true });
    expect(keys.find((k) => k.id === old.id)?.revokedAt).not.toBeNull();
    const fresh = keys.filter((k) => k.revokedAt === null);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]?.scopes).toEqual(['read']);
    expect((await admin.probe(now as string, { method: 'GET', path: '/v1/admin/contacts' })).status).toBe(200);
    expect((await admin.probe(oldPlain, { method: 'GET', path: '/v1/admin/contacts' })).status).toBe(401);
    expect(await store.get(accounts.rotationBackup(WS, 'API_KEY'))).toBeNull();
    expect(await store.get(accounts.rotationPending(WS, 'API_KEY'))).toBeNull();
    expect(await readdir(join(dataDir, 'journal', 'done'))).toHaveLength(1);
    expect(ctx.events.find((e) => e.step === 'verify-old-refused' && e.detail?.includes('refused'))).toBeTruthy();
    expect(JSON.stringify(ctx.events)).not.toContain(now as string);
  });
  it('rolls back when writing to the consumers fails: old key kept and working, new key revoked', async () => {
    const { peer, admin, oldPlain, store } = await hogsendSetup();
    let calls = 0;
    const ctx = context('hogsend', peer.url, store, {
      async syncValue(secret, value) {
        calls++;
        if (calls === 1) throw new Error('disk full');
        await store.set(accounts.secret(WS, secret), value);
      },
    });
    const result = await rotateIssuedKey(ctx, { secret: 'API_KEY' });
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('disk full');
    expect(await store.get(accounts.secret(WS, 'API_KEY'))).toBe(oldPlain);
    const active = await admin.list();
    expect(active.map((k) => k.prefix)).toEqual([oldPlain.slice(0, 8)]);
    expect((await admin.list({ includeRevoked: true })).filter((k) => k.revokedAt !== null)).toHaveLength(1);
    expect(await store.get(accounts.rotationBackup(WS, 'API_KEY'))).toBeNull();
  });
  it('refuses to start without a keychain entry or admin credential, saying how to fix it', async () => {
    const { peer, store } = await hogsendSetup();
    await store.delete(accounts.secret(WS, 'API_KEY'));
    await expect(rotateIssuedKey(context('hogsend', peer.url, store), { secret: 'API_KEY' })).rejects.toMatchObject({ code: 'KEYCHAIN_MISSING' });
    await store.delete(accounts.issuerCredential(WS, 'main'));
    await expect(rotateIssuedKey(context('hogsend', peer.url, store), { secret: 'API_KEY' })).rejects.toMatchObject({
      code: 'KEYCHAIN_MISSING',
      fix: expect.stringContaining('keyhive keys credential --issuer main'),
    });
  });
});

describe('rotateIssuedKey (in-place, TokenHub)', () => {
  async function tokenhubSetup() {
    const peer: TokenHubPeer = await startTokenHub({ env: { TOKENHUB_ADMIN_TOKEN: ADMIN } });
    closers.push(peer.close);
    const admin = new TokenHubClient(peer.url, ADMIN);
    const { key, plaintext } = await admin.create({ name: 'bot', scopes: ['chat'] });
    const store = new MemorySecretStore();
    await store.set(accounts.issuerCredential(WS, 'main'), ADMIN);
    await store.set(accounts.secret(WS, 'API_KEY'), plaintext);
    // The consumer has been using the key: it sits in TokenHub's 5-minute cache.
    expect((await admin.probe(plaintext, { method: 'POST', path: '/v1/chat' })).status).toBe(200);
    return { peer, admin, old: key, oldPlain: plaintext, store };
  }
  it('uses the rotate endpoint and reports the old key still accepted inside the cache window', async () => {
    const { peer, admin, old, oldPlain, store } = await tokenhubSetup();
    const result = await rotateIssuedKey(context('tokenhub', peer.url, store), { secret: 'API_KEY' });
    expect(result.ok).toBe(true);
    expect(result.summary).toContain('rotated in place');
    expect(result.summary).toContain('still accepted');
    const keys = await admin.list();
    expect(keys.map((k) => k.id)).toEqual([old.id]);
    const now = (await store.get(accounts.secret(WS, 'API_KEY'))) as string;
    expect(now).not.toBe(oldPlain);
    expect((await admin.probe(now, { method: 'POST', path: '/v1/chat' })).status).toBe(200);
    peer.clock.advance(TOKENHUB_TTL);
    expect((await admin.probe(oldPlain, { method: 'POST', path: '/v1/chat' })).status).toBe(401);
  });
  it('waits out the cache window (on the peer clock) and proves the old key refused', async () => {
    const { peer, oldPlain, store } = await tokenhubSetup();
    const ctx = context('tokenhub', peer.url, store, {
      maxCacheWaitMs: 10 * 60_000,
      sleep: async (ms) => peer.clock.advance(ms),
    });
    const result = await rotateIssuedKey(ctx, { secret: 'API_KEY' });
    expect(result.ok).toBe(true);
    expect(result.summary).not.toContain('still accepted');
    expect(ctx.events.some((e) => e.detail?.includes('checking again after the cache window'))).toBe(true);
    expect(ctx.events.some((e) => e.detail === 'the old key is refused (401)')).toBe(true);
    expect(await store.get(accounts.secret(WS, 'API_KEY'))).not.toBe(oldPlain);
  });
});

describe('rotateIssuedKey (create-switch, HiveForge)', () => {
  it('replaces the key with one of the same scopes and environment; the old one is refused at once', async () => {
    const peer = await startHiveForge({ env: { HIVEFORGE_JWT_SECRET: 's' } });
    closers.push(peer.close);
    const jwt = peer.jwtFor(peer.store.addUser({ email: 'o@x.test', orgId: 'org', role: 'owner' }));
    const admin = new HiveForgeClient(peer.url, jwt);
    const { key, plaintext } = await admin.create({ name: 'hooks', scopes: ['webhooks:read', 'webhooks:write'] });
    const store = new MemorySecretStore();
    await store.set(accounts.issuerCredential(WS, 'main'), jwt);
    await store.set(accounts.secret(WS, 'API_KEY'), plaintext);
    const result = await rotateIssuedKey(context('hiveforge', peer.url, store), { secret: 'API_KEY' });
    expect(result.ok, result.summary).toBe(true);
    const now = (await store.get(accounts.secret(WS, 'API_KEY'))) as string;
    expect(now).toMatch(/^hf_test_/);
    const active = await admin.list();
    expect(active).toHaveLength(1);
    expect(active[0]?.scopes).toEqual(['webhooks:read', 'webhooks:write']);
    expect(active[0]?.id).not.toBe(key.id);
    expect((await admin.probe(plaintext, { method: 'GET', path: '/api/v1/webhooks' })).status).toBe(401);
    expect((await admin.probe(now, { method: 'GET', path: '/api/v1/webhooks' })).status).toBe(200);
  });
});
