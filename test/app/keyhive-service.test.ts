import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyhiveService, type KeyhiveService } from '../../electron/app/keyhive-service.js';
import { accounts } from '../../electron/core/secrets/secret-store.js';
import { channelNames, channels, events as eventSchemas, ResultSchema, type Channel, type EventName, type ResponseOf, type Result } from '../../shared/api.js';
import { fixedClock } from '../../shared/clock.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

const HUB_KEY = 'hub-key-0123456789abcdef0123456789abcdef';
const OLD_KEY = 'hub-key-stale0000000000000000000000000000';

let root: string;
let service: KeyhiveService | null = null;
const cleanups: Array<() => Promise<void>> = [];

async function makeWorkspace(id: string): Promise<string> {
  await mkdir(join(root, 'hub'));
  await mkdir(join(root, 'core'));
  await writeFile(join(root, 'hub', '.env'), `PORT=8080\nAPI_KEY=${HUB_KEY}\n`);
  await writeFile(join(root, 'core', '.env'), `# core\nHIVECFM_HUB_URL=http://127.0.0.1:9\nHIVECFM_HUB_API_KEY=${OLD_KEY}\n`);
  const file = join(root, 'keyhive.yaml');
  await writeFile(
    file,
    `name: service-test
id: ${id}
runMode: native
services:
  hub: { dir: hub }
  core: { dir: core }
secrets:
  hub-key:
    bindings:
      - { service: hub, var: API_KEY, role: server }
      - { service: core, var: HIVECFM_HUB_API_KEY, role: client }
`,
  );
  return file;
}

/** Every answer and event the service produced, for the "no secret value" check. */
const seen: string[] = [];

function start(opts: Omit<Parameters<typeof createKeyhiveService>[0], 'dataDir'>): KeyhiveService {
  service = createKeyhiveService({ ...opts, dataDir: join(root, 'data') });
  service.events.onAny((name, payload) => {
    expect(eventSchemas[name].safeParse(payload).success).toBe(true);
    seen.push(JSON.stringify({ name, payload }));
  });
  return service;
}

async function call<C extends Channel>(s: KeyhiveService, channel: C, request: unknown): Promise<Result<ResponseOf<C>>> {
  const result = (await s.invoke(channel, request)) as Result<ResponseOf<C>>;
  expect(ResultSchema(channels[channel].response).safeParse(result).success).toBe(true);
  if (channel !== 'secret.reveal' && channel !== 'keys.reveal') seen.push(JSON.stringify(result));
  return result;
}

function waitForEvent(s: KeyhiveService, name: EventName, pred: (p: unknown) => boolean = () => true): Promise<unknown> {
  return new Promise((resolve) => {
    const off = s.events.on(name, (p) => {
      if (pred(p)) {
        off();
        resolve(p);
      }
    });
  });
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyhive-service-'));
  seen.length = 0;
});
afterEach(async () => {
  await service?.close();
  service = null;
  for (const c of cleanups.splice(0)) await c();
  await rm(root, { recursive: true, force: true });
  for (const entry of seen) {
    expect(entry).not.toContain(HUB_KEY);
    expect(entry).not.toContain(OLD_KEY);
  }
});

describe('app service', () => {
  it('implements every channel of shared/api.ts', () => {
    const s = start({ store: new MemorySecretStore() });
    expect(Object.keys(s.handlers).sort()).toEqual([...channelNames].sort());
  });

  it('answers NOT_FOUND with a fix when no workspace is open, BAD_INPUT for invalid requests', async () => {
    const s = start({ store: new MemorySecretStore() });
    expect(await call(s, 'workspace.current', {})).toEqual({ ok: true, value: { file: null } });
    const r = await call(s, 'status.get', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(r.ok ? '' : r.error.fix).toMatch(/keyhive init|workspace\.open/);
    const bad = await call(s, 'secret.sync', { secret: '', from: 'keychain' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const unknown = await s.invoke('nope.nothing', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const missing = await call(s, 'workspace.open', { file: join(root, 'missing.yaml') });
    expect(missing.ok).toBe(false);
    expect(JSON.stringify(missing)).not.toMatch(/\n\s+at /); // never a stack
  });

  it('opens a workspace, imports, syncs, lists and undoes — with activity and status events', async () => {
    const store = new MemorySecretStore();
    const file = await makeWorkspace('svc-flow');
    const s = start({ store, workspaceFile: file });
    await s.start();
    const status = await call(s, 'status.get', {});
    expect(status.ok && status.value.secrets[0]?.state).toBe('drifted');
    expect(status.ok && status.value.secrets[0]?.keychainFingerprint).toBeNull();

    const activity = waitForEvent(s, 'activity', (p) => (p as { kind: string }).kind === 'import');
    const imported = await call(s, 'secret.import', { secret: 'hub-key', service: 'hub' });
    expect(imported).toMatchObject({ ok: true, value: { ok: true } });
    expect(await activity).toMatchObject({ kind: 'import', secret: 'hub-key' });
    expect(store.entries.get(accounts.secret('svc-flow', 'hub-key'))).toBe(HUB_KEY);

    const synced = await call(s, 'secret.sync', { secret: 'hub-key', from: 'keychain', restart: false });
    expect(synced.ok).toBe(true);
    if (!synced.ok) return;
    expect(synced.value.activityId).toBeTruthy();
    expect(synced.value.status?.secrets[0]?.state).toBe('in-sync');
    expect(await readFile(join(root, 'core', '.env'), 'utf8')).toBe(`# core\nHIVECFM_HUB_URL=http://127.0.0.1:9\nHIVECFM_HUB_API_KEY=${HUB_KEY}\n`);

    const list = await call(s, 'activity.list', { limit: 10 });
    expect(list.ok && list.value.map((e) => e.kind)).toEqual(['sync', 'import']);

    const undone = await call(s, 'activity.undo', {});
    expect(undone.ok).toBe(true);
    expect(await readFile(join(root, 'core', '.env'), 'utf8')).toContain(`HIVECFM_HUB_API_KEY=${OLD_KEY}`);
  });

  it('pushes status.changed when a watched .env file is edited', async () => {
    const file = await makeWorkspace('svc-watch');
    const s = start({ store: new MemorySecretStore(), workspaceFile: file });
    await s.start();
    await call(s, 'status.get', {});
    const changed = waitForEvent(s, 'status.changed', (p) => {
      const core = (p as { secrets: Array<{ bindings: Array<{ service: string; fingerprint: string | null }> }> }).secrets[0]?.bindings.find((b) => b.service === 'core');
      return core?.fingerprint === null;
    });
    // The watcher starts in the background: keep making (distinct) edits until one is seen.
    let arrived = false;
    void changed.then(() => (arrived = true));
    for (let i = 0; i < 40 && !arrived; i++) {
      await writeFile(join(root, 'core', '.env'), `# edit ${i}\nHIVECFM_HUB_URL=http://127.0.0.1:9\n`);
      await Promise.race([changed, new Promise((r) => setTimeout(r, 500))]);
    }
    expect(arrived).toBe(true);
  });

  it('reveals a value only on the explicit reveal channel', async () => {
    const store = new MemorySecretStore();
    const file = await makeWorkspace('svc-reveal');
    store.entries.set(accounts.secret('svc-reveal', 'hub-key'), HUB_KEY);
    const s = start({ store, workspaceFile: file });
    expect(await s.invoke('secret.reveal', { secret: 'hub-key' })).toEqual({ ok: true, value: { value: HUB_KEY, clearAfterSeconds: 20 } });
    expect(await s.invoke('secret.reveal', { secret: 'hub-key', service: 'core' })).toEqual({ ok: true, value: { value: OLD_KEY, clearAfterSeconds: 20 } });
    const missing = await call(s, 'secret.reveal', { secret: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('copies through the clipboard port (cleared after 20 s); without one (web mode) copied is false', async () => {
    const store = new MemorySecretStore();
    const file = await makeWorkspace('svc-copy');
    store.entries.set(accounts.secret('svc-copy', 'hub-key'), HUB_KEY);
    const web = start({ store, workspaceFile: file });
    expect(await call(web, 'secret.copy', { secret: 'hub-key' })).toEqual({ ok: true, value: { copied: false, clearAfterSeconds: 0 } });
    await web.close();

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let board = '';
      const clipboard = { writeText: (t: string) => void (board = t), readText: () => board, clear: () => void (board = '') };
      const desk = start({ store, workspaceFile: file, clipboard });
      expect(await call(desk, 'secret.copy', { secret: 'hub-key' })).toEqual({ ok: true, value: { copied: true, clearAfterSeconds: 20 } });
      expect(board).toBe(HUB_KEY);
      vi.advanceTimersByTime(20_000);
      expect(board).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports progress for a sync, and every channel reaches its use case', async () => {
    const store = new MemorySecretStore();
    const file = await makeWorkspace('svc-wired');
    store.entries.set(accounts.secret('svc-wired', 'hub-key'), HUB_KEY);
    const s = start({ store, workspaceFile: file });
    const progress: Array<{ step: string; state: string }> = [];
    s.events.on('progress', (p) => progress.push({ step: p.step, state: p.state }));
    expect(await call(s, 'secret.sync', { secret: 'hub-key', from: 'keychain', restart: false })).toMatchObject({ ok: true, value: { ok: true } });
    expect(progress).toContainEqual({ step: 'write', state: 'done' });
    expect(progress).toContainEqual({ step: 'restart', state: 'skipped' });

    const requests: { [C in Channel]?: unknown } = {
      'doctor.run': { secret: 'hub-key' },
      'doctor.fix': { secret: 'hub-key', action: 'probe' },
      'probe.run': { secret: 'hub-key' },
      'services.restart': { services: ['hub'] },
      'secret.rotate': { secret: 'hub-key' },
      'scopes.forSecret': { secret: 'hub-key' },
      'scopes.check': { system: 'hogsend', scopes: [], endpoint: 'GET /v1/contacts' },
      'scopes.expand': { system: 'tokenhub', scopes: [] },
      'keys.list': { issuer: 'nope' },
      'keys.create': { issuer: 'nope', name: 'x', scopes: [] },
      'keys.revoke': { issuer: 'nope', id: 'k1' },
      'keys.reveal': { issuer: 'nope', id: 'k1' },
      'keys.copy': { issuer: 'nope', id: 'k1' },
      'keys.rotate': { secret: 'hub-key' },
    };
    for (const [channel, request] of Object.entries(requests)) {
      const r = await call(s, channel as Channel, request);
      if (!r.ok) expect(r.error.message, channel).not.toMatch(/not available in this build/);
    }
  });

  it('reads the time only from its clock: status, activity, progress, operation ids and the rotation journal', async () => {
    const AT = '2031-02-03T04:05:06.000Z'; // years from any real "today"
    const store = new MemorySecretStore();
    const file = await makeWorkspace('svc-clock');
    store.entries.set(accounts.secret('svc-clock', 'hub-key'), HUB_KEY);
    const s = start({ store, workspaceFile: file, clock: fixedClock(AT) });
    const stamps: string[] = [];
    s.events.on('progress', (p) => stamps.push(p.at));
    s.events.on('activity', (e) => stamps.push(e.at));
    const status = await call(s, 'status.get', {});
    expect(status.ok && status.value.checkedAt).toBe(AT);
    const synced = await call(s, 'secret.sync', { secret: 'hub-key', from: 'keychain', restart: false });
    expect(synced.ok && synced.value.activityId?.startsWith(Date.parse(AT).toString(36).padStart(9, '0'))).toBe(true);
    const rotated = await call(s, 'secret.rotate', { secret: 'hub-key' });
    expect(rotated.ok && rotated.value.operationId).toMatch(/^rotate-20310203040506-/);
    const journals = await readdir(join(root, 'data', 'journal'), { recursive: true });
    const records = await Promise.all(journals.filter((f) => f.endsWith('.json')).map(async (f) => JSON.parse(await readFile(join(root, 'data', 'journal', f), 'utf8')) as { startedAt: string; updatedAt: string }));
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect([r.startedAt, r.updatedAt]).toEqual([AT, AT]);
    const list = await call(s, 'activity.list', { limit: 10 });
    const ats = list.ok ? list.value.map((e) => e.at) : [];
    expect(ats.length).toBeGreaterThanOrEqual(2); // the sync and the rotation
    expect(new Set(ats)).toEqual(new Set([AT]));
    expect(stamps.length).toBeGreaterThan(3);
    expect(new Set(stamps)).toEqual(new Set([AT]));
  });

  it('switches the run mode in keyhive.yaml (only that value) and creates a workspace with init', async () => {
    const file = await makeWorkspace('svc-mode');
    const s = start({ store: new MemorySecretStore(), workspaceFile: file });
    const before = await readFile(file, 'utf8');
    const switched = await call(s, 'workspace.setRunMode', { runMode: 'docker' });
    expect(switched).toMatchObject({ ok: true, value: { workspace: { runMode: 'docker' } } });
    expect(await readFile(file, 'utf8')).toBe(before.replace('runMode: native', 'runMode: docker'));

    const project = join(root, 'project');
    await mkdir(join(project, 'api'), { recursive: true });
    await writeFile(join(project, 'api', '.env'), 'API_KEY=some-value\n');
    const created = await call(s, 'workspace.init', { dir: project });
    expect(created).toMatchObject({ ok: true, value: { file: join(project, 'keyhive.yaml') } });
    expect(await call(s, 'workspace.current', {})).toEqual({ ok: true, value: { file: join(project, 'keyhive.yaml') } });
    expect(await readFile(join(project, 'keyhive.yaml'), 'utf8')).not.toContain('some-value');
    const again = await call(s, 'workspace.init', { dir: project });
    expect(again).toMatchObject({ ok: false, error: { code: 'FILE_CONFLICT' } });
  });

  it('refuses calls after close', async () => {
    const s = start({ store: new MemorySecretStore() });
    await s.close();
    expect(await s.invoke('workspace.current', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
