import { afterEach, describe, expect, it } from 'vitest';
import { TokenHubClient } from '../../../electron/adapters/issuers/tokenhub-client.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { CACHE_TTL_MS, start, type TokenHubPeer } from '../../../electron/demo/peers/tokenhub/server.js';

const ADMIN = 'tokenhub-adapter-admin-token';
const peers: TokenHubPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
async function boot(env: Record<string, string> = { TOKENHUB_ADMIN_TOKEN: ADMIN }) {
  const p = await start({ env });
  peers.push(p);
  return p;
}
const CHAT = { method: 'POST', path: '/v1/chat' };
const PLAN = { method: 'POST', path: '/v1/plan' };

describe('TokenHubClient against the TokenHub reference server', () => {
  it('creates, disables/enables, rotates in place and revokes', async () => {
    const p = await boot();
    const c = new TokenHubClient(p.url, ADMIN);
    const { key, plaintext } = await c.create({ name: 'bot', scopes: ['chat'] });
    expect(plaintext).toMatch(/^tokenhub_[0-9a-f]{64}$/);
    expect(key).toMatchObject({ system: 'tokenhub', prefix: plaintext.slice(0, 17), scopes: ['chat'], enabled: true, lastRotatedAt: null });
    expect((await c.setEnabled(key.id, false)).enabled).toBe(false);
    expect((await c.probe(plaintext, CHAT)).status).toBe(401);
    expect((await c.setEnabled(key.id, true)).enabled).toBe(true);
    const rotated = await c.rotate(key.id);
    expect(rotated.key.id).toBe(key.id);
    expect(rotated.plaintext).not.toBe(plaintext);
    expect(rotated.key.lastRotatedAt).not.toBeNull();
    expect((await c.probe(rotated.plaintext, CHAT)).status).toBe(200);
    await c.revoke(key.id);
    expect(await c.list()).toEqual([]);
    expect((await c.list({ includeRevoked: true }))[0]?.revokedAt).not.toBeNull();
  });
  it('sets a key\'s rotation schedule; back-dating is refused by a TokenHub that does not allow it, with its words', async () => {
    const c = new TokenHubClient((await boot()).url, ADMIN);
    const { key } = await c.create({ name: 'planner', scopes: ['plan'] });
    expect(await c.setRotationSchedule(key.id, 30)).toMatchObject({ id: key.id, rotationDays: 30, createdAt: key.createdAt });
    await expect(c.setRotationSchedule(key.id, 30, { createdAt: '2030-01-01T00:00:00.000Z' })).rejects.toThrow(/created_at is set by TokenHub/);
    const demo = new TokenHubClient((await boot({ TOKENHUB_ADMIN_TOKEN: ADMIN, TOKENHUB_DEMO_BACKDATE: '1' })).url, ADMIN);
    const made = await demo.create({ name: 'planner', scopes: ['plan'] });
    expect(await demo.setRotationSchedule(made.key.id, 30, { createdAt: '2030-01-01T00:00:00.000Z' })).toMatchObject({ rotationDays: 30, createdAt: '2030-01-01T00:00:00.000Z' });
  });
  it('probes report 401/403 with TokenHub\'s words, and the 5-minute cache window', async () => {
    const p = await boot();
    const c = new TokenHubClient(p.url, ADMIN);
    const { key, plaintext } = await c.create({ name: 'bot', scopes: ['chat'] });
    expect(await c.probe(plaintext, PLAN)).toMatchObject({ status: 403, message: 'scope not allowed' });
    expect(await c.probe(`tokenhub_${'f'.repeat(64)}`, CHAT)).toMatchObject({ status: 401, message: 'missing or invalid api key' });
    expect((await c.probe(plaintext, CHAT)).status).toBe(200);
    const { plaintext: next } = await c.rotate(key.id);
    expect((await c.probe(plaintext, CHAT)).status).toBe(200);
    p.clock.advance(CACHE_TTL_MS);
    expect((await c.probe(plaintext, CHAT)).status).toBe(401);
    expect((await c.probe(next, CHAT)).status).toBe(200);
  });
  it('maps admin errors to ISSUER_ERROR with a fix', async () => {
    const p = await boot();
    const bad = await new TokenHubClient(p.url, 'nope').list().catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(KeyhiveError);
    expect((bad as KeyhiveError).message).toContain('401 invalid admin token');
    const c = new TokenHubClient(p.url, ADMIN);
    const e400 = (await c.create({ name: 'x', scopes: ['admin'] }).catch((e: unknown) => e)) as KeyhiveError;
    expect(e400.message).toContain('unknown scope: admin');
    const off = await boot({});
    const e503 = (await new TokenHubClient(off.url, ADMIN).list().catch((e: unknown) => e)) as KeyhiveError;
    expect(e503.fix).toContain('TOKENHUB_ADMIN_TOKEN');
  });
});
