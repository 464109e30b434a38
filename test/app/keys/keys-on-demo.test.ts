/**
 * The key use cases on the demo's real reference servers, run natively (Hogsend, TokenHub,
 * HiveForge and their consumers), with a short cache window injected through the workspace
 * config: the overview matches each admin API, finds the holders by prefix and shows the
 * deliberate debt; create puts a least-privilege key live in its consumer and probes it; revoke
 * refuses a key in use unless forced; rotation keeps the lifetime, counts down the window and
 * ends with the old key refused, in the activity log.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openOperation, type OpenedOperation } from '../../../electron/app/sync/apply-change-ports.js';
import { setUpDemo } from '../../../electron/app/demo/set-up-demo.js';
import { DEFAULT_DEMO_PORTS, materializeDemo, type DemoPorts } from '../../../electron/app/demo/demo-workspace.js';
import type { KeysContext } from '../../../electron/app/keys/keys-context.js';
import { keysContextOf } from '../../../electron/app/keys/keys-session.js';
import { createKey } from '../../../electron/app/keys/create-key.js';
import { keysOverview } from '../../../electron/app/keys/overview.js';
import { revokeKey } from '../../../electron/app/keys/revoke-key.js';
import { rotateKey } from '../../../electron/app/keys/rotate-key.js';
import { rotateSecret } from '../../../electron/app/rotation/rotate-secret.js';
import { selectServices } from '../../../electron/app/services/service-control.js';
import { parseEnv } from '../../../electron/core/env/index.js';
import type { ProgressEvent } from '../../../shared/domain.js';
import { KeysOverview } from '../../../shared/keys.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { freePort } from '../../support/free-port.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const DAY = 86_400_000;
// One fixed instant for the whole run (the peers stamp keys with the real time, so it is "now").
const T0 = Date.now();

// A story: each step starts from what the one before left (a key created, then revoked, then
// rotated…), so its steps keep their order even when the run shuffles everything else.
describe('keys use cases on the demo (real issuers, natively)', { shuffle: false }, () => {
  let op: OpenedOperation;
  let ctx: KeysContext;
  let dir: string;
  let ports: DemoPorts;
  const events: ProgressEvent[] = [];
  const envOf = (svc: string) => parseEnv(readFileSync(join(dir, svc, '.env'), 'utf8')).values;

  beforeAll(async () => {
    ports = { ...DEFAULT_DEMO_PORTS };
    for (const k of Object.keys(ports) as (keyof DemoPorts)[]) ports[k] = await freePort();
    const root = mkdtempSync(join(tmpdir(), 'kh-keys-demo-'));
    const file = await materializeDemo(join(root, 'demo'), { ports, id: `keys-demo-${process.pid}`, cacheWindowSeconds: { hogsend: 2, tokenhub: 2 } });
    dir = join(root, 'demo');
    op = await openOperation(file, { store: new MemorySecretStore(), dataDir: join(root, 'data') });
    ctx = keysContextOf(op.ports, op.dataDir, { clock: () => new Date(T0), onProgress: (e) => events.push(e) });
    await setUpDemo(op, ctx, { now: () => new Date(T0) });
  });

  afterAll(async () => {
    if (op) {
      await op.controller.down(selectServices(op.session.workspace, [], 'native'), 'native');
      await op.close();
    }
  });

  it('lists every issuer\'s keys as its admin API does, with holders by fingerprint and the deliberate debt', async () => {
    const o = KeysOverview.parse(await keysOverview(ctx));
    expect(o.issuers.map((i) => [i.issuer, i.error, i.keys.length])).toEqual([
      ['hogsend', null, 2],
      ['tokenhub', null, 2],
      ['hiveforge', null, 1],
    ]);
    const hogsend = o.issuers[0]!;
    expect(hogsend.credential).toMatchObject({ source: 'secret', secret: 'hogsend-admin-api-key', stored: true, problem: null });
    expect(hogsend.cacheWindowSeconds).toBe(2);
    const monitor = hogsend.keys.find((k) => k.name === 'Monitoring job')!;
    expect(monitor.heldBy).toEqual([{ secret: 'hogsend-monitor-key', service: 'hogsend-monitor', var: 'HOGSEND_API_KEY', fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) }]);
    expect([...monitor.expandedScopes].sort()).toEqual(['journey-admin', 'read']);
    expect(monitor.debt.map((d) => [d.code, d.action])).toEqual([['broader-than-needed', 'narrow']]);
    const chat = o.issuers[1]!.keys.find((k) => k.name === 'Chat consumer')!;
    expect(chat.debt.map((d) => [d.code, d.withinDays])).toEqual([['expiring-soon', 7]]);
    const planner = o.issuers[1]!.keys.find((k) => k.name === 'Planning consumer')!;
    expect(planner.debt.map((d) => [d.code, d.action, d.message])).toEqual([['rotation-overdue', 'rotate', "tokenhub-planner-key's key is past its 30 days rotation schedule by 15 days"]]);
    const hf = o.issuers[2]!;
    expect(hf.credential.expiresAt).not.toBeNull();
    expect(hf.keys[0]!.prefix.startsWith('hf_test_')).toBe(true);
    expect(o.debt.map((d) => d.secret).sort()).toEqual(['hogsend-monitor-key', 'tokenhub-chat-key', 'tokenhub-planner-key']);
    expect(JSON.stringify(o)).not.toContain(envOf('hogsend-monitor').HOGSEND_API_KEY!);
  });

  it('creates a least-privilege key for the monitoring job: consumer updated, restarted, probe passes', async () => {
    const before = envOf('hogsend-monitor').HOGSEND_API_KEY;
    const r = await createKey(ctx, { issuer: 'hogsend', name: 'Monitoring job (read)', scopes: ['read'], secret: 'hogsend-monitor-key', expiresAt: new Date(T0 + 60 * DAY).toISOString() });
    expect(r.key.scopes).toEqual(['read']);
    expect(r.probe).toMatchObject({ ok: true });
    expect(r.live).toMatch(/restarted hogsend-monitor/);
    const after = envOf('hogsend-monitor').HOGSEND_API_KEY!;
    expect(after).not.toBe(before);
    expect(after.startsWith(r.key.prefix)).toBe(true);
    expect((await (await fetch(`http://127.0.0.1:${ports.monitor}/check`)).json()) as object).toMatchObject({ ok: true, status: 200 });
    const o = await keysOverview(ctx);
    expect(o.issuers[0]!.keys.find((k) => k.id === r.key.id)!.debt).toEqual([]);
  });

  it('refuses to revoke a key in use (naming the holder) unless forced; an unused one revokes', async () => {
    const o = await keysOverview(ctx);
    const journeys = o.issuers[0]!.keys.find((k) => k.name === 'Journey worker')!;
    await expect(revokeKey(ctx, { issuer: 'hogsend', id: journeys.id })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('hogsend-journeys:HOGSEND_API_KEY') });
    const old = o.issuers[0]!.keys.find((k) => k.name === 'Monitoring job')!;
    expect(old.heldBy).toEqual([]);
    expect(await revokeKey(ctx, { issuer: 'hogsend', id: old.id })).toEqual({ revoked: true, heldBy: [] });
  });

  it('rotates an issued key keeping its lifetime, counts down the cache window and ends with the old key refused', async () => {
    const o = await keysOverview(ctx);
    const before = o.issuers[1]!.keys.find((k) => k.name === 'Planning consumer')!;
    const oldValue = envOf('tokenhub-planner').TOKENHUB_API_KEY!;
    events.length = 0;
    const r = await rotateKey(ctx, { secret: 'tokenhub-planner-key' });
    expect(r).toMatchObject({ ok: true, oldRefused: true, cacheWindowSeconds: 2 });
    expect(r.recheckAt).not.toBeNull();
    expect(events.some((e) => e.step === 'verify-old-refused' && e.until === r.recheckAt)).toBe(true);
    expect(envOf('tokenhub-planner').TOKENHUB_API_KEY).not.toBe(oldValue);
    const probe = await fetch(`http://127.0.0.1:${ports.tokenhub}/v1/plan`, { method: 'POST', headers: { authorization: `Bearer ${oldValue}` } });
    expect(probe.status).toBe(401);
    const after = (await keysOverview(ctx)).issuers[1]!.keys.find((k) => k.heldBy.some((h) => h.secret === 'tokenhub-planner-key'))!;
    expect(after.expiresAt).toBe(before.expiresAt); // TokenHub rotates in place: same key, same expiry
    expect(before.debt.map((d) => d.code)).toEqual(['rotation-overdue']);
    expect(after.debt).toEqual([]); // rotating was the fix: the schedule counts from the rotation
    const [entry] = await op.session.activity.list({ kind: 'rotate', secret: 'tokenhub-planner-key', limit: 1 });
    expect(entry?.summary).toMatch(/Rotated tokenhub-planner-key.*old key is refused/);
  });

  it('a create-and-switch rotation (Hogsend) gives the new key the old key\'s lifetime', async () => {
    const before = (await keysOverview(ctx)).issuers[0]!.keys.find((k) => k.heldBy.some((h) => h.secret === 'hogsend-journeys-key'))!;
    const r = await rotateKey(ctx, { secret: 'hogsend-journeys-key' });
    expect(r).toMatchObject({ ok: true, oldRefused: true });
    const after = (await keysOverview(ctx)).issuers[0]!.keys.find((k) => k.heldBy.some((h) => h.secret === 'hogsend-journeys-key'))!;
    expect(after.id).not.toBe(before.id);
    expect(Date.parse(after.expiresAt!) - T0).toBe(Date.parse(before.expiresAt!) - Date.parse(before.createdAt!));
    expect(after.scopes).toEqual(before.scopes);
  });

  it('rotating Hogsend\'s ADMIN_API_KEY (the issuer\'s credential secret) keeps the keys commands working, and the keys survive the restart', async () => {
    const before = (await keysOverview(ctx)).issuers[0]!;
    const oldAdmin = envOf('hogsend').ADMIN_API_KEY;
    const r = await rotateSecret(op.ports, op.dataDir, 'hogsend-admin-api-key');
    expect(r.ok).toBe(true);
    expect(envOf('hogsend').ADMIN_API_KEY).not.toBe(oldAdmin);
    const after = (await keysOverview(ctx)).issuers[0]!;
    expect(after.error).toBeNull();
    expect(after.keys.map((k) => [k.id, k.state])).toEqual(before.keys.map((k) => [k.id, k.state]));
    expect((await (await fetch(`http://127.0.0.1:${ports.journeys}/check`)).json()) as object).toMatchObject({ ok: true });
  });

  it('a rotation that does not wait leaves the re-check of the old key to the app, which does it once the window has passed', async () => {
    let now = T0;
    const later: KeysContext = { ...ctx, clock: () => new Date(now) };
    const oldValue = envOf('tokenhub-planner').TOKENHUB_API_KEY!;
    // A consumer call just before puts the old key in TokenHub's validation cache (3 s here).
    await fetch(`http://127.0.0.1:${ports.tokenhub}/v1/plan`, { method: 'POST', headers: { authorization: `Bearer ${oldValue}` } });
    const r = await rotateKey(later, { secret: 'tokenhub-planner-key', wait: false });
    expect(r).toMatchObject({ ok: true, oldRefused: false });
    expect((await keysOverview(later)).rechecks).toEqual([{ secret: 'tokenhub-planner-key', dueAt: r.recheckAt }]);
    await new Promise((res) => setTimeout(res, 3_500)); // the peer's real cache window
    now = Date.parse(r.recheckAt!) + 1;
    expect((await keysOverview(later)).rechecks).toEqual([]);
    const [entry] = await op.session.activity.list({ kind: 'rotate', secret: 'tokenhub-planner-key', limit: 1 });
    expect(entry?.summary).toMatch(/Re-checked tokenhub-planner-key after the cache window: the old key .* is refused/);
  });
});
