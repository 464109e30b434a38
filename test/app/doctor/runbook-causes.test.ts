/**
 * The HiveCFM runbook's causes against a REAL hub over HTTP, named FIRST with the right fix:
 * wrong header shape, the wrong URL for the run mode (with its one-click rewrite), and a native
 * hub started by hand (not by Keyhive) with an old key — stale-process, restarted with the
 * service's configured command after confirmation, then the probe passes.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixDoctor, runDoctor } from '../../../electron/app/doctor/run-doctor.js';
import { portsOf } from '../../../electron/app/sync/apply-change-ports.js';
import { openSession } from '../../../electron/app/workspace-session.js';
import { NativeServiceController } from '../../../electron/adapters/process/native-controller.js';
import { pidsListeningOn } from '../../../electron/adapters/process/port-owner.js';
import { isAlive } from '../../../electron/adapters/process/proc-info.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { buildHivecfmPeers } from '../../peers/build-peers.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { freePort } from '../../support/free-port.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../live-hub.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});
async function hub(): Promise<LiveHubWorkspace> {
  const w = await liveHubWorkspace();
  cleanups.push(() => w.cleanup());
  return w;
}

describe('doctor × HiveCFM hub runbook (real hub over HTTP)', () => {
  it('wrong header shape: the caller sends the raw key; the hub says so and the doctor names it first', async () => {
    const w = await hub();
    w.ports.workspace.config.secrets[SECRET]!.probes = { smoke: 'GET /v1/webhooks', header: { name: 'Authorization', scheme: 'raw' } };
    const f = await runDoctor(w.ports, SECRET);
    expect(f[0]).toMatchObject({ cause: 'header-shape', severity: 'error' });
    expect(f[0]!.what).toContain('"Invalid Authorization header format. Expected: Bearer <api-key>"');
    expect(f[0]!.fix).toContain('Authorization: Bearer <key>');
  });

  it('wrong URL for the run mode: a Docker service name while native — named first, fixed in one click', async () => {
    const w = await hub();
    const native = w.ports.workspace.config.services.hub!.urls.native!;
    w.ports.workspace.config.services.hub!.urls.docker = 'http://hivecfm-hub-api:8080';
    const text = await readFile(w.coreEnv, 'utf8');
    await writeFile(w.coreEnv, text.replace(/HIVECFM_HUB_URL=.*$/m, 'HIVECFM_HUB_URL=http://hivecfm-hub-api:8080'));
    const f = await runDoctor(w.ports, SECRET);
    expect(f[0]).toMatchObject({ cause: 'wrong-url', fixAction: 'fix-caller-url' });
    expect(f[0]!.fix).toContain(`Set HIVECFM_HUB_URL=${native}`);
    const r = await fixDoctor(w.ports, SECRET, { only: 'fix-caller-url' });
    expect(r.applied[0]).toContain(`set core HIVECFM_HUB_URL=${native} (was http://hivecfm-hub-api:8080)`);
    expect(await w.value(w.coreEnv, 'HIVECFM_HUB_URL')).toBe(native);
    expect(await readFile(w.coreEnv, 'utf8')).toContain('# shared'); // only the URL's bytes changed
    expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('doctor × a native hub started by hand', () => {
  it('reports stale-process with the evidence, restarts it with the configured command after confirmation, then the probe passes', async () => {
    const { hub: hubScript } = await buildHivecfmPeers();
    const port = await freePort();
    const { mkdtemp, mkdir, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const root = await mkdtemp(join(tmpdir(), 'kh-stale-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    await mkdir(join(root, 'hub'));
    await mkdir(join(root, 'core'));
    const oldKey = 'old-hub-key-0123456789abcdef-OLD';
    const newKey = 'new-hub-key-0123456789abcdef-NEW';
    await writeFile(join(root, 'hub', '.env'), `API_KEY=${newKey}\nPORT=${port}\nHOST=127.0.0.1\n`);
    await writeFile(join(root, 'core', '.env'), `HIVECFM_HUB_URL=http://127.0.0.1:${port}\nHIVECFM_HUB_API_KEY=${newKey}\n`);
    const file = join(root, 'keyhive.yaml');
    await writeFile(
      file,
      `name: stale
id: stale-${port}
runMode: native
services:
  hub: { dir: hub, urls: { native: "http://127.0.0.1:${port}" }, health: /health, native: { command: "${process.execPath} ${hubScript}" } }
  core: { dir: core }
secrets:
  hub-key:
    bindings:
      - { service: hub, var: API_KEY, role: server }
      - { service: core, var: HIVECFM_HUB_API_KEY, role: client, urlVar: HIVECFM_HUB_URL }
    probes: { smoke: "GET /v1/webhooks" }
`,
    );
    // Started by hand, as `make run` in a terminal would: its own process group, the OLD key.
    const byHand = spawn(process.execPath, [hubScript], { cwd: join(root, 'hub'), detached: true, stdio: 'ignore', env: { PATH: process.env.PATH ?? '', API_KEY: oldKey, PORT: String(port), HOST: '127.0.0.1' } });
    byHand.unref();
    cleanups.push(async () => (isAlive(byHand.pid!) ? process.kill(byHand.pid!, 'SIGKILL') : undefined));
    for (let i = 0; i < 100 && pidsListeningOn(port).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(pidsListeningOn(port)).toEqual([byHand.pid]);

    const store = new MemorySecretStore();
    await store.set(accounts.secret(`stale-${port}`, 'hub-key'), newKey);
    const session = await openSession(file, { store, dataDir: join(root, 'data') });
    cleanups.push(() => session.close());
    const controller = new NativeServiceController({ stateDir: join(root, 'data', 'services'), readyTimeoutMs: 20_000, stopGraceMs: 2000 });
    const ports = portsOf(session, controller);
    cleanups.push(() => controller.down([session.workspace.services.get('hub')!], 'native'));

    const f = await runDoctor(ports, 'hub-key');
    expect(f[0]).toMatchObject({ cause: 'stale-process', severity: 'error', fixAction: 'restart-stale-process' });
    expect(f[0]!.what).toContain(`pid ${byHand.pid}, port ${port}`);
    expect(f[0]!.what).toContain('started by hand, not by Keyhive');
    expect(f[0]!.fix).toContain('after you confirm');
    expect(f.find((x) => x.id === 'probe:auth-smoke')).toMatchObject({ severity: 'error' });
    expect(f.find((x) => x.id === 'service-up:hub')).toMatchObject({ severity: 'info', what: expect.stringContaining('process started by hand serves its port') });
    expect(f.find((x) => x.id === 'service-up:hub')?.fixAction).toBeUndefined();
    expect(JSON.stringify(f)).not.toContain(oldKey);

    // The user confirms (the button / `--fix`): only that fix.
    const r = await fixDoctor(ports, 'hub-key', { only: 'restart-stale-process' });
    expect(r.applied[0]).toMatch(new RegExp(`stopped .* \\(pid ${byHand.pid}\\) and started hub with`));
    expect(isAlive(byHand.pid!)).toBe(false);
    expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.findings.find((x) => x.id === 'probe:auth-smoke')).toMatchObject({ severity: 'ok', what: expect.stringContaining('→ 200') });
  }, 60_000);

  it('a hand-started process Keyhive cannot restart is named with the exact command to run', async () => {
    const { hub: hubScript } = await buildHivecfmPeers();
    const w = await hub();
    const port = await freePort();
    const byHand = spawn(process.execPath, [hubScript], { detached: true, stdio: 'ignore', env: { PATH: process.env.PATH ?? '', API_KEY: 'an-older-key-still-running-000', PORT: String(port), HOST: '127.0.0.1' } });
    byHand.unref();
    cleanups.push(async () => (isAlive(byHand.pid!) ? process.kill(byHand.pid!, 'SIGKILL') : undefined));
    for (let i = 0; i < 100 && pidsListeningOn(port).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    w.ports.workspace.config.services.hub!.urls.native = `http://127.0.0.1:${port}`;
    const f = await runDoctor(w.ports, SECRET);
    const stale = f.find((x) => x.cause === 'stale-process');
    expect(stale).toMatchObject({ severity: 'error' });
    expect(stale?.fixAction).toBeUndefined();
    expect(stale?.fix).toContain(`Keyhive cannot restart it (services.hub has no native: command`);
    expect(stale?.fix).toContain(`stop pid ${byHand.pid}`);
    expect(stale?.fix).toContain(`\`${process.execPath} ${hubScript}\``);
  }, 30_000);
});

describe('doctor × the runbook example key', () => {
  it('`hivecfm-hub-secret-key` pasted from the runbook on both sides: calls pass, but the doctor names the placeholder first', async () => {
    const w = await hub();
    for (const [file, v] of [[w.hubEnv, 'API_KEY'], [w.coreEnv, 'HIVECFM_HUB_API_KEY']] as const) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(new RegExp(`${v}=.*$`, 'm'), `${v}=hivecfm-hub-secret-key`));
    }
    await w.store.set(accounts.secret(w.id, SECRET), 'hivecfm-hub-secret-key');
    const f = await runDoctor(w.ports, SECRET);
    expect(f.find((x) => x.id === 'probe:auth-smoke')?.severity).toBe('ok');
    expect(f[0]).toMatchObject({ cause: 'placeholder', fix: expect.stringContaining(`keyhive rotate ${SECRET}`) });
    const st = (await w.session.status()).secrets.find((s) => s.name === SECRET)!;
    expect(st.state).toBe('invalid-format');
    expect(st.bindings[0]?.detail).toContain("example value from the system's documentation");
    expect(JSON.stringify(f)).not.toContain('hivecfm-hub-secret-key');
  });
});

describe('the caller-URL fix in Docker mode (files only)', () => {
  it('`localhost` inside a container is rewritten to the server\'s Compose service name, only that value changes', async () => {
    const { makeWorkspace } = await import('../support/temp-workspace.js');
    const t = await makeWorkspace({ runMode: 'docker', hub: 'k'.repeat(40), core: 'k'.repeat(40), extraYaml: '' });
    cleanups.push(t.cleanup);
    const yaml = await readFile(t.file, 'utf8');
    await writeFile(t.file, yaml.replace('  hivecfm-hub:\n    dir: hivecfm-hub', '  hivecfm-hub:\n    dir: hivecfm-hub\n    urls: { docker: "http://hivecfm-hub-api:8080", native: "http://localhost:8090" }'));
    const session = await openSession(t.file, { store: new MemorySecretStore(), dataDir: t.dataDir });
    cleanups.push(() => session.close());
    const { fixCallerUrls } = await import('../../../electron/app/doctor/fix-caller-url.js');
    const before = await readFile(t.coreEnv, 'utf8');
    const done = await fixCallerUrls(portsOf(session, null), 'hub-api-key');
    expect(done.rewrites).toEqual([{ service: 'hivecfm-core', urlVar: 'HIVECFM_HUB_URL', file: t.coreEnv, from: 'http://localhost:8090', to: 'http://hivecfm-hub-api:8080' }]);
    expect(await readFile(t.coreEnv, 'utf8')).toBe(before.replace('HIVECFM_HUB_URL=http://localhost:8090', 'HIVECFM_HUB_URL=http://hivecfm-hub-api:8080'));
    expect(await fixCallerUrls(portsOf(session, null), 'hub-api-key')).toEqual({ rewrites: [], activityId: null });

    // One journaled change with an activity entry: undo puts the file back byte for byte.
    const entry = (await session.activity.list({ kind: 'doctor-fix' }))[0]!;
    expect(entry).toMatchObject({ id: done.activityId, kind: 'doctor-fix', secret: 'hub-api-key', files: [t.coreEnv], undoable: true });
    expect(entry.summary).toContain('hivecfm-core HIVECFM_HUB_URL');
    expect(await session.journal.pending(session.workspace.config.id)).toEqual([]);
    const undone = await session.undo();
    expect(undone.undid).toBe(done.activityId);
    expect(await readFile(t.coreEnv, 'utf8')).toBe(before);
  });

  it('an edit naming a file outside the workspace is refused before any file is written', async () => {
    const { makeWorkspace } = await import('../support/temp-workspace.js');
    const t = await makeWorkspace({ runMode: 'docker', hub: 'k'.repeat(40), core: 'k'.repeat(40), extraYaml: '' });
    cleanups.push(t.cleanup);
    const session = await openSession(t.file, { store: new MemorySecretStore(), dataDir: t.dataDir });
    cleanups.push(() => session.close());
    const before = await readFile(t.coreEnv, 'utf8');
    await expect(session.editValues({ edits: [{ service: 'hivecfm-core', file: t.coreEnv, var: 'HIVECFM_HUB_URL', value: 'http://x:1' }, { service: 'hivecfm-core', file: '/etc/keyhive-not-here/.env', var: 'A', value: 'b' }], summary: 'test' })).rejects.toThrow();
    expect(await readFile(t.coreEnv, 'utf8')).toBe(before);
    expect(await session.journal.pending(session.workspace.config.id)).toEqual([]);
  });
});
