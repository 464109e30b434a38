/**
 * undici's dispatcher API loaded without the rest of the package (undici-lite.ts), against a real
 * HTTP server: the same classes as `import 'undici'` (one copy of undici, one global dispatcher),
 * and `request` sends method, path, query, headers and body as undici's own does.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as undici from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from '../../../electron/adapters/http/undici-lite.js';

let origin = '';
const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];
const server = createServer((req: IncomingMessage, res) => {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('undici-lite', () => {
  it('is the same undici: its Agent is undici.Agent and both share the global dispatcher', () => {
    expect(Agent).toBe(undici.Agent);
    expect(typeof undici.getGlobalDispatcher().request).toBe('function');
  });

  it('request through the global dispatcher and through an Agent of its own', async () => {
    const viaGlobal = await request(`${origin}/v1/items?limit=2`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: '{"a":1}' });
    expect(viaGlobal.statusCode).toBe(201);
    expect(await viaGlobal.body.json()).toEqual({ ok: true });
    const agent = new Agent({ connections: 2 });
    try {
      const viaAgent = await request(new URL(`${origin}/health`), { dispatcher: agent });
      expect(viaAgent.statusCode).toBe(201);
      await viaAgent.body.dump();
    } finally {
      await agent.close();
    }
    expect(seen).toEqual([
      { method: 'POST', url: '/v1/items?limit=2', auth: 'Bearer t', body: '{"a":1}' },
      { method: 'GET', url: '/health', auth: undefined, body: '' },
    ]);
  });
});
