/**
 * Issue 15 items 7 and 8 in web mode, over real HTTP on 127.0.0.1 with real files and the real
 * keychain: a missing service folder is a clear NOT_FOUND with the fix (not "internal error:
 * ENOENT"), and a keyhive.yaml corrupted or deleted while `keyhive web` runs is pushed to the page
 * at once as a `workspace.error` event (and reported by workspace.current) until it loads again.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyhiveService } from '../../electron/app/keyhive-service.js';
import { KeytarSecretStore } from '../../electron/adapters/keychain/keytar-secret-store.js';
import { startWebServer, type RunningWebServer } from '../../electron/web/web-server.js';
import { web } from '../../shared/api.js';
import { requireKeyring } from '../support/keyring-session.js';
import { openEventStream, rawRequest } from './http-client.js';

const TOKEN = 'P'.repeat(43);
const KEY = 'hub-key-problems0123456789abcdef01234567';

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyhive-web-ui-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Keyhive</title>');
  return dir;
}

describe('keyhive web: workspace problems are surfaced, not dropped (real HTTP, real files)', { timeout: 60_000 }, () => {
  const id = `web-problems-${process.pid}-${Date.now()}`;
  let root: string;
  let file: string;
  let yaml: string;
  let server: RunningWebServer;
  let service: ReturnType<typeof createKeyhiveService>;
  let cookie = '';
  const host = () => `127.0.0.1:${server.port}`;

  beforeAll(async () => {
    requireKeyring();
    root = mkdtempSync(join(tmpdir(), 'keyhive-web-problems-'));
    mkdirSync(join(root, 'hub'));
    // `core` is declared but not cloned yet — the normal state right after `keyhive init --preset`.
    writeFileSync(join(root, 'hub', '.env'), `API_KEY=${KEY}\n`);
    file = join(root, 'keyhive.yaml');
    yaml = `name: web\nid: ${id}\nrunMode: native\nservices:\n  hub: { dir: hub }\n  core:\n    dir: core\nsecrets:\n  hub-key:\n    bindings:\n      - { service: hub, var: API_KEY, role: server }\n      - { service: core, var: HIVECFM_HUB_API_KEY, role: client }\n`;
    writeFileSync(file, yaml);
    service = createKeyhiveService({ workspaceFile: file, store: new KeytarSecretStore(), dataDir: join(root, 'data') });
    await service.start();
    server = await startWebServer({ service, rendererDir: rendererDir(), token: TOKEN, heartbeatMs: 200 });
    const login = await rawRequest(server.port, { path: `/?${web.tokenParam}=${TOKEN}`, headers: { host: host() } });
    cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  });
  afterAll(async () => {
    await server.close();
    await service.close();
    const { KeytarSecretStore } = await import('../../electron/adapters/keychain/keytar-secret-store.js');
    const store = new KeytarSecretStore();
    for (const a of [`${id}/hub-key`, `${id}/.fingerprint-key`]) await store.delete(a).catch(() => false);
    rmSync(root, { recursive: true, force: true });
  });

  const post = async (channel: string, body: unknown) => {
    const res = await rawRequest(server.port, {
      method: 'POST',
      path: `${web.apiPrefix}${channel}`,
      headers: { host: host(), 'content-type': 'application/json', cookie, origin: server.origin, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify(body),
    });
    expect(res.body).not.toContain(KEY);
    return JSON.parse(res.body) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string; fix?: string; line?: number } };
  };

  it('a sync touching a service folder that does not exist: NOT_FOUND naming it, with the fix — nothing written', async () => {
    const r = await post('secret.sync', { secret: 'hub-key', from: { service: 'hub' }, restart: false });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('NOT_FOUND');
    expect(r.error?.message).toContain('core');
    expect(r.error?.message).not.toMatch(/internal|ENOENT/);
    expect(r.error?.fix).toMatch(/[Cc]lone the service/);
    expect(r.error?.fix).toContain('dir:');
    expect(r.error?.line).toBe(7); // the `dir: core` line
    const imp = await post('secret.import', { secret: 'hub-key', service: 'core' });
    expect(imp.error).toMatchObject({ code: 'NOT_FOUND', fix: expect.stringMatching(/[Cc]lone/) });
  });

  it('a corrupted, then deleted keyhive.yaml reaches the page at once as workspace.error; fixed, the error clears', async () => {
    const stream = openEventStream(server.port, { host: host(), cookie });
    expect(await stream.connected).toBe(200);
    try {
      expect(await post('workspace.current', {})).toEqual({ ok: true, value: { file } });
      // The watcher attaches while the service starts: write until it is heard (no timing guess).
      const isBroken = (f: string) => f.startsWith('event: workspace.error') && f.includes('"code":"WORKSPACE_INVALID"');
      let broken = '';
      for (let i = 0; i < 40 && !broken; i++) {
        writeFileSync(file, `# edit ${i}\n` + yaml.replace('services:', 'services:\n  - this is: [not valid'));
        broken = await stream.waitFor(isBroken, 500).catch(() => '');
      }
      const payload = JSON.parse(broken.split('\ndata: ')[1] ?? '') as { file: string; error: { line?: number; fix?: string } };
      expect(payload.file).toBe(file);
      expect(payload.error.line).toBeGreaterThan(0);
      expect(payload.error.fix).toBeTruthy();
      const cur = await post('workspace.current', {});
      expect(cur).toMatchObject({ ok: true, value: { file, problem: { code: 'WORKSPACE_INVALID' } } });

      writeFileSync(file, yaml);
      await stream.waitFor((f) => f.startsWith('event: workspace.error') && f.includes('"error":null'));
      expect(await post('workspace.current', {})).toEqual({ ok: true, value: { file } });

      unlinkSync(file);
      const gone = await stream.waitFor((f) => f.startsWith('event: workspace.error') && f.includes('"code":"NOT_FOUND"'));
      expect(gone).toContain('keyhive.yaml');
      expect(await post('workspace.current', {})).toMatchObject({ value: { problem: { code: 'NOT_FOUND' } } });
    } finally {
      stream.stop();
      writeFileSync(file, yaml);
    }
  });
});
