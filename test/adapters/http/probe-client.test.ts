import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { ProbeClient } from '../../../electron/adapters/http/probe-client.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, host = '127.0.0.1'): Promise<{ url: string; hits: IncomingMessage[]; server: Server }> {
  const hits: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    hits.push(req);
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, hits, server };
}
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const loopbackOnly = new Set<string>();

describe('ProbeClient against real HTTP servers', () => {
  it('returns status, lower-case headers, the body and a latency, sending the given headers', async () => {
    const { url, hits } = await serve((req, res) => {
      res.setHeader('X-RateLimit-Remaining', '7');
      res.end(JSON.stringify({ auth: req.headers.authorization ?? null }));
    });
    const client = new ProbeClient(loopbackOnly);
    const out = await client.send({ method: 'GET', url: `${url}/v1/webhooks`, headers: { Authorization: 'Bearer abc' } });
    await client.close();
    if (!('response' in out)) throw new Error(`failed: ${out.failure.failure}`);
    expect(out.response.status).toBe(200);
    expect(out.response.headers['x-ratelimit-remaining']).toBe('7');
    expect(JSON.parse(out.response.body)).toEqual({ auth: 'Bearer abc' });
    expect(out.latencyMs).toBeGreaterThanOrEqual(0);
    expect(hits[0]?.url).toBe('/v1/webhooks');
  });

  it('does not follow a redirect: the 302 is the answer and the other server never sees the key', async () => {
    const other = await serve((_req, res) => res.end('stolen'));
    const { url } = await serve((_req, res) => {
      res.writeHead(302, { location: `${other.url}/grab` });
      res.end();
    });
    const client = new ProbeClient(loopbackOnly);
    const out = await client.send({ method: 'GET', url, headers: { Authorization: 'Bearer secret-value' } });
    await client.close();
    expect('response' in out && out.response.status).toBe(302);
    expect(other.hits).toHaveLength(0);
  });

  it('a server that never sends headers fails after the 5 s header timeout instead of hanging', async () => {
    const { url } = await serve(() => {
      /* never answers */
    });
    const client = new ProbeClient(loopbackOnly);
    const t0 = Date.now();
    const out = await client.send({ method: 'GET', url });
    const elapsed = Date.now() - t0;
    await client.close();
    expect('failure' in out && out.failure.failure).toBe('headers-timeout');
    expect(elapsed).toBeGreaterThanOrEqual(4500);
    expect(elapsed).toBeLessThan(15_000);
  }, 30_000);

  it('a body that stalls fails with a body timeout', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const client = new ProbeClient(loopbackOnly, { bodyTimeoutMs: 500 });
    const out = await client.send({ method: 'GET', url });
    await client.close();
    expect('failure' in out && out.failure.failure).toBe('body-timeout');
  });

  it('reports a refused connection as such', async () => {
    const { url, server } = await serve(() => {});
    await new Promise((r) => server.close(r));
    const client = new ProbeClient(loopbackOnly);
    const out = await client.send({ method: 'GET', url });
    await client.close();
    expect('failure' in out && out.failure.failure).toBe('refused');
  });

  it('keeps only the first bytes of a large body', async () => {
    const { url } = await serve((_req, res) => res.end('x'.repeat(100_000)));
    const client = new ProbeClient(loopbackOnly, { maxBodyBytes: 1000 });
    const out = await client.send({ method: 'GET', url });
    await client.close();
    expect('response' in out && out.response.body.length).toBe(1000);
  });

  it('refuses a non-loopback target before connecting', async () => {
    const nonLoopback = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    const client = new ProbeClient(loopbackOnly);
    await expect(client.send({ method: 'GET', url: 'http://93.184.216.34/' })).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED' });
    await expect(client.send({ method: 'GET', url: 'http://example.com/' })).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED' });
    if (nonLoopback) {
      const { server, hits } = await serve((_req, res) => res.end('hi'), '0.0.0.0');
      const connections: number[] = [];
      server.on('connection', () => connections.push(1));
      const { port } = server.address() as AddressInfo;
      await expect(client.send({ method: 'GET', url: `http://${nonLoopback}:${port}/` })).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED' });
      expect(connections).toHaveLength(0);
      expect(hits).toHaveLength(0);
    }
    await client.close();
  });

  it('a target that passed once passes again at once, and a refused one stays refused in between', async () => {
    const { url, hits } = await serve((_req, res) => res.end('ok'));
    const client = new ProbeClient(loopbackOnly);
    for (const target of [`${url}/a`, `${url}/a`, 'http://example.com/', `${url}/b`, 'http://93.184.216.34/', `${url}/a`]) {
      if (target.includes('127.0.0.1') || target.includes('localhost')) {
        const out = await client.send({ method: 'GET', url: target });
        expect('response' in out && out.response.body).toBe('ok');
      } else {
        await expect(client.send({ method: 'GET', url: target })).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED' });
      }
    }
    await client.close();
    expect(hits.map((h) => h.url)).toEqual(['/a', '/a', '/b', '/a']);
  });
});
