/**
 * `node electron/cli/keyhive.mjs` as a user runs it: a command leaves no process behind. The
 * CLI runs as the leader of its own process group, so everything it starts (the esbuild bundler,
 * the keychain helper, docker calls) is in that group unless it escapes on purpose; once the CLI
 * has exited, no member of the group may be left.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubKey, makeWorkspace, type TempWorkspace } from '../app/support/temp-workspace.js';
import { BIN, REPO } from './support/run-cli.js';

/** Live members of process group `pgid` (from /proc), as "pid state command line". */
async function groupMembers(pgid: number): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …  — comm may contain spaces and parentheses
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (Number(pgrp) !== pgid) continue;
      const cmd = (await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ').slice(0, 120);
      out.push(`${name} ${state ?? '?'} (${comm}, parent ${ppid ?? '?'}) ${cmd}`);
    } catch {
      // gone while we looked: not a survivor
    }
  }
  return out;
}

/** Runs the CLI as its own process group leader; resolves once it has exited, with the group's survivors. */
function runInOwnGroup(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; survivors: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${REPO}/${BIN}`, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    // 'exit': the CLI process itself is gone (reaped); its pipes may still be held by a survivor.
    child.on('exit', (code) => {
      const pgid = child.pid!;
      void groupMembers(pgid).then(async (survivors) => {
        if (survivors.length > 0) {
          try {
            process.kill(-pgid, 'SIGKILL'); // do not leak them from the test either
          } catch {
            /* already gone */
          }
        }
        resolve({ code, stdout, stderr, survivors });
      }, reject);
    });
  });
}

let ws: TempWorkspace | null = null;
let cache: string | null = null;
afterEach(async () => {
  await ws?.cleanup();
  ws = null;
  if (cache) await rm(cache, { recursive: true, force: true });
  cache = null;
});

describe('keyhive (the command)', { timeout: 240_000 }, () => {
  it('keyhive status leaves nothing of its process group behind — with a fresh bundle build and the keychain helper', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    // A fresh bundle cache (inside the checkout, where a bundle must live to find the sources).
    await mkdir(join(REPO, 'node_modules', '.cache'), { recursive: true });
    cache = await mkdtemp(join(REPO, 'node_modules', '.cache', 'kh-cli-test-'));
    const env = { KEYHIVE_DATA_DIR: ws.dataDir, KEYHIVE_CLI_CACHE: cache, KEYHIVE_CLI_NO_PREBUILT: '1' };
    // The keychain helper starts (import writes the keychain), and the bundle is built afresh.
    const imp = await runInOwnGroup(['import', 'hub-api-key', '--from', 'hivecfm-hub', '--workspace', ws.file], env);
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    const built = (await readdir(cache)).filter((f) => f.startsWith('b-'));
    expect(built).toHaveLength(1); // it did build
    expect(await readdir(join(cache, built[0]!))).toEqual(expect.arrayContaining(['index.cjs', 'manifest.json']));
    expect(imp.survivors).toEqual([]);
    // Warm bundle: status reads the keychain through the helper.
    const status = await runInOwnGroup(['status', '--workspace', ws.file], env);
    expect(status.stdout).toMatch(/hub-api-key\s+IN SYNC/i);
    expect(status.code).toBe(0);
    expect(status.survivors).toEqual([]);
  });

  it('keyhive status --demo (which builds the demo peer servers with esbuild) leaves nothing behind', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kh-cli-demo-'));
    try {
      const r = await runInOwnGroup(['status', '--demo', '--json'], { KEYHIVE_DATA_DIR: dataDir });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ workspace: { name: expect.any(String) } });
      expect(r.survivors).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a failing command (bad usage) leaves nothing behind either', async () => {
    const r = await runInOwnGroup(['status', '--workspace', '/nonexistent/keyhive.yaml'], { KEYHIVE_DATA_DIR: join(tmpdir(), 'kh-none') });
    expect(r.code).not.toBe(0);
    expect(r.survivors).toEqual([]);
  });

  it('a keychain that never answers: keyhive status ends on its own with the fix, and leaves nothing behind', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    // A D-Bus socket that accepts and stays silent: a wedged keyring, as the keychain helper (and its warm-up read) sees it.
    const bus = join(ws.root, 'mute-bus');
    const server = createServer(() => {});
    await new Promise<void>((r) => server.listen(bus, r));
    try {
      const started = Date.now();
      const r = await runInOwnGroup(['status', '--json', '--workspace', ws.file], {
        KEYHIVE_DATA_DIR: ws.dataDir,
        KEYHIVE_KEYCHAIN_TIMEOUT_MS: '1000',
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${bus}`,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/did not answer in time/);
      expect(r.stderr).toMatch(/fix: .*unlock/i);
      expect(r.stdout).toBe('');
      expect(Date.now() - started).toBeLessThan(60_000); // generous: a hang would never end
      expect(r.survivors).toEqual([]);
    } finally {
      server.close();
    }
  });
});
