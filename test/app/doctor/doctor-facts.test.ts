import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatherFacts } from '../../../electron/app/doctor/doctor-facts.js';
import type { ServiceController } from '../../../electron/core/services/runtime.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../live-hub.js';

let w: LiveHubWorkspace;
beforeEach(async () => {
  w = await liveHubWorkspace();
});
afterEach(async () => {
  await w.cleanup();
});

function controller(over: Partial<ServiceController>): ServiceController {
  const no = async (): Promise<never> => {
    throw new Error('not here');
  };
  return { applyEnv: no, restart: no, up: no, down: no, status: no, logs: no, waitReady: no, runningEnv: async () => null, publishedUrl: async () => null, ...over };
}

describe('gatherFacts', () => {
  it('reads the drift status, the caller URL from its env file, and runs the probes', async () => {
    const f = await gatherFacts(w.ports, SECRET);
    expect(f.secret.name).toBe(SECRET);
    expect(f.server?.service).toBe('hub');
    expect(f.callers).toEqual([{ service: 'core', urlVar: 'HIVECFM_HUB_URL', value: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), file: w.coreEnv, line: 1 }]);
    expect(f.probes?.map((p) => p.kind)).toEqual(['health', 'auth-smoke', 'negative-control', 'header-shape']);
    expect(f.services).toEqual([]);
  });

  it('in Docker mode the running container’s URL wins over compose and env files; service state and caller logs come from the controller', async () => {
    const ws = w.ports.workspace;
    ws.config.runMode = 'docker';
    for (const [name, svc] of [['hub', 'hub-api'], ['core', 'core']] as const) {
      ws.services.get(name)!.config.docker = { composeFile: 'compose.yaml', service: svc };
      ws.services.get(name)!.composeFile = join(w.root, name, 'compose.yaml');
    }
    await writeFile(join(w.root, 'core', 'compose.yaml'), 'services:\n  core:\n    image: x\n    environment:\n      HIVECFM_HUB_URL: http://hub-api:8080\n');
    const logsAsked: string[] = [];
    w.ports.controller = controller({
      runningEnv: async (svc) => (svc.name === 'core' ? { HIVECFM_HUB_URL: 'http://localhost:9999' } : null),
      status: async (svc) => ({ running: svc.name === 'core', healthy: null, detail: svc.name === 'core' ? 'running' : 'not started' }),
      logs: async (svc) => (logsAsked.push(svc.name), ['hub POST /v1/feedback-records -> 401 {"error":"Missing Authorization header"}']),
    });
    let f = await gatherFacts(w.ports, SECRET);
    expect(f.callers[0]).toMatchObject({ value: 'http://localhost:9999', file: 'the running core container' });
    expect(f.services).toEqual([
      { name: 'core', running: true, healthy: null, detail: 'running' },
      { name: 'hub', running: false, healthy: null, detail: 'not started' },
    ]);
    expect(logsAsked).toEqual(['core']);
    expect(f.logs[0]?.lines[0]).toContain('401');
    // not running: the compose file's literal `environment:` beats the env file
    w.ports.controller = controller({ status: async () => ({ running: false, healthy: null, detail: 'not started' }), logs: async () => [] });
    f = await gatherFacts(w.ports, SECRET);
    expect(f.callers[0]).toMatchObject({ value: 'http://hub-api:8080', file: join(w.root, 'core', 'compose.yaml') });
    // probes that cannot run are reported, not thrown (the hub has no Docker URL)
    expect(f.probes).toBeNull();
    expect(f.probeError).toMatch(/no URL for docker mode/);
  });

  it('an unknown secret is NOT_FOUND', async () => {
    await expect(gatherFacts(w.ports, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
