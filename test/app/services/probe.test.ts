import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { formatProbeLine, runProbes } from '../../../electron/app/services/probe.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { createHubServer } from '../../../electron/demo/peers/hivecfm/hub.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

const KEY = 'hub-key-0123456789abcdef0123456789abcdef';
let root: string;
const servers: Server[] = [];
const listen = async (s: Server): Promise<number> => {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keyhive-probe-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
  await rm(root, { recursive: true, force: true });
});

async function workspace(hubUrl: string, coreKey: string, extra = ''): Promise<string> {
  await mkdir(join(root, 'hub'));
  await mkdir(join(root, 'core'));
  await writeFile(join(root, 'hub', '.env'), `PORT=8080\nAPI_KEY=${KEY}\n`);
  await writeFile(join(root, 'core', '.env'), `HIVECFM_HUB_URL=${hubUrl}\nHIVECFM_HUB_API_KEY=${coreKey}\n`);
  const file = join(root, 'keyhive.yaml');
  await writeFile(
    file,
    `name: probe-test
id: probe-test
runMode: native
services:
  hub:
    dir: hub
    urls: { native: "${hubUrl}", docker: "http://hivecfm-hub-api:8080" }
    health: /health
  core:
    dir: core
secrets:
  hub-key:
    bindings:
      - { service: hub, var: API_KEY, role: server }
      - { service: core, var: HIVECFM_HUB_API_KEY, role: client, urlVar: HIVECFM_HUB_URL }
    probes: { smoke: "GET /v1/webhooks" }
${extra}`,
  );
  return file;
}

describe('runProbes against the reference hub', () => {
  it('in sync: health, smoke, wrong-key control and header shape all pass, with latency and no key in the results', async () => {
    const port = await listen(createHubServer(KEY, () => {}));
    const ws = await loadWorkspace(await workspace(`http://localhost:${port}`, KEY));
    const results = await runProbes({ workspace: ws }, 'hub-key');
    expect(results.map((r) => `${r.kind}:${r.ok}:${r.status}`)).toEqual(['health:true:200', 'auth-smoke:true:200', 'negative-control:true:401', 'header-shape:true:401']);
    expect(results.every((r) => typeof r.latencyMs === 'number')).toBe(true);
    expect(results.find((r) => r.kind === 'header-shape')?.detail).toMatch(/insists on `Authorization: Bearer <key>`/);
    const text = JSON.stringify(results) + results.map(formatProbeLine).join('\n');
    expect(text).not.toContain(KEY);
  });

  it('a drifted caller key fails the smoke test with the cause and the fix', async () => {
    const port = await listen(createHubServer(KEY, () => {}));
    const ws = await loadWorkspace(await workspace(`http://localhost:${port}`, 'some-other-key-value-abcdef'));
    const smoke = (await runProbes({ workspace: ws }, 'hub-key')).find((r) => r.kind === 'auth-smoke')!;
    expect(smoke).toMatchObject({ ok: false, status: 401 });
    expect(smoke.fix).toMatch(/keyhive doctor|keyhive sync/);
  });

  it('an empty caller key falls back to the keychain value, and an explicit key wins over both', async () => {
    const port = await listen(createHubServer(KEY, () => {}));
    const ws = await loadWorkspace(await workspace(`http://localhost:${port}`, ''));
    const store = new MemorySecretStore();
    await store.set(accounts.secret('probe-test', 'hub-key'), KEY);
    expect((await runProbes({ workspace: ws, store }, 'hub-key')).every((r) => r.ok)).toBe(true);
    const forced = await runProbes({ workspace: ws, store }, 'hub-key', { key: 'not-the-key' });
    expect(forced.find((r) => r.kind === 'auth-smoke')?.ok).toBe(false);
  });

  it('the wrong key of the negative control is random per run and never the real key', async () => {
    const seen: string[] = [];
    const port = await listen(createServer((req, res) => {
      if (req.headers.authorization) seen.push(req.headers.authorization);
      res.writeHead(req.headers.authorization === `Bearer ${KEY}` ? 200 : 401).end('{}');
    }));
    const ws = await loadWorkspace(await workspace(`http://127.0.0.1:${port}`, KEY));
    await runProbes({ workspace: ws }, 'hub-key');
    await runProbes({ workspace: ws }, 'hub-key');
    const wrong = seen.filter((h) => h !== `Bearer ${KEY}` && h.startsWith('Bearer '));
    expect(wrong).toHaveLength(2);
    expect(wrong[0]).not.toBe(wrong[1]);
  });

  it('spaces the next probe by Retry-After after a 429 instead of retrying', async () => {
    const arrivals: Array<{ path: string; at: number }> = [];
    let first = true;
    const port = await listen(createServer((req, res) => {
      arrivals.push({ path: req.url ?? '', at: Date.now() });
      if (first) {
        first = false;
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":"Rate limit exceeded"}');
        return;
      }
      res.writeHead(req.headers.authorization === `Bearer ${KEY}` ? 200 : 401).end('{}');
    }));
    const ws = await loadWorkspace(await workspace(`http://127.0.0.1:${port}`, KEY));
    const results = await runProbes({ workspace: ws }, 'hub-key');
    expect(results[0]).toMatchObject({ kind: 'health', ok: false, status: 429 });
    expect(results[0]?.cause).toMatch(/rate limiting/);
    // the 429'd health probe is not retried; the next probe waited at least ~1 s
    expect(arrivals.filter((a) => a.path === '/health')).toHaveLength(1);
    expect(arrivals[1]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(900);
    expect(results.slice(1).every((r) => r.ok)).toBe(true);
  });

  it('docker mode probes the published host port of the service name', async () => {
    const port = await listen(createHubServer(KEY, () => {}));
    const file = await workspace(`http://localhost:${port}`, KEY);
    const ws = await loadWorkspace(file);
    ws.config.runMode = 'docker';
    ws.services.get('hub')!.config.docker = { composeFile: 'compose.yaml', service: 'hivecfm-hub-api' };
    const asked: number[] = [];
    const controller = { publishedUrl: async (_s: unknown, containerPort: number) => (asked.push(containerPort), `http://127.0.0.1:${port}`) };
    const results = await runProbes({ workspace: ws, controller }, 'hub-key');
    expect(asked).toContain(8080);
    expect(results.every((r) => r.ok && r.url.startsWith(`http://127.0.0.1:${port}/`))).toBe(true);
    const unpublished = await runProbes({ workspace: ws, controller: { publishedUrl: async () => null } }, 'hub-key');
    expect(unpublished.every((r) => !r.ok && /not published/.test(r.cause ?? ''))).toBe(true);
  });

  it('refuses a secret whose server lives outside loopback and the workspace hosts', async () => {
    const ws = await loadWorkspace(await workspace('http://localhost:9', KEY));
    ws.config.services.hub!.urls.native = 'http://93.184.216.34:80';
    await expect(runProbes({ workspace: ws }, 'hub-key')).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED' });
    await expect(runProbes({ workspace: ws }, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
