import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHivecfmPeers } from '../build-peers.js';
import { runPeer, runPeerToExit, type RunningPeer } from './spawn-peer.js';

const KEY = 'hivecfm-demo-core-test-key-42';
let scripts: { hub: string; core: string };
let hub: RunningPeer;
const started: RunningPeer[] = [];

async function startCore(env: Record<string, string>): Promise<RunningPeer> {
  const core = await runPeer(scripts.core, { HIVECFM_HUB_URL: hub.url, HUB_CHECK_INTERVAL_MS: '60000', ...env });
  started.push(core);
  return core;
}
interface HubStatus {
  authorized: boolean;
  status: number | null;
  at: string | null;
  error?: string;
}
const check = async (core: RunningPeer): Promise<HubStatus> => (await fetch(`${core.url}/hub-status/check`, { method: 'POST' })).json() as Promise<HubStatus>;

beforeAll(async () => {
  scripts = await buildHivecfmPeers();
  hub = await runPeer(scripts.hub, { API_KEY: KEY });
});
afterAll(async () => {
  for (const p of [...started, hub]) await p?.stop('SIGKILL');
});

describe('core, a client of the real hub process', () => {
  it('reports an authorised hub with the matching key', async () => {
    const core = await startCore({ HIVECFM_HUB_API_KEY: KEY });
    expect(await (await fetch(`${core.url}/health`)).json()).toEqual({ status: 'ok', service: 'hivecfm-core' });
    expect(await check(core)).toMatchObject({ authorized: true, status: 200 });
    const status = (await (await fetch(`${core.url}/hub-status`)).json()) as HubStatus;
    expect(status).toMatchObject({ authorized: true, status: 200 });
    expect(Date.parse(status.at ?? '')).not.toBeNaN();
    await expect.poll(() => core.output(), { timeout: 10_000 }).toContain('hub POST /v1/feedback-records -> 200');
  });

  it('logs the hub 401 with its body for a wrong key, never the key', async () => {
    const wrong = 'wrong-key-that-must-not-be-logged';
    const core = await startCore({ HIVECFM_HUB_API_KEY: wrong });
    expect(await check(core)).toMatchObject({ authorized: false, status: 401 });
    await expect.poll(() => core.output(), { timeout: 10_000 }).toContain('hub POST /v1/feedback-records -> 401 {"error":"Invalid API key"}');
    expect(core.output()).not.toContain(wrong);
  });

  it('sends no header at all when its key is empty (Missing Authorization header)', async () => {
    const core = await startCore({ HIVECFM_HUB_API_KEY: '' });
    expect(await check(core)).toMatchObject({ authorized: false, status: 401 });
    await expect.poll(() => core.output(), { timeout: 10_000 }).toContain('-> 401 {"error":"Missing Authorization header"}');
  });

  it('calls the hub at start and every interval', async () => {
    const core = await startCore({ HIVECFM_HUB_API_KEY: KEY, HUB_CHECK_INTERVAL_MS: '200' });
    await expect.poll(() => core.output().match(/hub POST \/v1\/feedback-records -> 200/g)?.length ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  });

  it('reports an unreachable hub without crashing', async () => {
    const core = await runPeer(scripts.core, { HIVECFM_HUB_URL: 'http://127.0.0.1:1', HIVECFM_HUB_API_KEY: KEY, HUB_CHECK_INTERVAL_MS: '60000' });
    started.push(core);
    const status = await check(core);
    expect(status).toMatchObject({ authorized: false, status: null });
    expect(status.error).toBeTruthy();
    expect((await fetch(`${core.url}/health`)).status).toBe(200);
  });

  it('refuses to start without HIVECFM_HUB_URL', async () => {
    const r = await runPeerToExit(scripts.core, { HIVECFM_HUB_API_KEY: KEY });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/HIVECFM_HUB_URL is empty/);
  });

  it('stops promptly on SIGTERM', async () => {
    const core = await startCore({ HIVECFM_HUB_API_KEY: KEY, HUB_CHECK_INTERVAL_MS: '200' });
    const t0 = Date.now();
    expect(await core.stop('SIGTERM')).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000); // generous: "promptly"
  });
});
