import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { IssuerHttp, errorText, isoOrNull } from '../../../electron/adapters/issuers/issuer-http.js';
import { ProbeSpacer } from '../../../electron/core/issuers/rate-limit.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { start, type HogsendPeer } from '../../../electron/demo/peers/hogsend/server.js';

const LEGACY = 'hsk_issuer-http-test-legacy-key-0000000';
const peers: HogsendPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

describe('IssuerHttp against the Hogsend reference server', () => {
  it('spaces probes by X-RateLimit-Remaining / Retry-After instead of retrying blindly', async () => {
    const peer = await start({ env: { ADMIN_API_KEY: LEGACY } });
    peers.push(peer);
    const { plaintext } = peer.store.createKey({ name: 'p', scopes: ['read'], expiresAt: null }, peer.clock.now());
    const http = new IssuerHttp({ system: 'hogsend', url: peer.url, credential: LEGACY });
    const spacer = new ProbeSpacer();
    const endpoint = { method: 'GET', path: '/v1/admin/metrics' };
    let last = await http.probe(plaintext, endpoint);
    for (let i = 1; i < 100; i++) last = await http.probe(plaintext, endpoint);
    spacer.record(last, peer.clock.now());
    expect(last).toMatchObject({ status: 200, rateLimitRemaining: 0 });
    expect(spacer.delayMs(peer.clock.now())).toBeGreaterThan(0);
    const limited = await http.probe(plaintext, endpoint);
    expect(limited).toMatchObject({ status: 429, retryAfterSeconds: 60, message: 'Rate limit exceeded' });
    spacer.record(limited, peer.clock.now());
    expect(spacer.delayMs(peer.clock.now())).toBe(60_000);
    peer.clock.advance(spacer.delayMs(peer.clock.now()));
    expect(spacer.delayMs(peer.clock.now())).toBe(0);
    expect((await http.probe(plaintext, endpoint)).status).toBe(200);
  });
  it('admin errors carry the status, the system\'s words and a fix; a 429 fix names the wait', async () => {
    const peer = await start({ env: { ADMIN_API_KEY: LEGACY } });
    peers.push(peer);
    const http = new IssuerHttp({ system: 'hogsend', url: `${peer.url}/`, credential: LEGACY, fixes: { 404: 'custom fix' } });
    expect(http.base).toBe(peer.url);
    const e = (await http.admin('DELETE', '/v1/admin/api-keys/none').catch((x: unknown) => x)) as KeyhiveError;
    expect(e).toBeInstanceOf(KeyhiveError);
    expect(e.message).toBe('hogsend refused DELETE /v1/admin/api-keys/none: 404 API key not found');
    expect(e.fix).toBe('custom fix');
    const rl = http.errorFor({ status: 429, json: { error: 'Rate limit exceeded' }, headers: { 'retry-after': '32' } }, 'listing');
    expect(rl.fix).toContain('wait 32 seconds');
  });
  it('refuses to send the admin credential in plain http to a host beyond loopback, before any connection', async () => {
    // A server on this machine's own non-loopback address (when it has one) proves nothing reached it.
    const own = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    let hits = 0;
    const server = own ? createServer((_q, r) => { hits++; r.end('{}'); }) : null;
    if (server) await new Promise<void>((r) => server.listen(0, own, r));
    const port = server ? (server.address() as AddressInfo).port : 9;
    const http = new IssuerHttp({ system: 'hogsend', url: `http://${own ?? '10.255.255.1'}:${port}`, credential: LEGACY });
    try {
      const e = (await http.admin('GET', '/v1/admin/api-keys').catch((x: unknown) => x)) as KeyhiveError;
      expect(e).toMatchObject({ code: 'ISSUER_ERROR', fix: expect.stringContaining('https://') });
      expect(e.message).toMatch(/unencrypted/);
      expect(e.message).not.toContain(LEGACY);
      expect(hits).toBe(0);
    } finally {
      await new Promise((r) => (server ? server.close(r) : r(null)));
    }
  });
  it('never echoes the credential or a key the server repeats back', () => {
    const http = new IssuerHttp({ system: 'tokenhub', url: 'http://127.0.0.1:1', credential: 'admin-token-value-123' });
    const e = http.errorFor({ status: 400, json: { error: `bad key tokenhub_${'ab'.repeat(32)} with admin-token-value-123` }, headers: {} }, 'x');
    expect(e.message).not.toContain('ab'.repeat(32));
    expect(e.message).not.toContain('admin-token-value-123');
  });
  it('reads error text from error/detail/message and ISO strings', () => {
    expect(errorText({ detail: 'd' })).toBe('d');
    expect(errorText({ message: 'm' })).toBe('m');
    expect(errorText('x')).toBeNull();
    expect(isoOrNull('')).toBeNull();
    expect(isoOrNull('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
  });
});
