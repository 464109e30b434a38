import { afterEach, describe, expect, it } from 'vitest';
import { TokenHubClient } from '../../../electron/adapters/issuers/tokenhub-client.js';
import { issuedKeyRotationFlow } from '../../../electron/core/issuers/issued-key-rotation.js';
import type { IssuerClient, KeyProbeAnswer } from '../../../electron/core/issuers/issuer-client.js';
import { ProbeSpacer } from '../../../electron/core/issuers/rate-limit.js';
import type { IssuedRotationContext, IssuedRotationData } from '../../../electron/core/issuers/rotation-context.js';
import type { JournalRecord, JournalSink } from '../../../electron/core/rotation/journal-record.js';
import { newJournalRecord, resumeFlow, runFlow } from '../../../electron/core/rotation/step-machine.js';
import type { IssuedKey } from '../../../shared/domain.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { start, type TokenHubPeer } from '../../../electron/demo/peers/tokenhub/server.js';

const ADMIN = 'flow-test-admin-token';
const ACC = { current: 'ws/K', backup: 'ws/.rotation/K', pending: 'ws/.rotation-pending/K' };
const sink = (): JournalSink & { saved: JournalRecord[] } => {
  const saved: JournalRecord[] = [];
  return { saved, save: async (r) => void saved.push(structuredClone(r)) };
};
const peers: TokenHubPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

function ctxFor(client: IssuerClient, store: MemorySecretStore, sleeps: number[] = []): IssuedRotationContext & { written: string[]; restarts: number } {
  let t = 1_000_000;
  const c = {
    secret: 'K',
    system: client.system,
    client,
    store,
    accounts: ACC,
    probeEndpoint: { method: 'POST' as const, path: '/v1/chat' },
    written: [] as string[],
    restarts: 0,
    async writeConsumers(value: string) {
      c.written.push(value);
      await store.set(ACC.current, value);
      return 'written';
    },
    async restartConsumers() {
      c.restarts++;
      return 'restarted';
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    now: () => t,
    maxCacheWaitMs: 0,
    cacheWindowMs: 0,
    spacer: new ProbeSpacer(),
  };
  return c;
}

async function tokenhub() {
  const peer = await start({ env: { TOKENHUB_ADMIN_TOKEN: ADMIN } });
  peers.push(peer);
  const client = new TokenHubClient(peer.url, ADMIN);
  const { key, plaintext } = await client.create({ name: 'bot', scopes: ['chat'] });
  const store = new MemorySecretStore();
  await store.set(ACC.current, plaintext);
  return { peer, client, key, plaintext, store };
}

const inPlaceData = (key: IssuedKey): IssuedRotationData => ({ mode: 'in-place', oldKeyId: key.id, oldPrefix: key.prefix, oldName: key.name, scopes: key.scopes, newName: 'x', lastRotatedBefore: key.lastRotatedAt ?? null });
const startOf = (data: IssuedRotationData) => ({ operationId: 'op-1', workspaceId: 'ws', workspaceFile: '/w.yaml', secret: 'K', data: { ...data } });

describe('issued-key rotation flow, in place (TokenHub)', () => {
  it('a crash after the issuer rotated but before the new plaintext was kept: recovery rotates again and hands the consumers a working key', async () => {
    const { client, key, plaintext, store } = await tokenhub();
    const flow = issuedKeyRotationFlow('in-place');
    const record = newJournalRecord(flow as never, startOf(inPlaceData(key)));
    record.steps[0]!.state = 'running';
    await store.set(ACC.backup, plaintext);
    await client.rotate(key.id); // the issuer rotated; the answer was lost with the process
    const ctx = ctxFor(client, store);
    const out = await resumeFlow(flow, ctx, record, sink());
    expect(out.plan.action).toBe('rollback');
    expect(ctx.written).toHaveLength(1);
    const now = ctx.written[0]!;
    expect(now).not.toBe(plaintext);
    expect((await client.probe(now, { method: 'POST', path: '/v1/chat' })).status).toBe(200);
    expect(ctx.restarts).toBe(1);
    expect(await store.get(ACC.backup)).toBeNull();
    expect(await store.get(ACC.pending)).toBeNull();
  });
  it('a crash before the issuer rotated: recovery leaves the old key in place', async () => {
    const { client, key, plaintext, store } = await tokenhub();
    const flow = issuedKeyRotationFlow('in-place');
    const record = newJournalRecord(flow as never, startOf(inPlaceData(key)));
    record.steps[0]!.state = 'running';
    await store.set(ACC.backup, plaintext);
    const ctx = ctxFor(client, store);
    const out = await resumeFlow(flow, ctx, record, sink());
    expect(out.outcome).toBe('rolled-back');
    expect(ctx.written).toEqual([]);
    expect(await store.get(ACC.current)).toBe(plaintext);
    expect((await client.probe(plaintext, { method: 'POST', path: '/v1/chat' })).status).toBe(200);
    expect(await store.get(ACC.backup)).toBeNull();
  });
});

describe('issued-key rotation flow, create-switch: rate-limited probes', () => {
  function fakeClient(answers: Array<Partial<KeyProbeAnswer>>): IssuerClient & { revoked: string[]; created: number } {
    const key = (id: string): IssuedKey => ({ id, system: 'hogsend', name: 'n', prefix: 'hsk_new0', scopes: ['read'], createdAt: null, expiresAt: null, lastUsedAt: null, revokedAt: null, enabled: true });
    const c = {
      system: 'hogsend' as const,
      url: 'http://fake',
      revoked: [] as string[],
      created: 0,
      list: async () => [],
      create: async () => {
        c.created++;
        return { key: key('new-1'), plaintext: 'hsk_new0-plaintext-value-0000000000000' };
      },
      revoke: async (id: string) => void c.revoked.push(id),
      probe: async (): Promise<KeyProbeAnswer> => ({ method: 'GET', url: 'u', status: 200, rateLimitRemaining: 50, retryAfterSeconds: null, message: null, latencyMs: 1, ...(answers.shift() ?? {}) }),
    };
    return c;
  }
  const data: IssuedRotationData = { mode: 'create-switch', oldKeyId: 'old-1', oldPrefix: 'hsk_old0', oldName: 'n', scopes: ['read'], newName: 'n · keyhive rotation op-1' };

  it('waits the Retry-After of a 429 once, then goes on (never a blind retry)', async () => {
    const client = fakeClient([{ status: 429, rateLimitRemaining: 0, retryAfterSeconds: 7 }, { status: 200 }, { status: 401 }]);
    const store = new MemorySecretStore();
    await store.set(ACC.current, 'hsk_old0-plaintext-value-0000000000000');
    const sleeps: number[] = [];
    const out = await runFlow(issuedKeyRotationFlow('create-switch'), ctxFor(client, store, sleeps), startOf(data), sink());
    expect(out.outcome).toBe('committed');
    expect(sleeps).toEqual([7000]);
    expect(client.revoked).toEqual(['old-1']);
  });
  it('rolls back (revoking the new key, restoring the old value) when the issuer keeps answering 429', async () => {
    const client = fakeClient([
      { status: 429, retryAfterSeconds: 5 },
      { status: 429, retryAfterSeconds: 5 },
    ]);
    const store = new MemorySecretStore();
    await store.set(ACC.current, 'hsk_old0-plaintext-value-0000000000000');
    const ctx = ctxFor(client, store);
    const out = await runFlow(issuedKeyRotationFlow('create-switch'), ctx, startOf(data), sink());
    expect(out.outcome).toBe('rolled-back');
    expect(String(out.record.error)).toContain('kept answering 429');
    expect(client.revoked).toEqual(['new-1']);
    expect(await store.get(ACC.current)).toBe('hsk_old0-plaintext-value-0000000000000');
    expect(ctx.restarts).toBe(2);
  });
});
