/**
 * The issue's must-show scenarios on real services — the HiveCFM hub and core reference servers,
 * run natively AND on the real Docker engine (skipped loudly when the engine is unavailable) —
 * with the real keychain and real files:
 *   1. drift the core's key → status says `drifted`, the doctor names the cause; one-click sync
 *      (files + recreate both in one step + probes) → the core's call to the hub is authorised
 *      (/hub-status) and every probe is green;
 *   2. an edit made "live" with a plain restart (`docker compose restart`) — or, natively, not
 *      restarted at all — is `stale-container`; the doctor says so and `--fix` recreates.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunMode } from '../../shared/domain.js';
import { applyChange } from '../../electron/app/sync/apply-change.js';
import { openOperation, type OpenedOperation } from '../../electron/app/sync/apply-change-ports.js';
import { ensureDemoImages } from '../../electron/app/demo/demo-workspace.js';
import { fixDoctor, runDoctor } from '../../electron/app/doctor/run-doctor.js';
import { selectServices } from '../../electron/app/services/service-control.js';
import { accounts } from '../../electron/core/secrets/secret-store.js';
import { KeytarSecretStore } from '../../electron/adapters/keychain/keytar-secret-store.js';
import { demoCopy, SECRET, type DemoCopy } from '../cli/cli-harness.js';
import { describeDocker } from '../support/describe-docker.js';
import { requireKeyring } from '../support/keyring-session.js';

function scenario(mode: RunMode): void {
  let demo: DemoCopy;
  let op: OpenedOperation;
  const project = `khe2e${randomBytes(3).toString('hex')}`;

  /** Asks the running core to call the hub now; true when the hub authorised it. */
  async function coreAuthorised(): Promise<boolean> {
    const core = op.ports.workspace.services.get('hivecfm-core')!;
    const base = mode === 'docker' ? await op.controller.publishedUrl(core, 3000) : core.config.urls.native!;
    const res = await fetch(new URL('/hub-status/check', base!), { method: 'POST' });
    return ((await res.json()) as { authorized: boolean }).authorized;
  }
  const secretStatus = async () => (await op.session.status()).secrets.find((s) => s.name === SECRET)!;
  const all = () => selectServices(op.ports.workspace, [], mode);

  beforeAll(async () => {
    requireKeyring();
    demo = await demoCopy(mode, project);
    if (mode === 'docker') await ensureDemoImages();
    op = await openOperation(demo.file, { store: new KeytarSecretStore(), dataDir: demo.dataDir, services: { native: { stateDir: join(demo.dataDir, 'services') } } });
    await op.controller.up(all(), mode);
    await op.session.importSecret(SECRET, 'hivecfm-hub');
  }, 300_000);

  afterAll(async () => {
    if (!op) return;
    await op.controller.down(all(), mode).catch(() => {});
    await op.close();
    for (const a of [accounts.secret(demo.id, SECRET), accounts.fingerprintKey(demo.id)]) await demo.store.delete(a).catch(() => false);
    await demo.cleanup();
  }, 120_000);

  it('drift → drifted + the doctor names the core; one-click sync → the core is authorised and every probe is green', async () => {
    expect(await coreAuthorised()).toBe(true);
    // the core's key drifts (someone edits its .env) and the core is restarted on it
    const text = await readFile(demo.coreEnv, 'utf8');
    await writeFile(demo.coreEnv, text.replace(/^HIVECFM_HUB_API_KEY=.*$/m, `HIVECFM_HUB_API_KEY=drifted-${randomBytes(12).toString('hex')}`));
    await op.controller.applyEnv([op.ports.workspace.services.get('hivecfm-core')!], mode);
    expect(await coreAuthorised()).toBe(false);
    expect((await secretStatus()).state).toBe('drifted');

    const findings = await runDoctor(op.ports, SECRET);
    const drift = findings.find((f) => f.id === 'sides-identical')!;
    expect(drift.severity).toBe('error');
    expect(drift.why).toContain('hivecfm-core HIVECFM_HUB_API_KEY differs');
    expect(drift.fixAction).toBe('sync-from-keychain');
    expect(findings.find((f) => f.id === 'probe:auth-smoke')?.severity).toBe('error');
    // the core calls the hub by the right address for the run mode (Compose name / host port)
    expect(findings.find((f) => f.id === 'caller-url:hivecfm-core')?.severity).toBe('ok');

    const events: string[] = [];
    const out = await applyChange(op.ports, SECRET, 'keychain', { onProgress: (e) => events.push(`${e.step}:${e.state}`) });
    expect(out.ok, out.summary).toBe(true);
    expect(out.restarted.sort()).toEqual(['hivecfm-core', 'hivecfm-hub']);
    expect(events).toEqual(expect.arrayContaining(['write:done', 'restart:done', 'probe:done']));
    expect(out.probes.map((p) => `${p.kind}:${p.ok}`)).toEqual(['health:true', 'auth-smoke:true', 'negative-control:true', 'header-shape:true']);
    expect(await coreAuthorised()).toBe(true);
    expect((await secretStatus()).state).toBe('in-sync');
    expect(JSON.stringify(out)).not.toContain((await demo.store.get(accounts.secret(demo.id, SECRET)))!);
  }, 240_000);

  it(`an edit made live ${mode === 'docker' ? 'with a plain `docker compose restart`' : 'without restarting the processes'} is stale-container; doctor --fix recreates`, async () => {
    await op.session.sync(SECRET, { value: `fresh-${randomBytes(16).toString('hex')}` });
    if (mode === 'docker') {
      const compose = op.ports.workspace.services.get('hivecfm-hub')!.composeFile!;
      const r = spawnSync('docker', ['compose', '-p', project, '-f', compose, 'restart', 'hivecfm-hub-api', 'hivecfm-core'], { encoding: 'utf8', env: process.env, timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
    }
    const st = await secretStatus();
    expect(st.state).toBe('stale-container');
    expect(st.bindings.map((b) => b.state)).toEqual(['stale-container', 'stale-container']);

    const findings = await runDoctor(op.ports, SECRET);
    expect(findings[0]).toMatchObject({ cause: 'stale-container', severity: 'error', fixAction: 'recreate-services' });
    expect(findings.filter((f) => f.id.startsWith('stale-container:')).map((f) => f.fixAction)).toEqual(['recreate-services', 'recreate-services']);
    const fixed = await fixDoctor(op.ports, SECRET, { findings });
    expect(fixed.applied.join('\n')).toMatch(/recreated|restarted/);
    expect(fixed.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect((await secretStatus()).state).toBe('in-sync');
    expect(await coreAuthorised()).toBe(true);
  }, 240_000);
}

describe('HiveCFM end to end — native processes', () => scenario('native'));
describeDocker('HiveCFM end to end — Docker engine', () => scenario('docker'));
