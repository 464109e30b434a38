import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { materializeDemo } from '../../../electron/app/demo/demo-workspace.js';
import { freeDemoPorts } from '../../support/demo-ports.js';
import { freePort } from '../../support/free-port.js';

// Each test spawns the real CLI (tsx, no build), which is slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const CLI = fileURLToPath(new URL('../../../electron/cli/keyhive.mjs', import.meta.url));
const NEW_KEY = 'hivecfm-demo-only-rotated-by-cli-test-01';
let root: string;
let file: string;
let corePort: number;

function keyhive(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, KEYHIVE_DATA_DIR: join(root, 'data'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
const hubStatus = async () => (await (await fetch(`http://127.0.0.1:${corePort}/hub-status/check`, { method: 'POST' })).json()) as { authorized: boolean; status: number };
const setKey = (svcDir: string, variable: string, value: string) => {
  const p = join(root, 'demo', svcDir, '.env');
  writeFileSync(p, readFileSync(p, 'utf8').replace(new RegExp(`^${variable}=.*$`, 'm'), `${variable}=${value}`));
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kh-cli-svc-'));
  corePort = await freePort();
  file = await materializeDemo(join(root, 'demo'), { ports: await freeDemoPorts({ core: corePort }) });
});
afterAll(async () => {
  await keyhive(['down', '--workspace', file]);
});

describe('keyhive restart|up|down|logs --help', () => {
  it.each(['restart', 'up', 'down', 'logs'])('%s --help explains the command and exits 0', async (cmd) => {
    const r = await keyhive([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: keyhive ${cmd}`);
    expect(r.stdout).toContain('--workspace <file>');
  });
});

// One scenario on the same running demo: up → logs → restart → down are steps, in this order
// under --sequence.shuffle too.
describe('keyhive service commands on the demo, run natively', { shuffle: false }, () => {
  it('up starts both and reports them healthy; the core is authorised', async () => {
    const r = await keyhive(['up', '--workspace', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hivecfm-hub\s+running, healthy/);
    expect(r.stdout).toMatch(/hivecfm-core\s+running, healthy/);
    expect(await hubStatus()).toMatchObject({ authorized: true });
  });

  it('logs prints the last N lines, never a key', async () => {
    const r = await keyhive(['logs', 'hivecfm-core', '--lines', '3', '--workspace', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(3);
    const all = await keyhive(['logs', 'hivecfm-core', '--workspace', file]);
    expect(all.stdout).toContain('hub POST /v1/feedback-records -> 200');
    expect(all.stdout).not.toMatch(/demo-only-[0-9a-f]{8}/);
  });

  it('restart makes a key edited on both sides live', async () => {
    setKey('hivecfm-hub', 'API_KEY', NEW_KEY);
    setKey('hivecfm-core', 'HIVECFM_HUB_API_KEY', NEW_KEY);
    const r = await keyhive(['restart', 'hivecfm-hub', 'hivecfm-core', '--workspace', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hivecfm-hub: stop');
    expect(r.stdout).toContain('hivecfm-core: ready');
    expect(r.stdout).not.toContain(NEW_KEY);
    expect(await hubStatus()).toMatchObject({ authorized: true, status: 200 });
  });

  it('restart of a hub that cannot start exits 1 with its log lines and the fix', async () => {
    setKey('hivecfm-hub', 'API_KEY', '');
    const r = await keyhive(['restart', 'hivecfm-hub', '--workspace', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did not become ready');
    expect(r.stderr).toContain('API_KEY is empty');
    expect(r.stderr).toContain('fix:');
    setKey('hivecfm-hub', 'API_KEY', NEW_KEY);
  });

  it('down stops everything', async () => {
    const r = await keyhive(['down', '--workspace', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stopped hivecfm-hub, hivecfm-core, hogsend, hogsend-monitor, hogsend-journeys, tokenhub, tokenhub-chat, tokenhub-planner, hiveforge, hiveforge-integration (native)');
    await expect(fetch(`http://127.0.0.1:${corePort}/health`)).rejects.toThrow();
  });
});

describe('keyhive service commands: bad input and problems', () => {
  it('exits 2 for an unknown service, naming the known ones', async () => {
    const r = await keyhive(['restart', 'hivecfm-hubb', '--workspace', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no service named "hivecfm-hubb"');
    expect(r.stderr).toContain('hivecfm-hub, hivecfm-core');
  });

  it('exits 2 for a bad --lines', async () => {
    const r = await keyhive(['logs', 'hivecfm-hub', '--lines', 'ten', '--workspace', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lines must be a whole number');
  });

  it('exits 2 for a bad --mode', async () => {
    const r = await keyhive(['up', '--mode', 'podman', '--workspace', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--mode must be docker or native');
  });

  it('exits 2 for a missing workspace file', async () => {
    const r = await keyhive(['up', '--workspace', join(root, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no workspace file');
  });

  it('exits 2 when restart gets no service', async () => {
    expect((await keyhive(['restart', '--workspace', file])).code).toBe(2);
  });

  it('exits 1 with DOCKER_UNAVAILABLE words when the Docker daemon is down', async () => {
    const r = await keyhive(['restart', 'hivecfm-hub', '--mode', 'docker', '--workspace', file], { DOCKER_HOST: `unix://${join(root, 'dead.sock')}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not answering');
    expect(r.stderr).toContain('fix:');
  });
});
