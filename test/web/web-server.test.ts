import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/app/api-dispatch.js';
import { createEventBus } from '../../electron/app/events.js';
import { createKeyhiveService } from '../../electron/app/keyhive-service.js';
import { KeytarSecretStore } from '../../electron/adapters/keychain/keytar-secret-store.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';
import { startWebServer, type RunningWebServer } from '../../electron/web/web-server.js';
import { CONTENT_SECURITY_POLICY, web } from '../../shared/api.js';
import { openEventStream, rawRequest } from './http-client.js';

const TOKEN = 'T'.repeat(43);

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyhive-web-ui-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Keyhive</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {}');
  return dir;
}

describe('keyhive web server (real HTTP on 127.0.0.1)', () => {
  let server: RunningWebServer;
  let cookie: string;
  const service = createKeyhiveService({ workspaceFile: '/tmp/keyhive-web-test/keyhive.yaml', store: new MemorySecretStore(), dataDir: mkdtempSync(join(tmpdir(), 'keyhive-web-data-')) });
  const host = () => `127.0.0.1:${server.port}`;
  const api = (channel: string, headers: Record<string, string> = {}, body = '{}') =>
    rawRequest(server.port, {
      method: 'POST',
      path: `${web.apiPrefix}${channel}`,
      headers: { host: host(), 'content-type': 'application/json', cookie, ...headers },
      body,
    });

  beforeAll(async () => {
    server = await startWebServer({ service, rendererDir: rendererDir(), port: 0, token: TOKEN });
    const res = await rawRequest(server.port, { path: `/?${web.tokenParam}=${TOKEN}`, headers: { host: host() } });
    const setCookie = String(res.headers['set-cookie'] ?? '');
    cookie = setCookie.split(';')[0] ?? '';
  });
  afterAll(async () => {
    await server.close();
    await service.close();
  });

  it('listens on 127.0.0.1 only and prints a tokened URL', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    // Not on any other interface of this machine (never 0.0.0.0).
    const others = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4');
    for (const nic of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const sock = connect({ host: nic!.address, port: server.port });
        sock.once('connect', () => (sock.destroy(), resolve(false)));
        sock.once('error', () => resolve(true));
      });
      expect(refused, nic!.address).toBe(true);
    }
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie and strips it from the URL', async () => {
    const fresh = await startWebServer({ service, rendererDir: rendererDir(), port: 0, token: TOKEN });
    const h = `127.0.0.1:${fresh.port}`;
    const res = await rawRequest(fresh.port, { path: `/?${web.tokenParam}=${TOKEN}`, headers: { host: h, 'sec-fetch-site': 'none' } });
    await fresh.close();
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${web.cookieName}_${fresh.port}=[A-Za-z0-9_-]{43};`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(TOKEN);
    const page = await rawRequest(server.port, { path: '/', headers: { host: host(), cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Keyhive</title>');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const asset = await rawRequest(server.port, { path: '/assets/app.js', headers: { host: host(), cookie } });
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('the URL token is single-use: replaying it after the exchange is refused (no cookie), the signed-in browser is sent on', async () => {
    const own = await startWebServer({ service, rendererDir: rendererDir(), port: 0, token: TOKEN });
    try {
      const h = `127.0.0.1:${own.port}`;
      const first = await rawRequest(own.port, { path: `/?${web.tokenParam}=${TOKEN}`, headers: { host: h } });
      expect(first.status).toBe(303);
      const ownCookie = String(first.headers['set-cookie']).split(';')[0] ?? '';
      // An attacker (or another browser) replaying the printed URL: refused, no cookie, no page.
      const replay = await rawRequest(own.port, { path: `/?${web.tokenParam}=${TOKEN}`, headers: { host: h } });
      expect(replay.status).toBe(401);
      expect(replay.headers['set-cookie']).toBeUndefined();
      expect(replay.body).toContain('already used');
      expect(replay.body).not.toContain('<title>Keyhive</title>');
      const replayApi = await rawRequest(own.port, { method: 'POST', path: `${web.apiPrefix}workspace.current`, headers: { host: h, 'content-type': 'application/json' }, body: '{}' });
      expect(replayApi.status).toBe(401);
      // The browser that holds the session may open the URL again: redirected without the token.
      const again = await rawRequest(own.port, { path: `/?${web.tokenParam}=${TOKEN}`, headers: { host: h, cookie: ownCookie } });
      expect(again.status).toBe(303);
      expect(again.headers['location']).toBe('/');
      expect((await rawRequest(own.port, { path: '/', headers: { host: h, cookie: ownCookie } })).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('refuses the page and the API without the token or with a wrong one', async () => {
    const noToken = await rawRequest(server.port, { path: '/', headers: { host: host() } });
    expect(noToken.status).toBe(401);
    expect(noToken.body).not.toContain('<title>Keyhive</title>');
    const wrong = await rawRequest(server.port, { path: `/?token=${'X'.repeat(43)}`, headers: { host: host() } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const apiNoCookie = await api('workspace.current', { cookie: '' });
    expect(apiNoCookie.status).toBe(401);
    expect(JSON.parse(apiNoCookie.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const apiWrongCookie = await api('workspace.current', { cookie: `${web.cookieName}_${server.port}=${'A'.repeat(43)}` });
    expect(apiWrongCookie.status).toBe(401);
    const tokenAsCookie = await api('workspace.current', { cookie: `${web.cookieName}_${server.port}=${TOKEN}` });
    expect(tokenAsCookie.status).toBe(401);
    const events = await rawRequest(server.port, { path: web.eventsPath, headers: { host: host() } });
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Origin, cross-site Sec-Fetch-Site and a rebinding Host — with no data', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['foreign origin', { origin: 'http://evil.example' }],
      ['other local port', { origin: 'http://127.0.0.1:1' }],
      ['null origin', { origin: 'null' }],
      ['cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['same-site', { 'sec-fetch-site': 'same-site' }],
      ['rebinding host', { host: `evil.example:${server.port}` }],
      ['host without port', { host: '127.0.0.1' }],
    ];
    for (const [what, headers] of cases) {
      const res = await api('workspace.current', headers);
      expect([401, 403], what).toContain(res.status);
      expect(res.body, what).not.toContain('keyhive-web-test');
      expect(JSON.parse(res.body), what).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      const page = await rawRequest(server.port, { path: '/', headers: { host: host(), cookie, ...headers } });
      if (what !== 'same-site' && what !== 'cross-site') expect([401, 403], what).toContain(page.status);
    }
    const rebindPage = await rawRequest(server.port, { path: `/?token=${TOKEN}`, headers: { host: `evil.example:${server.port}` } });
    expect(rebindPage.status).toBe(403);
    expect(rebindPage.headers['set-cookie']).toBeUndefined();
    const crossPage = await rawRequest(server.port, { path: '/', headers: { host: host(), cookie, 'sec-fetch-site': 'cross-site' } });
    expect(crossPage.status).toBe(403);
  });

  it('round-trips the API for our own page (Origin, Sec-Fetch-Site same-origin, localhost too)', async () => {
    const res = await api('workspace.current', { origin: server.origin, 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { file: '/tmp/keyhive-web-test/keyhive.yaml' } });
    const viaLocalhost = await api('workspace.current', { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` });
    expect(viaLocalhost.status).toBe(200);
  });

  it('accepts only JSON POSTs within the size limit', async () => {
    expect((await api('workspace.current', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await api('workspace.current', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await rawRequest(server.port, { path: '/api/workspace.current', headers: { host: host(), cookie } })).status).toBe(405);
    expect((await api('workspace.current', {}, '{not json')).status).toBe(400);
    expect((await api('workspace.current', {}, JSON.stringify({ pad: 'x'.repeat(300 * 1024) }))).status).toBe(413);
    const unknown = await api('shell.exec');
    expect(unknown.status).toBe(404);
    const invalid = await api('secret.reveal', {}, JSON.stringify({ secret: 7 }));
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('streams events to our page only, with heartbeats, and closes streams on shutdown', async () => {
    const bus = createEventBus();
    const svc = createKeyhiveService({ store: new MemorySecretStore(), dataDir: mkdtempSync(join(tmpdir(), 'keyhive-web-data-')) });
    const own = await startWebServer({
      service: { invoke: (c, r) => dispatch(svc.handlers, c, r), events: bus },
      rendererDir: rendererDir(),
      token: TOKEN,
      heartbeatMs: 100,
    });
    const h = `127.0.0.1:${own.port}`;
    const login = await rawRequest(own.port, { path: `/?token=${TOKEN}`, headers: { host: h } });
    const c = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const foreign = openEventStream(own.port, { host: h, cookie: c, origin: 'http://evil.example' });
    expect(await foreign.connected).toBe(403);
    foreign.stop();
    const stream = openEventStream(own.port, { host: h, cookie: c });
    expect(await stream.connected).toBe(200);
    await stream.waitFor((f) => f.startsWith(': heartbeat'));
    const progress = { operationId: 'op-1', operation: 'sync' as const, step: 'write', label: 'Write', state: 'done' as const, at: new Date().toISOString() };
    bus.emit('progress', progress);
    const frame = await stream.waitFor((f) => f.startsWith('event: progress'));
    expect(JSON.parse(frame.split('\ndata: ')[1] ?? '')).toEqual(progress);
    await own.close();
    await svc.close();
    stream.stop();
  });
});

describe('keyhive web on a real workspace (real files, real keychain)', () => {
  const KEY = 'hub-key-web0123456789abcdef0123456789abcd';
  const STALE = 'hub-key-webstale000000000000000000000000';
  const id = `web-test-${process.pid}-${Date.now()}`;
  let root: string;
  let server: RunningWebServer;
  let service: ReturnType<typeof createKeyhiveService>;
  let cookie = '';
  const responses: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'keyhive-web-ws-'));
    mkdirSync(join(root, 'hub'));
    mkdirSync(join(root, 'core'));
    writeFileSync(join(root, 'hub', '.env'), `API_KEY=${KEY}\n`);
    writeFileSync(join(root, 'core', '.env'), `HIVECFM_HUB_API_KEY=${STALE}\n`);
    writeFileSync(
      join(root, 'keyhive.yaml'),
      `name: web\nid: ${id}\nrunMode: native\nservices:\n  hub: { dir: hub }\n  core: { dir: core }\nsecrets:\n  hub-key:\n    bindings:\n      - { service: hub, var: API_KEY, role: server }\n      - { service: core, var: HIVECFM_HUB_API_KEY, role: client }\n`,
    );
    service = createKeyhiveService({ workspaceFile: join(root, 'keyhive.yaml'), store: new KeytarSecretStore(), dataDir: join(root, 'data') });
    await service.start();
    // No heartbeatMs: heartbeats are the hub's own test (above); here they would only interleave.
    server = await startWebServer({ service, rendererDir: rendererDir(), token: TOKEN });
    const login = await rawRequest(server.port, { path: `/?token=${TOKEN}`, headers: { host: `127.0.0.1:${server.port}` } });
    cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterAll(async () => {
    await server.close();
    const { KeytarSecretStore } = await import('../../electron/adapters/keychain/keytar-secret-store.js');
    const store = new KeytarSecretStore();
    await store.delete(`${id}/hub-key`).catch(() => false);
    await store.delete(`${id}/.fingerprint-key`).catch(() => false);
    store.close();
    await service.close();
    for (const r of responses) {
      expect(r).not.toContain(KEY);
      expect(r).not.toContain(STALE);
    }
  });

  const post = async (channel: string, body: unknown) => {
    const res = await rawRequest(server.port, {
      method: 'POST',
      path: `${web.apiPrefix}${channel}`,
      headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', cookie, origin: server.origin, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify(body),
    });
    responses.push(res.body);
    return JSON.parse(res.body) as { ok: boolean; value?: never; error?: { code: string } };
  };

  it('imports into the keychain and syncs over HTTP; SSE carries activity and status.changed after a file edit', async () => {
    const stream = openEventStream(server.port, { host: `127.0.0.1:${server.port}`, cookie });
    expect(await stream.connected).toBe(200);
    try {
      expect(await post('status.get', {})).toMatchObject({ ok: true });
      expect(await post('secret.import', { secret: 'hub-key', service: 'hub' })).toMatchObject({ ok: true, value: { ok: true } });
      expect(await post('secret.sync', { secret: 'hub-key', from: 'keychain', restart: false })).toMatchObject({ ok: true, value: { ok: true } });
      await stream.waitFor((f) => f.startsWith('event: activity') && f.includes('"kind":"sync"'));

      // A real edit by hand: the core goes stale again; the page hears it without asking
      // (only frames that arrive after the edit count).
      let seen = false;
      for (let i = 0; i < 40 && !seen; i++) {
        const mark = stream.frames.length;
        writeFileSync(join(root, 'core', '.env'), `# hand edit ${i}\nHIVECFM_HUB_API_KEY=${STALE}\n`);
        seen = await stream
          .waitFor((f) => f.startsWith('event: status.changed') && f.includes('"state":"drifted"'), 500, mark)
          .then(() => true, () => false);
      }
      expect(seen).toBe(true);
    } finally {
      responses.push(...stream.frames);
      stream.stop();
    }
  });
});
