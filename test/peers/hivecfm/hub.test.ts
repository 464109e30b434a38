import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildHivecfmPeers } from '../build-peers.js';
import { checkAuthorization, HUB_ERRORS, keyMatches } from '../../../electron/demo/peers/hivecfm/hub.js';
import { runPeer, runPeerToExit, type RunningPeer } from './spawn-peer.js';

const KEY = 'hivecfm-demo-hub-key-0123456789abcdef';
let hubScript: string;
let hub: RunningPeer;

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; type: string | null }> {
  const res = await fetch(`${hub.url}${path}`, init);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}
const bearer = (k: string) => ({ headers: { authorization: `Bearer ${k}` } });

beforeAll(async () => {
  hubScript = (await buildHivecfmPeers()).hub;
  hub = await runPeer(hubScript, { API_KEY: KEY });
});
afterAll(async () => {
  await hub?.stop('SIGKILL');
});

describe('hub auth rules (pure)', () => {
  it('compares keys exactly, whatever their lengths', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => keyMatches(a, b) === (a === b)));
  });
  it('names the header problem', () => {
    expect(checkAuthorization(undefined, KEY)).toBe(HUB_ERRORS.missing);
    expect(checkAuthorization(KEY, KEY)).toBe(HUB_ERRORS.format);
    expect(checkAuthorization(`Bearer  ${KEY}`, KEY)).toBe(HUB_ERRORS.format);
    expect(checkAuthorization(`Bearer ${KEY}x`, KEY)).toBe(HUB_ERRORS.invalid);
    expect(checkAuthorization(`Bearer ${KEY}`, KEY)).toBeNull();
  });
});

describe('hub over real HTTP', () => {
  it('serves a public /health', async () => {
    expect(await call('/health')).toEqual({ status: 200, type: 'application/json', body: { status: 'ok', service: 'hivecfm-hub' } });
  });

  it('answers the real hub 401 bodies', async () => {
    expect(await call('/v1/feedback-records')).toMatchObject({ status: 401, body: { error: 'Missing Authorization header' } });
    expect(await call('/v1/webhooks', { headers: { authorization: KEY } })).toMatchObject({
      status: 401,
      body: { error: 'Invalid Authorization header format. Expected: Bearer <api-key>' },
    });
    expect(await call('/v1/webhooks', { headers: { authorization: `Basic ${KEY}` } })).toMatchObject({ status: 401, body: { error: HUB_ERRORS.format } });
    expect(await call('/v1/webhooks', bearer('not-the-key'))).toMatchObject({ status: 401, body: { error: 'Invalid API key' } });
    // Auth comes before routing: an unknown route without a key is still 401.
    expect((await call('/v1/nothing-here')).status).toBe(401);
  });

  it('serves the /v1 routes with the right key', async () => {
    expect(await call('/v1/webhooks', bearer(KEY))).toMatchObject({ status: 200, body: { data: [] } });
    const posted = await call('/v1/feedback-records', { method: 'POST', ...bearer(KEY), body: JSON.stringify({ text: 'great' }) });
    expect(posted).toMatchObject({ status: 200, body: { status: 'received' } });
    const listed = await call('/v1/feedback-records', bearer(KEY));
    expect(listed.status).toBe(200);
    expect((listed.body as { data: Array<{ body: unknown }> }).data.map((r) => r.body)).toContainEqual({ text: 'great' });
    expect(await call('/v1/nothing-here', bearer(KEY))).toMatchObject({ status: 404, type: 'application/json', body: { error: 'Not found' } });
  });

  it('never logs the key', async () => {
    // Its own requests (right and wrong key), whatever ran before; the log arrives on the peer's time.
    expect((await call('/v1/webhooks', bearer(KEY))).status).toBe(200);
    expect((await call('/v1/webhooks', bearer(`${KEY}x`))).status).toBe(401);
    await expect.poll(() => hub.output(), { timeout: 10_000 }).toContain('GET /v1/webhooks -> 401');
    await expect.poll(() => hub.output(), { timeout: 10_000 }).toContain('GET /v1/webhooks -> 200');
    expect(hub.output()).not.toContain(KEY);
  });
});

describe('hub process', () => {
  it('refuses to start with an empty or unset API_KEY, saying why', async () => {
    for (const env of [{ API_KEY: '' }, {}] as Array<Record<string, string>>) {
      const r = await runPeerToExit(hubScript, env);
      expect(r.code).toBe(1);
      expect(r.output).toMatch(/API_KEY is empty/);
    }
  });

  it('stops promptly on SIGTERM and SIGINT, even with an open keep-alive connection', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const p = await runPeer(hubScript, { API_KEY: KEY });
      await fetch(`${p.url}/health`, { keepalive: true });
      const t0 = Date.now();
      expect(await p.stop(signal)).toBe(0);
      expect(Date.now() - t0).toBeLessThan(5000); // generous: "promptly"
    }
  });
});
