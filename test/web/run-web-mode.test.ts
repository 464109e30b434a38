import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWebMode } from '../../electron/web/run-web-mode.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';
import { rawRequest } from './http-client.js';

describe('runWebMode', () => {
  it('prints the tokened URL once, serves the UI, reports an unopenable workspace, and stops cleanly', async () => {
    const root = mkdtempSync(join(tmpdir(), 'keyhive-webmode-'));
    mkdirSync(join(root, 'out', 'renderer'), { recursive: true });
    writeFileSync(join(root, 'out', 'renderer', 'index.html'), '<title>Keyhive</title>');
    const out: string[] = [];
    const err: string[] = [];
    let port = 0;
    let closedAfter: number | null = null;
    await runWebMode({
      context: { store: new MemorySecretStore(), dataDir: join(root, 'data') },
      projectRoot: root,
      workspaceFile: join(root, 'missing', 'keyhive.yaml'),
      port: 0,
      open: false,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      untilStopped: async (server) => {
        port = server.port;
        const page = await rawRequest(port, { path: new URL(server.url).pathname + new URL(server.url).search, headers: { host: `127.0.0.1:${port}` } });
        expect(page.status).toBe(303);
        closedAfter = out.length;
      },
    });
    expect(out.filter((l) => l.includes('?token=')).length).toBe(1);
    expect(out[0]).toMatch(/^Keyhive web UI: http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(out.at(-1)).toBe('Keyhive web stopped.');
    expect(closedAfter).toBe(2);
    expect(err.join('\n')).toMatch(/keyhive:.*missing/);
    await expect(rawRequest(port, { path: '/', headers: { host: `127.0.0.1:${port}` } })).rejects.toThrow(/ECONNREFUSED/);
  });
});
