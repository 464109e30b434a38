import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain.js';
import { affectedServices, applyChange, makeLive, probeIfPossible } from '../../../electron/app/sync/apply-change.js';
import type { ResolvedService, ServiceController } from '../../../electron/core/services/runtime.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../live-hub.js';

let w: LiveHubWorkspace;
beforeEach(async () => {
  w = await liveHubWorkspace();
});
afterEach(async () => {
  await w.cleanup();
});

/** Records applyEnv calls; makes nothing live (the live hub reads its file anyway). */
function recordingController(): ServiceController & { calls: string[][] } {
  const calls: string[][] = [];
  const unused = async (): Promise<never> => {
    throw new Error('not used');
  };
  return {
    calls,
    applyEnv: async (services: ResolvedService[], _mode, onProgress) => {
      calls.push(services.map((s) => s.name));
      for (const s of services) onProgress?.({ service: s.name, step: 'ready' });
    },
    restart: unused,
    up: unused,
    down: unused,
    status: unused,
    logs: unused,
    waitReady: unused,
    runningEnv: async () => null,
    publishedUrl: async () => null,
  };
}

describe('applyChange (one-click sync)', () => {
  it('writes every side, makes both services live in ONE call, probes, and reports each step', async () => {
    for (const s of ['hub', 'core']) w.ports.workspace.services.get(s)!.config.native = { command: 'true', env: {} };
    const controller = recordingController();
    w.ports.controller = controller;
    const events: ProgressEvent[] = [];
    const out = await applyChange(w.ports, SECRET, { value: 'a-brand-new-value-0123456789abcdef' }, { onProgress: (e) => events.push(e) });
    expect(out.ok, out.summary).toBe(true);
    expect(controller.calls).toEqual([['hub', 'core']]);
    expect(out.restarted).toEqual(['hub', 'core']);
    expect(await w.value(w.hubEnv, 'API_KEY')).toBe('a-brand-new-value-0123456789abcdef');
    expect(await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY')).toBe('a-brand-new-value-0123456789abcdef');
    expect(out.probes.map((p) => `${p.kind}:${p.ok}`)).toEqual(['health:true', 'auth-smoke:true', 'negative-control:true', 'header-shape:true']);
    expect(events.filter((e) => e.state !== 'running').map((e) => `${e.step}:${e.state}`)).toEqual(['write:done', 'restart:done', 'probe:done']);
    expect(JSON.stringify(events) + JSON.stringify(out)).not.toContain('a-brand-new-value');
  });

  it('a caller the server does not accept makes the outcome fail with the probe cause', async () => {
    w.pinnedKey = 'the-hub-kept-its-old-key';
    const out = await applyChange(w.ports, SECRET, 'keychain');
    expect(out.ok).toBe(false);
    expect(out.summary).toMatch(/probe\(s\) failed: auth-smoke/);
    expect(out.summary).toMatch(/no service to restart in this run mode/);
  });

  it('restart: false writes only; unknown secrets are NOT_FOUND', async () => {
    const events: string[] = [];
    const out = await applyChange(w.ports, SECRET, 'keychain', { restart: false, onProgress: (e) => events.push(`${e.step}:${e.state}`) });
    expect(out.probes).toEqual([]);
    expect(events).toEqual(['write:running', 'write:done', 'restart:skipped', 'probe:skipped']);
    await expect(applyChange(w.ports, 'nope', 'keychain')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('building blocks', () => {
  it('affectedServices lists the bindings’ services that can run in the mode, and the ones that cannot', () => {
    expect(affectedServices(w.ports.workspace, SECRET, 'native')).toEqual({ services: [], skipped: ['hub', 'core'] });
    w.ports.workspace.services.get('hub')!.config.native = { command: 'true', env: {} };
    const r = affectedServices(w.ports.workspace, SECRET, 'native');
    expect(r.services.map((s) => s.name)).toEqual(['hub']);
    expect(r.skipped).toEqual(['core']);
  });
  it('makeLive says what it could not do; probeIfPossible returns [] for a secret with nothing to probe', async () => {
    expect(await makeLive(w.ports, [])).toBe('no service to restart in this run mode');
    expect(await makeLive(w.ports, [w.ports.workspace.services.get('hub')!])).toMatch(/restart hub yourself/);
    delete w.ports.workspace.config.services.hub!.urls.native;
    expect(await probeIfPossible(w.ports, SECRET)).toEqual([]);
  });
});
