import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCompose } from '../../../electron/adapters/docker/compose-cli.js';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { demoTemplateDir, ensureDemoImages, materializeDemo } from '../../../electron/app/demo/demo-workspace.js';
import { createServiceController, selectServices } from '../../../electron/app/services/service-control.js';
import { parseEnv } from '../../../electron/core/env/index.js';
import { describeDocker } from '../../support/describe-docker.js';
import { freePort } from '../../support/free-port.js';
import { DEFAULT_DEMO_PORTS, type DemoPorts } from '../../../electron/app/demo/demo-workspace.js';

/** Every port of the demo on a free one (other runs use the defaults at the same time). */
async function freeDemoPorts(): Promise<DemoPorts> {
  const out = { ...DEFAULT_DEMO_PORTS };
  for (const k of Object.keys(out) as (keyof DemoPorts)[]) out[k] = await freePort();
  return out;
}

// Real Docker + Compose (v1 is slow to start on a busy machine): generous, not a timing assertion.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

const envOf = (file: string) => parseEnv(readFileSync(file, 'utf8')).values;

async function hubStatus(corePort: number): Promise<{ authorized: boolean; status: number | null }> {
  return (await (await fetch(`http://127.0.0.1:${corePort}/hub-status/check`, { method: 'POST' })).json()) as { authorized: boolean; status: number | null };
}

describe('materializeDemo', () => {
  it('copies a valid workspace into the target dir with absolute peer paths, keys matching, files private', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'kh-demo-')), 'demo');
    const file = await materializeDemo(target, { ports: { hub: 18090, core: 13010 } });
    expect(file).toBe(join(target, 'keyhive.yaml'));
    const ws = await loadWorkspace(file);
    expect(ws.config.runMode).toBe('native');
    expect([...ws.services.keys()]).toEqual(['hivecfm-hub', 'hivecfm-core', 'hogsend', 'hogsend-monitor', 'hogsend-journeys', 'tokenhub', 'tokenhub-chat', 'tokenhub-planner', 'hiveforge', 'hiveforge-integration']);
    const hub = ws.services.get('hivecfm-hub')!;
    const core = ws.services.get('hivecfm-core')!;
    expect(hub.config.native?.command).toMatch(/^node "\/.+\/hub-[0-9a-f]{12}\.mjs"$/);
    expect(statSync(hub.config.native!.command.slice(6, -1)).isFile()).toBe(true);
    expect(hub.config.urls.native).toBe('http://localhost:18090');
    const hubKey = envOf(hub.envFiles[0]!).API_KEY;
    expect(hubKey).toMatch(/demo-only/);
    expect(envOf(core.envFiles[0]!)).toMatchObject({ HIVECFM_HUB_API_KEY: hubKey, HIVECFM_HUB_URL: 'http://localhost:18090' });
    expect(statSync(hub.envFiles[0]!).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(target, 'docker-compose.yml'), 'utf8')).toContain('127.0.0.1:18090:8080');
    // The template in the repository is untouched.
    expect(readFileSync(join(demoTemplateDir(), 'keyhive.yaml'), 'utf8')).toContain('{{HUB_PEER}}');
  });

  it('reuses an existing demo (keeps the user edits) and repairs one whose peers are gone', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'kh-demo-')), 'demo');
    const file = await materializeDemo(target);
    const hubEnv = join(target, 'hivecfm-hub', '.env');
    writeFileSync(hubEnv, 'API_KEY=edited-by-the-user-0000000000\n');
    expect(await materializeDemo(target)).toBe(file);
    expect(envOf(hubEnv).API_KEY).toBe('edited-by-the-user-0000000000');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/node "[^"]+hub-[0-9a-f]+\.mjs"/, 'node "/gone/hub.mjs"'));
    await materializeDemo(target);
    expect(readFileSync(file, 'utf8')).not.toContain('/gone/hub.mjs');
    expect(envOf(hubEnv).API_KEY).toBe('edited-by-the-user-0000000000');
  });

  it('runs natively out of the box: the core is authorised by the hub', async () => {
    const ports = await freeDemoPorts();
    const [hubPort, corePort] = [ports.hub, ports.core];
    const root = mkdtempSync(join(tmpdir(), 'kh-demo-'));
    const ws = await loadWorkspace(await materializeDemo(join(root, 'demo'), { ports }));
    const ctl = createServiceController({ native: { stateDir: join(root, 'state') } });
    const services = selectServices(ws, [], 'native');
    try {
      await ctl.up(services, 'native');
      expect(await hubStatus(corePort)).toMatchObject({ authorized: true, status: 200 });
      expect(await fetch(`http://127.0.0.1:${hubPort}/v1/webhooks`).then((r) => r.status)).toBe(401);
    } finally {
      await ctl.down(services, 'native');
      await ctl.close();
    }
  });
});

describeDocker('the demo on Docker', () => {
  const project = `kh-demo-${process.pid}`;
  let composeFile = '';
  afterAll(async () => {
    if (composeFile) await runCompose({ composeFile, project }, ['down', '-v'], 120_000).catch(() => {});
  });

  it('builds its images and runs the pair in Compose: core reaches the hub by service name', async () => {
    const ports = await freeDemoPorts();
    const [hubPort, corePort] = [ports.hub, ports.core];
    const root = mkdtempSync(join(tmpdir(), 'kh-demo-'));
    const ws = await loadWorkspace(await materializeDemo(join(root, 'demo'), { runMode: 'docker', ports, project }));
    composeFile = ws.services.get('hivecfm-hub')!.composeFile!;
    await ensureDemoImages();
    const ctl = createServiceController();
    try {
      await ctl.up(selectServices(ws, []), 'docker');
      expect((await ctl.runningEnv(ws.services.get('hivecfm-core')!, 'docker'))?.HIVECFM_HUB_URL).toBe('http://hivecfm-hub-api:8080');
      expect(await hubStatus(corePort)).toMatchObject({ authorized: true, status: 200 });
      expect(await ctl.publishedUrl(ws.services.get('hivecfm-hub')!, 8080)).toBe(`http://127.0.0.1:${hubPort}`);
    } finally {
      await ctl.close();
    }
  });
});
