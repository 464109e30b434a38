/**
 * `keyhive doctor SECRET [--json] [--fix]` for every system, as a user runs it: the real CLI,
 * real reference servers over HTTP (Hogsend, TokenHub, HiveForge, the HiveCFM hub), the real
 * keychain. The CLI's findings equal the ones the Troubleshoot view gets (the same use case,
 * called in-process), the cause comes first, exit 1 while a problem is left.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../electron/app/doctor/run-doctor.js';
import { HogsendClient } from '../../../electron/adapters/issuers/hogsend-client.js';
import { TokenHubClient } from '../../../electron/adapters/issuers/tokenhub-client.js';
import { HiveForgeClient } from '../../../electron/adapters/issuers/hiveforge-client.js';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import type { DoctorFinding } from '../../../shared/domain.js';
import { issuerWorkspace, SECRET, type IssuerWorkspace } from '../../app/doctor/issuer-workspace.js';
import { liveHubWorkspace, SECRET as HUB_SECRET, type LiveHubWorkspace } from '../../app/live-hub.js';
import { start as startHogsend } from '../../../electron/demo/peers/hogsend/server.js';
import { start as startTokenHub } from '../../../electron/demo/peers/tokenhub/server.js';
import { start as startHiveForge } from '../../../electron/demo/peers/hiveforge/server.js';
import { systemClock } from '../../../electron/demo/peers/issuer-common/clock.js';
import { requireKeyring } from '../../support/keyring-session.js';
import { runCli } from '../cli-harness.js';

const keychain = new KeytarSecretStore();
const closers: Array<() => Promise<unknown>> = [];
beforeAll(() => requireKeyring());
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
});

/** Mirrors the workspace's memory keychain into the real one (the CLI reads the real keychain). */
async function mirror(ws: IssuerWorkspace): Promise<void> {
  for (const account of [accounts.secret(ws.id, SECRET), accounts.issuerCredential(ws.id, 'main')]) {
    const v = await ws.store.get(account);
    if (v) await keychain.set(account, v);
    closers.push(() => keychain.delete(account));
  }
  closers.push(() => keychain.delete(accounts.fingerprintKey(ws.id)));
}

const cli = (ws: { file: string; root: string }, args: string[]) => runCli([...args, '--workspace', ws.file], { KEYHIVE_DATA_DIR: join(ws.root, 'cli-data') });
const shape = (f: DoctorFinding[]) => f.map((x) => `${x.severity} ${x.id} ${x.cause ?? '-'} ${x.fixAction ?? '-'}`);

async function sameAsTheView(ws: IssuerWorkspace, cause: string, fixText: string): Promise<void> {
  await mirror(ws);
  const r = await cli(ws, ['doctor', SECRET, '--json']);
  expect(r.status, r.stderr).toBe(1);
  const findings = JSON.parse(r.stdout) as DoctorFinding[];
  expect(findings[0]).toMatchObject({ cause });
  expect(findings[0]!.fix).toContain(fixText);
  expect(shape(findings)).toEqual(shape(await runDoctor(ws.ports, SECRET)));
  const human = await cli(ws, ['doctor', SECRET]);
  expect(human.status).toBe(1);
  expect(human.stdout.split('\n')[0]).toContain(`Most likely cause: ${cause}`);
  const value = await ws.store.get(accounts.secret(ws.id, SECRET));
  expect(human.stdout + r.stdout).not.toContain(value!);
}

describe('keyhive doctor — issued keys of every system', () => {
  it('Hogsend: a revoked key (after the 60 s window) is the cause, with the replacement command', async () => {
    const clock = systemClock();
    const peer = await startHogsend({ clock, env: { ADMIN_API_KEY: 'hsk_cli-doctor-legacy-admin-key-000000000' } });
    closers.push(peer.close);
    const admin = new HogsendClient(peer.url, 'hsk_cli-doctor-legacy-admin-key-000000000');
    const ws = await issuerWorkspace({ system: 'hogsend', issuerUrl: peer.url, credential: 'hsk_cli-doctor-legacy-admin-key-000000000', endpoints: ['GET /v1/admin/contacts'] });
    closers.push(ws.cleanup);
    const { key, plaintext } = await admin.create({ name: 'reports', scopes: ['read'] });
    await ws.setKey(plaintext);
    clock.advance(-120_000); // the revocation is stamped two minutes before "now"
    await admin.revoke(key.id);
    clock.advance(120_000);
    await sameAsTheView(ws, 'revoked', `--name "reports (replacement)" --scopes read --secret ${SECRET}`);
  }, 60_000);

  it('TokenHub: a disabled key (probed with the consumer\'s POST) is the cause', async () => {
    const peer = await startTokenHub({ clock: systemClock(), env: { TOKENHUB_ADMIN_TOKEN: 'cli-doctor-admin' } });
    closers.push(peer.close);
    const admin = new TokenHubClient(peer.url, 'cli-doctor-admin');
    const ws = await issuerWorkspace({ system: 'tokenhub', issuerUrl: peer.url, credential: 'cli-doctor-admin', endpoints: ['POST /v1/chat'] });
    closers.push(ws.cleanup);
    const { key, plaintext } = await admin.create({ name: 'bot', scopes: ['chat'] });
    await ws.setKey(plaintext);
    await admin.setEnabled!(key.id, false); // never validated, so never cached: refused at once
    await sameAsTheView(ws, 'disabled', 'Enable it again');
  }, 60_000);

  it('HiveForge: a live key in a local (sandbox) workspace is the cause', async () => {
    const peer = await startHiveForge({ clock: systemClock(), env: { HIVEFORGE_JWT_SECRET: 'cli-doctor' } });
    closers.push(peer.close);
    const jwt = peer.jwtFor(peer.store.addUser({ email: 'o@x.test', orgId: 'org-1', role: 'owner' }));
    await new HiveForgeClient(peer.url, jwt).create({ name: 'sandbox key', scopes: ['read'] });
    const ws = await issuerWorkspace({ system: 'hiveforge', issuerUrl: peer.url, credential: jwt, endpoints: ['GET /api/v1/organizations'] });
    closers.push(ws.cleanup);
    await ws.setKey(`hf_live_${'9c'.repeat(24)}`);
    await sameAsTheView(ws, 'wrong-env-prefix', 'hf_test_ (sandbox) key');
  }, 60_000);
});

describe('keyhive doctor --fix — the HiveCFM hub', () => {
  let w: LiveHubWorkspace;
  beforeAll(async () => {
    w = await liveHubWorkspace();
    await keychain.set(accounts.secret(w.id, HUB_SECRET), (await w.keychain())!);
  });
  afterAll(async () => {
    await keychain.delete(accounts.secret(w.id, HUB_SECRET)).catch(() => false);
    await keychain.delete(accounts.fingerprintKey(w.id)).catch(() => false);
    await w.cleanup();
  });

  it('a Docker service name while native: exit 1 naming wrong-url; --fix rewrites the URL variable, exit 0', async () => {
    const yaml = await readFile(w.file, 'utf8');
    await writeFile(w.file, yaml.replace(/urls: \{ native: ("[^"]+") \}/, 'urls: { native: $1, docker: "http://hivecfm-hub-api:8080" }'));
    const env = await readFile(w.coreEnv, 'utf8');
    await writeFile(w.coreEnv, env.replace(/HIVECFM_HUB_URL=.*$/m, 'HIVECFM_HUB_URL=http://hivecfm-hub-api:8080'));
    const r = await cli(w, ['doctor', HUB_SECRET]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Most likely cause: wrong-url/);
    expect(r.stdout).toContain('[--fix]');
    const fixed = await cli(w, ['doctor', HUB_SECRET, '--fix']);
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/fixed: hub-key: set core HIVECFM_HUB_URL=http:\/\/127\.0\.0\.1:\d+ \(was http:\/\/hivecfm-hub-api:8080\)/);
    expect(await w.value(w.coreEnv, 'HIVECFM_HUB_URL')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }, 90_000);
});
