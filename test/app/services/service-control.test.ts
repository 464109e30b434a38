import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunMode } from '../../../shared/domain.js';
import { loadWorkspace, type Workspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { materializeDemo } from '../../../electron/app/demo/demo-workspace.js';
import { ModeServiceController, reportServices, selectServices } from '../../../electron/app/services/service-control.js';
import type { ResolvedService, ServiceController } from '../../../electron/core/services/runtime.js';

let ws: Workspace;

beforeAll(async () => {
  const file = await materializeDemo(join(mkdtempSync(join(tmpdir(), 'kh-sc-')), 'demo'));
  // Add a service that only runs under Docker.
  const text = readFileSync(file, 'utf8').replace(
    /^secrets:/m,
    '  only-docker:\n    dir: hivecfm-hub\n    docker:\n      composeFile: ../docker-compose.yml\n      service: hivecfm-hub-api\nsecrets:',
  );
  writeFileSync(file, text);
  ws = await loadWorkspace(file);
});

describe('selectServices', () => {
  it('takes every service that can run in the mode when no names are given, in workspace order', () => {
    const all = [...ws.services.values()];
    const native = selectServices(ws, [], 'native').map((s) => s.name);
    const docker = selectServices(ws, [], 'docker').map((s) => s.name);
    expect(native).toEqual(all.filter((s) => s.config.native).map((s) => s.name));
    expect(docker).toEqual(all.filter((s) => s.config.docker).map((s) => s.name));
    expect(native.slice(0, 2)).toEqual(['hivecfm-hub', 'hivecfm-core']);
    expect(native).not.toContain('only-docker');
    expect(docker).toContain('only-docker');
  });

  it('keeps the order given and drops repeats', () => {
    expect(selectServices(ws, ['hivecfm-core', 'hivecfm-hub', 'hivecfm-core'], 'native').map((s) => s.name)).toEqual(['hivecfm-core', 'hivecfm-hub']);
  });

  it('names an unknown service and the known ones', () => {
    expect(() => selectServices(ws, ['hivecfm-hubb'], 'native')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', file: ws.file, fix: expect.stringContaining('hivecfm-hub, hivecfm-core') }));
  });

  it('refuses a service that cannot run in the mode, with the fix', () => {
    expect(() => selectServices(ws, ['only-docker'], 'native')).toThrow(expect.objectContaining({ code: 'BAD_INPUT', fix: expect.stringContaining('native: {command}') }));
  });
});

describe('ModeServiceController', () => {
  function recorder(tag: RunMode, log: string[]): ServiceController & { close: () => Promise<void> } {
    const rec = (what: string) => log.push(`${tag}:${what}`);
    return {
      runningEnv: async (s) => (rec(`runningEnv ${s.name}`), { MODE: tag }),
      applyEnv: async (ss, _m, onProgress) => {
        rec(`applyEnv ${ss.map((s) => s.name).join(',')}`);
        onProgress?.({ service: ss[0]!.name, step: 'recreate' });
      },
      restart: async (ss) => void rec(`restart ${ss.length}`),
      up: async (ss) => void rec(`up ${ss.length}`),
      down: async (ss) => void rec(`down ${ss.length}`),
      status: async (s) => (rec(`status ${s.name}`), { running: true, healthy: null, detail: tag }),
      logs: async (_s, _m, n) => (rec(`logs ${n}`), [`${tag} line`]),
      waitReady: async () => void rec('waitReady'),
      publishedUrl: async (_s, port) => (rec(`publishedUrl ${port}`), `http://127.0.0.1:${port}`),
      close: async () => void rec('close'),
    };
  }

  it('sends each call to the adapter of the run mode it is given', async () => {
    const log: string[] = [];
    const ctl = new ModeServiceController({ controllers: { docker: recorder('docker', log), native: recorder('native', log) } });
    const [hub, core] = selectServices(ws, ['hivecfm-hub', 'hivecfm-core'], 'native') as [ResolvedService, ResolvedService];
    expect(await ctl.runningEnv(hub, 'native')).toEqual({ MODE: 'native' });
    expect(await ctl.runningEnv(hub, 'docker')).toEqual({ MODE: 'docker' });
    const steps: string[] = [];
    await ctl.applyEnv([hub, core], 'docker', (p) => steps.push(p.step));
    expect(steps).toEqual(['recreate']);
    await ctl.up([hub], 'native');
    await ctl.down([hub, core], 'docker');
    expect(await ctl.logs(core, 'native', 7)).toEqual(['native line']);
    expect(await ctl.publishedUrl(hub, 8080)).toBe('http://127.0.0.1:8080');
    expect(await reportServices(ctl, [hub, core], 'docker')).toEqual([
      { service: 'hivecfm-hub', state: { running: true, healthy: null, detail: 'docker' } },
      { service: 'hivecfm-core', state: { running: true, healthy: null, detail: 'docker' } },
    ]);
    await ctl.close();
    expect(log).toEqual([
      'native:runningEnv hivecfm-hub',
      'docker:runningEnv hivecfm-hub',
      'docker:applyEnv hivecfm-hub,hivecfm-core',
      'native:up 1',
      'docker:down 2',
      'native:logs 7',
      'docker:publishedUrl 8080',
      'docker:status hivecfm-hub',
      'docker:status hivecfm-core',
      'docker:close',
      'native:close',
    ]);
  });
});
