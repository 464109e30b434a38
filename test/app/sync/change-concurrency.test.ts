/**
 * Changes from several shells at once are serialized by the one workspace lock: two real
 * `keyhive sync` processes and a sync through the real web-mode server (HTTP, cookie, the same
 * app service the desktop uses) start together, 50 rounds; a sync started during a rotation waits
 * for it. Whatever order they run in, the keychain equals every file afterwards, each change's
 * recorded "before" is the previous change's "after" (so every undo restores the right value),
 * and undo puts the previous value back.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyhiveService, type KeyhiveService } from '../../../electron/app/keyhive-service.js';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { readLockHolder } from '../../../electron/adapters/fs/workspace-lock.js';
import { keyFormats } from '../../../electron/core/keys/index.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { startWebServer, type RunningWebServer } from '../../../electron/web/web-server.js';
import { web } from '../../../shared/api.js';
import { demoCopy, KEYHIVE, runCli, SECRET, type DemoCopy } from '../../cli/cli-harness.js';
import { rawRequest } from '../../web/http-client.js';

const ROUNDS = 50;
const TOKEN = 'C'.repeat(43);

let w: DemoCopy;
let service: KeyhiveService;
let server: RunningWebServer;
let cookie = '';
let generate: () => string;

function cliSync(value: string, restart = false, onStderr?: (text: string) => void): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KEYHIVE, 'sync', SECRET, '--value-stdin', ...(restart ? [] : ['--no-restart']), '--workspace', w.file], {
      env: { ...process.env, KEYHIVE_DATA_DIR: w.dataDir },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr);
    });
    child.stdin.end(value + '\n');
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

async function webSync(): Promise<{ ok: boolean }> {
  const res = await rawRequest(server.port, {
    method: 'POST',
    path: `${web.apiPrefix}secret.sync`,
    headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', cookie },
    body: JSON.stringify({ secret: SECRET, from: { service: 'hivecfm-hub' }, restart: false }),
  });
  return JSON.parse(res.body) as { ok: boolean };
}

async function values(): Promise<{ keychain: string | null; hub: string | null; core: string | null }> {
  const local = await w.value(join(dirname(w.coreEnv), '.env.local'), 'HIVECFM_HUB_API_KEY').catch(() => null);
  return {
    keychain: await w.store.get(accounts.secret(w.id, SECRET)),
    hub: await w.value(w.hubEnv, 'API_KEY'),
    core: local ?? (await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY')),
  };
}

beforeAll(async () => {
  w = await demoCopy('native');
  const ws = await loadWorkspace(w.file);
  const formats = keyFormats(ws.config);
  generate = () => formats.generate(ws.config.secrets[SECRET]!.format);
  service = createKeyhiveService({ workspaceFile: w.file, store: w.store, dataDir: w.dataDir });
  const ui = mkdtempSync(join(tmpdir(), 'kh-conc-ui-'));
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Keyhive</title>');
  server = await startWebServer({ service, rendererDir: ui, port: 0, token: TOKEN });
  const login = await rawRequest(server.port, { path: `/?${web.tokenParam}=${TOKEN}`, headers: { host: `127.0.0.1:${server.port}` } });
  cookie = String(login.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  // Start in sync.
  const r = await runCli(['import', SECRET, '--from', 'hivecfm-hub', '--workspace', w.file], { KEYHIVE_DATA_DIR: w.dataDir });
  expect(r.status).toBe(0);
}, 120_000);

afterAll(async () => {
  if (w) await runCli(['down', '--workspace', w.file], { KEYHIVE_DATA_DIR: w.dataDir });
  await server?.close();
  await service?.close();
  await w?.cleanup();
});

describe('concurrent changes from the CLI and web mode', () => {
  it(`two CLI syncs and a web-mode sync at once, ${ROUNDS} rounds: serialized, keychain = files, undo chain intact`, async () => {
    type Synced = { ok: true; value: Array<{ fingerprintBefore: string | null; fingerprintAfter: string | null }> };
    const syncs = async () => [...((await service.invoke('activity.list', { kind: 'sync', limit: 1000 })) as Synced).value].reverse();
    const earlier = (await syncs()).length; // the other test's syncs, when it ran first
    for (let round = 0; round < ROUNDS; round++) {
      const a = generate();
      const b = generate();
      const [ra, rb, rw] = await Promise.all([cliSync(a), cliSync(b), webSync()]);
      expect([ra.status, rb.status, rw.ok], `round ${round}: ${ra.stderr} ${rb.stderr}`).toEqual([0, 0, true]);
      const v = await values();
      expect(v.hub === v.keychain && v.core === v.keychain, `round ${round}`).toBe(true);
      expect([a, b].includes(v.keychain!) || v.keychain === v.hub, `round ${round}`).toBe(true);
    }
    // Every sync recorded the value it replaced: the chain of fingerprints has no gap or fork.
    const chain = (await syncs()).slice(earlier);
    expect(chain.length).toBe(ROUNDS * 3);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.fingerprintBefore, `sync ${i}`).toBe(chain[i - 1]!.fingerprintAfter);
    // Undo of the newest puts the one before back everywhere.
    const before = await values();
    const r = await runCli(['undo', '--workspace', w.file], { KEYHIVE_DATA_DIR: w.dataDir });
    expect(r.status, r.stderr).toBe(0);
    const after = await values();
    expect(after.keychain === after.hub && after.core === after.keychain).toBe(true);
    const latest = chain[chain.length - 1]!;
    if (latest.fingerprintBefore !== latest.fingerprintAfter) expect(after.keychain === before.keychain).toBe(false);
  }, 900_000);

  it('a sync during a rotation waits for it (told who holds the workspace); nothing is lost', async () => {
    const rotation = runCli(['rotate', SECRET, '--workspace', w.file], { KEYHIVE_DATA_DIR: w.dataDir });
    // Start the sync once the rotation holds the lock (the CLI first takes it briefly to recover).
    const lockFile = join(w.dataDir, 'locks', `${w.id}.lock`);
    for (let i = 0; i < 2000 && (await readLockHolder(lockFile))?.operation !== 'rotate'; i++) await new Promise((r) => setTimeout(r, 10));
    const holder = await readLockHolder(lockFile);
    expect(holder?.operation).toBe('rotate');
    // The rotation is paused while it holds the workspace, and resumed once the sync says it waits:
    // the sync meets the held lock whatever this machine's speed (no race between the two).
    process.kill(holder!.pid, 'SIGSTOP');
    let resumed = false;
    const resume = (): void => {
      if (resumed) return;
      resumed = true;
      process.kill(holder!.pid, 'SIGCONT');
    };
    const value = generate();
    // With the restart (the default), so the running services end on the synced value too.
    const sync = cliSync(value, true, (text) => {
      if (/waiting for rotate rotate-/.test(text)) resume();
    }).finally(resume);
    const [rot, syn] = await Promise.all([rotation, sync]);
    expect(syn.status, syn.stderr).toBe(0);
    expect(syn.stderr).toMatch(/waiting for rotate rotate-/);
    // The sync ran after the rotation (committed or rolled back): its value is everywhere.
    const v = await values();
    expect(v.keychain === value && v.hub === value && v.core === value, `rotation exit ${rot.status}: ${rot.stdout}`).toBe(true);
    const recent = (await service.invoke('activity.list', { limit: 2 })) as { ok: true; value: Array<{ kind: string }> };
    expect(recent.value.map((e) => e.kind)).toEqual(['sync', 'rotate']);
    // The sync's restart started the services: stop them, so the other test (in any order) finds
    // the workspace as it was — nothing running to be left on an old value by its --no-restart syncs.
    expect((await runCli(['down', '--workspace', w.file], { KEYHIVE_DATA_DIR: w.dataDir })).status).toBe(0);
  }, 300_000);
});
