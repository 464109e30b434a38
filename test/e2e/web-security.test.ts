/**
 * Web-mode refusals seen from real Chromium: our own page (opened with the printed token) can
 * use the API; a page on another origin — another port on 127.0.0.1 (same-site, so the
 * SameSite cookie even rides along) or another site — cannot read anything, and its requests
 * never reach the engine; a DNS-rebinding name pointing at 127.0.0.1 is refused by Host.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createKeyhiveService, type KeyhiveService } from '../../electron/app/keyhive-service.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';
import { startWebServer, type RunningWebServer } from '../../electron/web/web-server.js';
import { web } from '../../shared/api.js';

const ATTACKER_HOST = 'attacker.test';
const REBIND_HOST = 'rebind.test';

function uiDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyhive-e2e-ui-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Keyhive</title><script type="module" src="./assets/app.js"></script></head><body><div id="root">loading</div></body></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), "document.getElementById('root').textContent = 'Keyhive UI';\n");
  return dir;
}

/** The attacker's page: tries every way to read the Keyhive API from another origin. */
function attackerPage(target: string): string {
  return `<!doctype html><html><body><script>
  window.results = (async () => {
    const out = {};
    const api = ${JSON.stringify(target)} + '${web.apiPrefix}workspace.current';
    try {
      const r = await fetch(api, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' });
      out.corsJson = 'read:' + (await r.text());
    } catch (e) { out.corsJson = 'blocked'; }
    try {
      const r = await fetch(api, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' });
      out.noCors = r.type === 'opaque' ? 'opaque' : 'read:' + (await r.text());
    } catch (e) { out.noCors = 'blocked'; }
    try {
      const r = await fetch(${JSON.stringify(target)} + '/', { credentials: 'include' });
      out.page = 'read:' + (await r.text());
    } catch (e) { out.page = 'blocked'; }
    out.events = await new Promise((resolve) => {
      const es = new EventSource(${JSON.stringify(target)} + '${web.eventsPath}', { withCredentials: true });
      es.onopen = () => { es.close(); resolve('open'); };
      es.onerror = () => { es.close(); resolve('error'); };
      setTimeout(() => { es.close(); resolve('timeout'); }, 5000);
    });
    return out;
  })();
</script></body></html>`;
}

describe('web mode from real Chromium', () => {
  let service: KeyhiveService;
  let server: RunningWebServer;
  let attacker: Server;
  let attackerPort: number;
  let browser: Browser;
  let context: BrowserContext;
  const reachedEngine: string[] = [];

  beforeAll(async () => {
    service = createKeyhiveService({ workspaceFile: '/tmp/keyhive-e2e/keyhive.yaml', store: new MemorySecretStore(), dataDir: mkdtempSync(join(tmpdir(), 'keyhive-e2e-data-')) });
    const counted = { events: service.events, invoke: (c: string, r: unknown) => (reachedEngine.push(c), service.invoke(c, r)) };
    server = await startWebServer({ service: counted, rendererDir: uiDir(), port: 0 });
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(attackerPage(server.origin));
    });
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    attackerPort = (attacker.address() as AddressInfo).port;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--host-resolver-rules=MAP ${ATTACKER_HOST} 127.0.0.1, MAP ${REBIND_HOST} 127.0.0.1`,
      ],
    });
    context = await browser.newContext(); // a fresh, empty profile
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise<void>((r) => (attacker ? attacker.close(() => r()) : r()));
    await server?.close();
    await service?.close();
  });

  async function openOwnPage(): Promise<Page> {
    const page = await context.newPage();
    const res = await page.goto(server.url);
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${server.origin}/`); // token stripped by the redirect
    await expect.poll(() => page.textContent('#root')).toBe('Keyhive UI');
    return page;
  }

  it('our own page, opened with the token, reads the API; the cookie is HttpOnly', async () => {
    const page = await openOwnPage();
    const answer = await page.evaluate(async (path) => {
      const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { status: r.status, body: await r.json(), cookie: document.cookie };
    }, `${web.apiPrefix}workspace.current`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true, value: { file: '/tmp/keyhive-e2e/keyhive.yaml' } });
    expect(answer.cookie).toBe('');
    await page.close();
  });

  it('the printed URL is single-use: replayed in another browser after the exchange, it opens nothing', async () => {
    await (await openOwnPage()).close(); // the printed URL was used by our browser
    const other = await browser.newContext();
    const page = await other.newPage();
    const res = await page.goto(server.url);
    expect(res?.status()).toBe(401);
    expect(await page.content()).toContain('already used');
    expect(await page.content()).not.toContain('Keyhive UI');
    await other.close();
  });

  it('without the token the page shows nothing of Keyhive', async () => {
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    const res = await page.goto(`${server.origin}/`);
    expect(res?.status()).toBe(401);
    expect(await page.content()).not.toContain('Keyhive UI');
    await fresh.close();
  });

  for (const [label, host] of [
    ['another port on 127.0.0.1 (same-site)', '127.0.0.1'],
    ['another site', ATTACKER_HOST],
  ] as const) {
    it(`a page on ${label} cannot read the API, page or events`, async () => {
      await (await openOwnPage()).close(); // the victim has a live session cookie
      const before = reachedEngine.length;
      const page = await context.newPage();
      await page.goto(`http://${host}:${attackerPort}/`);
      const results = await page.evaluate(() => (window as unknown as { results: Promise<Record<string, string>> }).results);
      expect(results['corsJson']).toBe('blocked');
      expect(['opaque', 'blocked']).toContain(results['noCors']);
      expect(results['page']).toBe('blocked');
      expect(results['events']).toBe('error');
      expect(JSON.stringify(results)).not.toContain('keyhive-e2e');
      expect(reachedEngine.length).toBe(before); // refused before the engine
      await page.close();
    });
  }

  it('a DNS-rebinding name that resolves to 127.0.0.1 is refused by Host', async () => {
    const page = await context.newPage();
    const res = await page.goto(`http://${REBIND_HOST}:${server.port}${new URL(server.url).search}`);
    expect(res?.status()).toBe(403);
    const before = reachedEngine.length;
    const answer = await page.evaluate(async (path) => {
      const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { status: r.status, text: await r.text() };
    }, `${web.apiPrefix}workspace.current`);
    expect(answer.status).toBe(403);
    expect(answer.text).not.toContain('keyhive-e2e');
    expect(reachedEngine.length).toBe(before);
    await page.close();
  });
});
