import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeServiceController } from '../../../electron/adapters/process/native-controller.js';
import { groupMembers, isAlive } from '../../../electron/adapters/process/proc-info.js';
import { ServiceSchema } from '../../../electron/core/workspace/schema.js';
import type { ResolvedService } from '../../../electron/core/services/runtime.js';
import { buildHivecfmPeers } from '../../peers/build-peers.js';
import { freePort } from '../../support/free-port.js';

const K0 = 'hivecfm-native-key-shadowed-000000';
const K1 = 'hivecfm-native-key-one-1111111111';
const K2 = 'hivecfm-native-key-two-2222222222';

// One scenario on the same running services: its tests are steps (K1 → edit to K2 → restart…),
// so they keep their order under --sequence.shuffle.
describe('NativeServiceController with real processes', { shuffle: false }, () => {
  let root: string;
  let stateDir: string;
  let ctl: NativeServiceController;
  let hub: ResolvedService;
  let core: ResolvedService;
  let hubPort: number;
  let corePort: number;
  const all: ResolvedService[] = [];

  function service(name: string, command: string, env: Record<string, string>, port: number | null, envFiles = ['.env']): ResolvedService {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const config = ServiceSchema.parse({
      dir: name,
      envFiles,
      native: { command, env },
      ...(port ? { urls: { native: `http://localhost:${port}` }, health: '/health' } : {}),
    });
    const svc = { name, dir, envFiles: envFiles.map((f) => join(dir, f)), config };
    all.push(svc);
    return svc;
  }
  const writeEnv = (svc: ResolvedService, file: string, text: string) => writeFileSync(join(svc.dir, file), text);
  const hubStatus = async () => (await (await fetch(`http://127.0.0.1:${corePort}/hub-status/check`, { method: 'POST' })).json()) as { authorized: boolean; status: number };

  beforeAll(async () => {
    const peers = await buildHivecfmPeers();
    root = mkdtempSync(join(tmpdir(), 'kh-native-'));
    stateDir = join(root, 'state');
    [hubPort, corePort] = [await freePort(), await freePort()];
    // The hub's command also leaves a background child in its group: stopping must end it too.
    hub = service('hub', `sleep 300 & node ${peers.hub}`, { PORT: String(hubPort) }, hubPort);
    core = service('core', `node ${peers.core}`, { PORT: String(corePort), HUB_CHECK_INTERVAL_MS: '60000' }, corePort, ['.env', '.env.local']);
    writeEnv(hub, '.env', `API_KEY=${K1}\n`);
    writeEnv(core, '.env', `HIVECFM_HUB_URL=http://127.0.0.1:${hubPort}\nHIVECFM_HUB_API_KEY=${K0}\n`);
    writeEnv(core, '.env.local', `HIVECFM_HUB_API_KEY=${K1}\n`);
    process.env.KEYHIVE_TEST_MARKER = 'must-not-leak';
    ctl = new NativeServiceController({ stateDir, readyTimeoutMs: 20_000, stopGraceMs: 1000 });
    await ctl.up([hub, core], 'native');
  });

  afterAll(async () => {
    delete process.env.KEYHIVE_TEST_MARKER;
    await ctl?.down(all, 'native');
  });

  it('starts each service with its env files (later file wins) and reads the env it really runs with', async () => {
    const hubEnv = await ctl.runningEnv(hub, 'native');
    expect(hubEnv).toMatchObject({ API_KEY: K1, PORT: String(hubPort) });
    expect(hubEnv).not.toHaveProperty('KEYHIVE_TEST_MARKER');
    expect((await ctl.runningEnv(core, 'native'))?.HIVECFM_HUB_API_KEY).toBe(K1); // .env.local beats .env
    expect(await ctl.status(hub, 'native')).toMatchObject({ running: true, healthy: true });
    expect(await hubStatus()).toMatchObject({ authorized: true, status: 200 });
  });

  it('a later keyhive process finds the running services through the state files', async () => {
    const later = new NativeServiceController({ stateDir });
    expect((await later.runningEnv(hub, 'native'))?.API_KEY).toBe(K1);
    expect((await later.status(core, 'native')).running).toBe(true);
  });

  it('restart after an edit picks up the new key and stops the old process group completely', async () => {
    const before = (await ctl.running(hub))!;
    const oldGroup = groupMembers(before.pgid);
    expect(oldGroup.length).toBeGreaterThanOrEqual(2); // sh/node + the background sleep
    writeEnv(hub, '.env', `API_KEY=${K2}\n`);
    writeEnv(core, '.env.local', `HIVECFM_HUB_API_KEY=${K2}\n`);
    expect((await ctl.runningEnv(hub, 'native'))?.API_KEY).toBe(K1); // still the old env until restarted

    const steps: string[] = [];
    await ctl.applyEnv([hub, core], 'native', (p) => steps.push(`${p.service}:${p.step}`));
    expect(steps).toEqual(expect.arrayContaining(['hub:stop', 'core:stop', 'hub:start', 'core:start', 'hub:ready', 'core:ready']));
    expect(groupMembers(before.pgid)).toEqual([]);
    for (const pid of oldGroup) expect(isAlive(pid)).toBe(false);
    expect((await ctl.runningEnv(hub, 'native'))?.API_KEY).toBe(K2);
    expect((await ctl.runningEnv(core, 'native'))?.HIVECFM_HUB_API_KEY).toBe(K2);
    expect(await hubStatus()).toMatchObject({ authorized: true, status: 200 });
  });

  it('kills what ignores SIGTERM after the grace period, leaving no orphans', async () => {
    const stubborn = service('stubborn', `sh -c 'trap "" TERM; sleep 300' & sleep 300`, {}, null);
    await ctl.up([stubborn], 'native');
    const st = (await ctl.running(stubborn))!;
    expect(groupMembers(st.pgid).length).toBeGreaterThanOrEqual(2);
    await ctl.down([stubborn], 'native');
    expect(groupMembers(st.pgid)).toEqual([]);
    expect(await ctl.runningEnv(stubborn, 'native')).toBeNull();
    expect((await ctl.status(stubborn, 'native')).running).toBe(false);
  });

  it('captures the logs in the data dir, never the key', async () => {
    // The core logs its start-up call to the hub on its own time, after it reported ready.
    await expect.poll(async () => (await ctl.logs(core, 'native', 200)).some((l) => l.includes('hub POST /v1/feedback-records -> 200')), { timeout: 20_000 }).toBe(true);
    const lines = await ctl.logs(core, 'native', 200);
    expect(lines.some((l) => l.startsWith('=== keyhive: starting core'))).toBe(true);
    expect(lines.join('\n')).not.toContain(K2);
    expect(await ctl.logs(core, 'native', 3)).toHaveLength(3);
  });

  it('fails with the last log lines when a service exits (hub with an empty key)', async () => {
    const broken = service('broken-hub', `node ${(await buildHivecfmPeers()).hub}`, { PORT: String(await freePort()) }, null);
    writeEnv(broken, '.env', 'API_KEY=\n');
    const err = await ctl.up([broken], 'native').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SERVICE_FAILED' });
    expect((err as Error).message).toContain('API_KEY is empty');
  });

  it('refuses a service without a native command', async () => {
    const svc = { ...hub, name: 'dockeronly', config: { ...hub.config, native: undefined } };
    await expect(ctl.up([svc], 'native')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
