/**
 * `keyhive web` and `keyhive app` as users run them: the real command (node + tsx), real
 * HTTP, real signals. Where the Electron binary is missing (this machine), `keyhive app` says so
 * in one line and serves the same UI with `keyhive web --open`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePort } from '../../../electron/cli/commands/app.js';
import { electronBinary } from '../../../electron/adapters/process/electron-app.js';
import { rawRequest } from '../../web/http-client.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'electron/cli/keyhive.mjs');
const children: ChildProcess[] = [];

function keyhive(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    async url(): Promise<string> {
      for (let i = 0; i < 1800; i++) {
        const m = /Keyhive web UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(stdout);
        if (m) return m[1]!;
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no URL printed; stdout: ${stdout} stderr: ${stderr}`);
    },
  };
}

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'keyhive-cli-app-'));
  mkdirSync(join(root, 'hub'));
  writeFileSync(join(root, 'hub', '.env'), 'API_KEY=hub-key-cli0123456789abcdef0123456789abcd\n');
  writeFileSync(join(root, 'keyhive.yaml'), `name: cli\nid: cli-app-${process.pid}\nrunMode: native\nservices:\n  hub: { dir: hub }\nsecrets:\n  hub-key:\n    bindings:\n      - { service: hub, var: API_KEY, role: server }\n`);
  return join(root, 'keyhive.yaml');
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('keyhive web / keyhive app', () => {
  it('--help documents the options; bad input exits 2 with the fix', async () => {
    const help = keyhive(['web', '--help']);
    expect(await help.exited).toBe(0);
    expect(help.out()).toMatch(/--port <n>[\s\S]*--open[\s\S]*--workspace <file>/);
    const badPort = keyhive(['web', '--port', 'eighty']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.err()).toMatch(/--port must be a number[\s\S]*fix:/);
    const missing = keyhive(['web', '--workspace', '/nonexistent/keyhive.yaml']);
    expect(await missing.exited).toBe(2);
    expect(missing.err()).toMatch(/No workspace file at \/nonexistent\/keyhive\.yaml/);
    expect(parsePort('0')).toBe(0);
    expect(() => parsePort('65536')).toThrow();
  });

  it('serves the UI and API on 127.0.0.1 with the printed token, and Ctrl-C stops it cleanly', async () => {
    const run = keyhive(['web', '--port', '0', '--workspace', workspace()]);
    const url = new URL(await run.url());
    const port = Number(url.port);
    expect(url.hostname).toBe('127.0.0.1');
    const login = await rawRequest(port, { path: url.pathname + url.search, headers: { host: url.host } });
    expect(login.status).toBe(303);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const page = await rawRequest(port, { path: '/', headers: { host: url.host, cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<div id="root">/);
    const status = await rawRequest(port, { method: 'POST', path: '/api/status.get', headers: { host: url.host, cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { workspace: { name: 'cli' } } });
    expect(status.body).not.toContain('hub-key-cli0123456789');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.out()).toContain('Keyhive web stopped.');
    expect(run.out().match(/\?token=/g)).toHaveLength(1);
  }, 180_000);

  it('keyhive app without the Electron binary says so in one line and serves the UI instead', async () => {
    expect(electronBinary(ROOT)).toBeNull(); // this machine has no Electron binary
    const bin = mkdtempSync(join(tmpdir(), 'keyhive-path-'));
    symlinkSync(process.execPath, join(bin, 'node')); // a PATH with no browser opener
    const run = keyhive(['app', '--workspace', workspace()], { PATH: `${bin}:${dirname(process.execPath)}`.replace(/:\/usr\/bin$/, '') });
    const url = await run.url();
    expect(run.err().split('\n').filter((l) => l.includes('Electron binary is not installed'))).toHaveLength(1);
    expect(run.out()).toMatch(/No browser opener found|Listening on 127\.0\.0\.1/);
    const res = await rawRequest(Number(new URL(url).port), { path: new URL(url).pathname + new URL(url).search, headers: { host: new URL(url).host } });
    expect(res.status).toBe(303);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 180_000);
});
