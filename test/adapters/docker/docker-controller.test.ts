import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { DockerEngine } from '../../../electron/adapters/docker/engine-api.js';
import { DockerServiceController } from '../../../electron/adapters/docker/docker-controller.js';
import { runCompose } from '../../../electron/adapters/docker/compose-cli.js';
import { describeDocker } from '../../support/describe-docker.js';
import { buildHivecfmImages } from '../../peers/hivecfm/images.js';
import { hivecfmComposeFixture, type ComposeFixture } from './hivecfm-compose.js';

// Real Docker + Compose (v1 is slow to start on a busy machine): generous, not a timing assertion.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const K1 = 'hivecfm-test-key-one-0000000000000001';
const K2 = 'hivecfm-test-key-two-0000000000000002';

// One scenario on the same pair of containers: its tests are steps (K1 → K2 → logs…), so they
// keep their order under --sequence.shuffle.
describeDocker('DockerServiceController on the real engine', () => {
  let fx: ComposeFixture;
  let ctl: DockerServiceController;
  const target = () => ({ composeFile: fx.composeFile, project: fx.project });

  async function coreHubStatus(): Promise<{ authorized: boolean; status: number | null }> {
    const base = await ctl.publishedUrl(fx.service('core'), 3000);
    const res = await fetch(`${base}/hub-status/check`, { method: 'POST' });
    return (await res.json()) as { authorized: boolean; status: number | null };
  }

  beforeAll(async () => {
    await buildHivecfmImages();
    fx = hivecfmComposeFixture(`kh-ctl-${process.pid}`, { hub: K1, core: K1 });
    ctl = new DockerServiceController({ readyTimeoutMs: 30_000 });
    await ctl.up([fx.service('hub'), fx.service('core')], 'docker');
  });

  afterAll(async () => {
    await ctl?.close();
    if (fx) await runCompose(target(), ['down', '-v', '--remove-orphans'], 120_000).catch(() => {});
  });

  it('brings the pair up and reads the env each container really runs with', async () => {
    expect((await ctl.runningEnv(fx.service('hub'), 'docker'))?.API_KEY).toBe(K1);
    const coreEnv = await ctl.runningEnv(fx.service('core'), 'docker');
    expect(coreEnv).toMatchObject({ HIVECFM_HUB_API_KEY: K1, HIVECFM_HUB_URL: 'http://hivecfm-hub-api:8080', HUB_CHECK_INTERVAL_MS: '60000' });
    expect(await ctl.status(fx.service('hub'), 'docker')).toMatchObject({ running: true, healthy: true });
    expect(await ctl.publishedUrl(fx.service('hub'), 8080)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await ctl.publishedUrl(fx.service('hub'), 9999)).toBeNull();
    expect(await coreHubStatus()).toMatchObject({ authorized: true, status: 200 }); // core reaches the hub by service name
  });

  it('a plain `compose restart` keeps the OLD env (stale container); applyEnv makes the new key live', async () => {
    fx.writeEnv('hub', `# demo hub\nAPI_KEY=${K2}\n`);
    fx.writeEnv('core', `HIVECFM_HUB_URL=http://hivecfm-hub-api:8080\nHIVECFM_HUB_API_KEY=${K2}\n`);
    await runCompose(target(), ['restart', 'hivecfm-hub-api', 'hivecfm-core']);
    await ctl.waitReady(fx.service('hub'), 'docker', 30_000);
    expect((await ctl.runningEnv(fx.service('hub'), 'docker'))?.API_KEY).toBe(K1);
    expect((await ctl.runningEnv(fx.service('core'), 'docker'))?.HIVECFM_HUB_API_KEY).toBe(K1);

    // Only the hub recreated: the hub has K2, core still sends K1 → the hub answers 401.
    const steps: string[] = [];
    await ctl.applyEnv([fx.service('hub')], 'docker', (p) => steps.push(`${p.service}:${p.step}`));
    expect(steps).toEqual(['hub:recreate', 'hub:wait-ready', 'hub:ready']);
    expect((await ctl.runningEnv(fx.service('hub'), 'docker'))?.API_KEY).toBe(K2);
    expect(await coreHubStatus()).toMatchObject({ authorized: false, status: 401 });

    await ctl.applyEnv([fx.service('hub'), fx.service('core')], 'docker');
    expect((await ctl.runningEnv(fx.service('core'), 'docker'))?.HIVECFM_HUB_API_KEY).toBe(K2);
    expect(await coreHubStatus()).toMatchObject({ authorized: true, status: 200 });
  });

  it('returns the container log lines, which never hold the key', async () => {
    await coreHubStatus();
    const lines = await ctl.logs(fx.service('core'), 'docker', 50);
    expect(lines.some((l) => l.includes('hub POST /v1/feedback-records -> 200'))).toBe(true);
    expect(lines.join('\n')).not.toContain(K2);
    expect((await ctl.logs(fx.service('core'), 'docker', 2)).length).toBeLessThanOrEqual(2);
  });

  it('fails clearly, with the log lines, when a container crash-loops (hub with an empty API_KEY)', async () => {
    const err = await ctl.up([fx.service('crashy')], 'docker').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SERVICE_FAILED' });
    expect((err as Error).message).toMatch(/crashy.*did not become ready/);
    expect((err as Error).message).toContain('API_KEY is empty');
    expect(await ctl.runningEnv(fx.service('crashy'), 'docker').catch(() => 'error')).not.toBe('error');
    await ctl.down([fx.service('crashy')], 'docker');
    expect((await ctl.status(fx.service('crashy'), 'docker')).running).toBe(false);
  });

  it('a failed recreate starts again the old containers it stopped early (same container, old env)', async () => {
    const engine = new DockerEngine();
    const running = async (): Promise<string[]> => (await engine.composeContainers(fx.project, 'hivecfm-hub-api')).filter((c) => c.State === 'running').map((c) => c.Id);
    const before = await running();
    const good = readFileSync(fx.composeFile, 'utf8');
    // Keyhive's Compose model reads this file; Compose itself refuses the unknown option and stops.
    writeFileSync(fx.composeFile, good.replace('    env_file: [hub/.env]\n', '    env_file: [hub/.env]\n    no_such_option: 1\n'));
    try {
      await expect(ctl.applyEnv([fx.service('hub')], 'docker')).rejects.toMatchObject({ code: 'SERVICE_FAILED' });
    } finally {
      writeFileSync(fx.composeFile, good);
    }
    expect(before).toHaveLength(1);
    expect(await running()).toEqual(before);
    expect((await ctl.runningEnv(fx.service('hub'), 'docker'))?.API_KEY).toBe(K2);
    await engine.close();
  });

  it('names an unknown Compose service and what exists instead', async () => {
    const err = await ctl.applyEnv([fx.service('hub', 'no-such-service')], 'docker').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND', file: fx.composeFile });
    expect((err as { fix: string }).fix).toContain('hivecfm-hub-api');
  });

  it('reports a dead daemon fast as DOCKER_UNAVAILABLE', async () => {
    const dead = new DockerServiceController({ dockerHost: `unix:///tmp/kh-dead-${process.pid}.sock` });
    const t0 = Date.now();
    await expect(dead.applyEnv([fx.service('hub')], 'docker')).rejects.toMatchObject({ code: 'DOCKER_UNAVAILABLE', fix: expect.stringContaining('DOCKER_HOST') });
    await expect(dead.runningEnv(fx.service('hub'), 'docker')).rejects.toMatchObject({ code: 'DOCKER_UNAVAILABLE' });
    expect(Date.now() - t0).toBeLessThan(10_000); // generous: "nothing hangs"
    await dead.close();
  });

  it('down of the last services of a project removes its network too (as `compose down` does); down of some keeps it', async () => {
    const engine = new DockerEngine();
    const networks = async (): Promise<string[]> => {
      const res = await engine.get(`/networks?filters=${encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${fx.project}`] }))}`);
      return (JSON.parse(res.body.toString('utf8')) as Array<{ Name: string }>).map((n) => n.Name);
    };
    expect(await networks()).toEqual([`${fx.project}_default`]);
    await ctl.down([fx.service('core')], 'docker'); // the hub still runs in it
    expect(await networks()).toEqual([`${fx.project}_default`]);
    await ctl.down([fx.service('hub'), fx.service('crashy')], 'docker');
    expect(await networks()).toEqual([]);
    await engine.close();
  });
}, { shuffle: false });
