/**
 * The doctor against REAL reference issuers over HTTP (test/peers: Hogsend, TokenHub,
 * HiveForge): each cause is produced on the server, and the doctor must name it FIRST with the
 * right fix. The doctor's clock is the peer's manual clock — nothing depends on today's date.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../electron/app/doctor/run-doctor.js';
import { HogsendClient } from '../../../electron/adapters/issuers/hogsend-client.js';
import { TokenHubClient } from '../../../electron/adapters/issuers/tokenhub-client.js';
import { HiveForgeClient } from '../../../electron/adapters/issuers/hiveforge-client.js';
import type { DoctorFinding } from '../../../shared/domain.js';
import { start as startHogsend } from '../../../electron/demo/peers/hogsend/server.js';
import { HogsendStore } from '../../../electron/demo/peers/hogsend/store.js';
import { start as startTokenHub } from '../../../electron/demo/peers/tokenhub/server.js';
import { start as startHiveForge } from '../../../electron/demo/peers/hiveforge/server.js';
import { manualClock } from '../../../electron/demo/peers/issuer-common/clock.js';
import { issuerWorkspace, SECRET, type IssuerWorkspace } from './issuer-workspace.js';

const LEGACY = 'hsk_doctor-test-legacy-admin-key-0000000';
const ADMIN = 'tokenhub-doctor-admin-token';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});
const keep = <T extends { close(): Promise<void> } | IssuerWorkspace>(x: T): T => {
  closers.push('cleanup' in x ? x.cleanup : x.close);
  return x;
};

function first(f: DoctorFinding[]): DoctorFinding {
  expect(f.length).toBeGreaterThan(0);
  return f[0]!;
}

async function hogsend(opts: { env?: Record<string, string>; endpoints?: string[]; callPeerUrl?: string; store?: HogsendStore } = {}) {
  const clock = manualClock();
  const peer = keep(await startHogsend({ clock, env: opts.env ?? { ADMIN_API_KEY: LEGACY }, ...(opts.store ? { store: opts.store } : {}) }));
  const admin = new HogsendClient(peer.url, LEGACY);
  const ws = keep(await issuerWorkspace({ system: 'hogsend', issuerUrl: peer.url, ...(opts.callPeerUrl ? { callUrl: opts.callPeerUrl } : {}), credential: LEGACY, endpoints: opts.endpoints ?? ['GET /v1/admin/contacts'] }));
  const doctor = () => runDoctor(ws.ports, SECRET, { now: clock.now });
  return { clock, peer, admin, ws, doctor };
}

describe('doctor × Hogsend (real reference server)', () => {
  it('revoked: names the revocation with when, and offers a replacement with the same scopes', async () => {
    const { clock, admin, ws, doctor } = await hogsend();
    const { key, plaintext } = await admin.create({ name: 'dashboard', scopes: ['read'] });
    await ws.setKey(plaintext);
    await admin.revoke(key.id);
    clock.advance(61_000);
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'revoked', severity: 'error' });
    expect(f[0]!.what).toMatch(/revoked at 2026-06-01T09:00:00Z/);
    expect(f[0]!.fix).toContain(`keyhive keys create --issuer main --name "dashboard (replacement)" --scopes read --secret ${SECRET}`);
    expect(JSON.stringify(f)).not.toContain(plaintext);
    expect(f.find((x) => x.id === 'probe:auth-smoke')).toMatchObject({ severity: 'error', cause: 'key-refused' });
  });

  it('expired: names the expiry date (by the injected clock) and the replacement', async () => {
    const { clock, admin, ws, doctor } = await hogsend();
    const { plaintext } = await admin.create({ name: 'ci', scopes: ['read'], expiresAt: '2026-06-01T10:00:00.000Z' });
    await ws.setKey(plaintext);
    expect((await doctor()).find((x) => x.severity === 'error')).toBeUndefined();
    clock.advance(2 * 3_600_000);
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'expired', what: expect.stringContaining('expired at 2026-06-01T10:00:00Z') });
    expect(f[0]!.fix).toContain('--name "ci (replacement)" --scopes read');
  });

  it('unknown: a well-formed key Hogsend never issued', async () => {
    const { ws, doctor } = await hogsend();
    await ws.setKey('hsk_ThisKeyWasNeverIssuedByThisHogsend0001');
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'unknown-key', severity: 'error' });
    expect(f[0]!.fix).toContain('--scopes read');
  });

  it('missing scope (403 "Insufficient scope"): names it and offers the least-privilege key', async () => {
    const { admin, ws, doctor } = await hogsend({ endpoints: ['POST /v1/admin/journeys/j-1/enable'] });
    const { plaintext } = await admin.create({ name: 'automation', scopes: ['read'] });
    await ws.setKey(plaintext);
    ws.ports.workspace.config.secrets[SECRET]!.probes = { smoke: 'POST /v1/admin/journeys/j-1/enable', header: { name: 'Authorization', scheme: 'Bearer' } };
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'missing-scope' });
    expect(f[0]!.fix).toMatch(/Least privilege .* is \[journey-admin\]/);
    expect(f[0]!.fix).toContain('--scopes journey-admin');
    expect(f.find((x) => x.id === 'probe:auth-smoke')?.what).toContain('403 "Insufficient scope"');
  });

  it('inside the cache window: revoked on one instance, still passing on another, and says when that flips', async () => {
    const store = new HogsendStore();
    const clock = manualClock();
    const other = keep(await startHogsend({ clock, env: { ADMIN_API_KEY: LEGACY }, store }));
    const { admin, ws, doctor } = await hogsend({ store, callPeerUrl: other.url });
    const { key, plaintext } = await admin.create({ name: 'dashboard', scopes: ['read'] });
    await ws.setKey(plaintext);
    expect((await doctor()).find((x) => x.severity === 'error')).toBeUndefined(); // the other instance caches it now
    await admin.revoke(key.id);
    const f = await doctor();
    expect(f.find((x) => x.id === 'probe:auth-smoke')?.severity).toBe('ok');
    expect(first(f)).toMatchObject({ cause: 'cache-window' });
    expect(f[0]!.why).toContain('until 2026-06-01T09:01:00Z');
    expect(f[0]!.what).toContain('the call still passed');
  });

  it('429: says how long to wait (Retry-After) and never to retry in a loop', async () => {
    const { admin, ws, doctor, peer } = await hogsend();
    const { plaintext } = await admin.create({ name: 'busy', scopes: ['read'] });
    await ws.setKey(plaintext);
    const busy = new HogsendClient(peer.url, plaintext);
    for (let i = 0; i < 100; i++) await busy.probe(plaintext, { method: 'GET', path: '/v1/admin/contacts' });
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'rate-limited' });
    expect(f[0]!.fix).toMatch(/Wait 60 s .*never retry in a loop/);
  });

  it('503: no admin key configured at all', async () => {
    const { ws, doctor } = await hogsend({ env: {} });
    await ws.setKey('hsk_SomeKeyForAHogsendWithoutAnyAdminKey01');
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'no-admin-key' });
    expect(f[0]!.fix).toContain('Set ADMIN_API_KEY');
  });

  it('the documentation example is named a placeholder before anything else', async () => {
    const { ws, doctor } = await hogsend();
    await ws.setKey('hsk_your-secret-admin-key-at-least-32-chars');
    expect(first(await doctor())).toMatchObject({ cause: 'placeholder' });
  });
});

describe('doctor × TokenHub (real reference server, probed like the others)', () => {
  async function tokenhub() {
    const clock = manualClock();
    const peer = keep(await startTokenHub({ clock, env: { TOKENHUB_ADMIN_TOKEN: ADMIN } }));
    const admin = new TokenHubClient(peer.url, ADMIN);
    const ws = keep(await issuerWorkspace({ system: 'tokenhub', issuerUrl: peer.url, credential: ADMIN, endpoints: ['POST /v1/chat'] }));
    return { clock, admin, ws, doctor: () => runDoctor(ws.ports, SECRET, { now: clock.now }) };
  }

  it('disabled: cached for 5 min (the call still passes, says when it flips), then disabled', async () => {
    const { clock, admin, ws, doctor } = await tokenhub();
    const { key, plaintext } = await admin.create({ name: 'bot', scopes: ['chat'] });
    await ws.setKey(plaintext);
    const ok = await doctor();
    expect(ok.find((x) => x.id === 'probe:auth-smoke')).toMatchObject({ severity: 'ok', what: expect.stringContaining('POST') });
    await admin.setEnabled!(key.id, false);
    const cached = await doctor();
    expect(first(cached)).toMatchObject({ cause: 'cache-window' });
    expect(cached[0]!.why).toContain('by 2026-06-01T09:05:00Z at the latest');
    clock.advance(5 * 60_000);
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'disabled' });
    expect(f.find((x) => x.id === 'probe:auth-smoke')?.what).toContain('"missing or invalid api key"');
  });

  it('missing scope: a chat-only key used for /v1/plan gets 403 "scope not allowed"', async () => {
    const { admin, ws, doctor } = await tokenhub();
    ws.ports.workspace.config.secrets[SECRET]!.endpoints = ['POST /v1/plan'];
    const { plaintext } = await admin.create({ name: 'planner', scopes: ['chat'] });
    await ws.setKey(plaintext);
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'missing-scope' });
    expect(f[0]!.fix).toContain('--scopes plan');
  });
});

describe('doctor × HiveForge (real reference server)', () => {
  async function hiveforge(env: Record<string, string>) {
    const clock = manualClock();
    const peer = keep(await startHiveForge({ clock, env: { HIVEFORGE_JWT_SECRET: 'doctor-test', ...env } }));
    const jwt = peer.jwtFor(peer.store.addUser({ email: 'o@x.test', orgId: 'org-1', role: 'owner' }));
    const admin = new HiveForgeClient(peer.url, jwt);
    const ws = keep(await issuerWorkspace({ system: 'hiveforge', issuerUrl: peer.url, credential: jwt, endpoints: ['GET /api/v1/webhooks'] }));
    return { clock, admin, ws, doctor: () => runDoctor(ws.ports, SECRET, { now: clock.now }) };
  }

  it('wrong environment prefix: a sandbox key against a production HiveForge', async () => {
    const { admin, ws, doctor } = await hiveforge({ HIVEFORGE_ENVIRONMENT: 'production' });
    await admin.create({ name: 'prod integration', scopes: ['webhooks:read'] });
    await ws.setKey(`hf_test_${'ab12'.repeat(12)}`);
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'wrong-env-prefix' });
    expect(f[0]!.what).toContain('hf_test_ (sandbox) key');
    expect(f[0]!.fix).toContain('hf_live_ (production) key');
  });

  it('missing scope: the 403 names the scope HiveForge wants', async () => {
    const { admin, ws, doctor } = await hiveforge({});
    const { plaintext } = await admin.create({ name: 'chat bot', scopes: ['chat'] });
    await ws.setKey(plaintext);
    const f = await doctor();
    expect(first(f)).toMatchObject({ cause: 'missing-scope' });
    expect(f[0]!.fix).toContain('--scopes webhooks:read');
  });
});
