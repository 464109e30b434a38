/**
 * `keyhive keys rotate` of a Hogsend key used by a running consumer, as a user runs it: the real
 * CLI, the real keychain, the Hogsend reference server, and a consumer process Keyhive runs
 * natively (it reads its key at start). A `kill -9` is injected at each step of the issued-key
 * flow in turn; after `keyhive recover` the consumer must hold a working key, the .env, the
 * keychain and the consumer must agree, and every key Keyhive created and no longer uses must
 * be revoked (exactly one active key remains: the one in use).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { effectiveEntry, parseEnv } from '../../../electron/core/env/parse.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { freePort } from '../../support/free-port.js';
import { requireKeyring } from '../../support/keyring-session.js';
import { manualClock } from '../../../electron/demo/peers/issuer-common/clock.js';
import { sha256 } from '../../../electron/demo/peers/hogsend/store.js';
import { start as startHogsend, type HogsendPeer } from '../../../electron/demo/peers/hogsend/server.js';

const KEYHIVE = fileURLToPath(new URL('../../../electron/cli/keyhive.mjs', import.meta.url));
const CONSUMER = fileURLToPath(new URL('../../../electron/demo/peers/hogsend/consumer.mjs', import.meta.url));
const LEGACY = `hsk_${randomBytes(20).toString('hex')}`;
const SECRET = 'hogsend-key';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let root: string;
let file: string;
let dataDir: string;
let envFile: string;
let wsId: string;
let consumerUrl: string;
let peer: HogsendPeer;
const store = new KeytarSecretStore();

function keyhive(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KEYHIVE, ...args, '--workspace', file], { env: { ...process.env, KEYHIVE_DATA_DIR: dataDir, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
const show = (r: Run): string => `exit ${r.code} signal ${r.signal}\n${r.stdout}\n${r.stderr}`;

async function envValue(): Promise<string | null> {
  return effectiveEntry(parseEnv(await readFile(envFile)), 'HOGSEND_API_KEY')?.value ?? null;
}
async function consumerCheck(): Promise<{ ok: boolean; status: number | null; prefix?: string }> {
  const r = await fetch(`${consumerUrl}/check`);
  return (await r.json()) as { ok: boolean; status: number | null; prefix?: string };
}
const activeKeys = () => [...peer.store.keys.values()].filter((k) => k.revokedAt === null);

beforeAll(async () => {
  requireKeyring();
  peer = await startHogsend({ env: { ADMIN_API_KEY: LEGACY }, clock: manualClock() });
  root = await mkdtemp(join(tmpdir(), 'kh-keys-'));
  dataDir = join(root, 'data');
  wsId = `kh-keys-${randomBytes(5).toString('hex')}`;
  const port = await freePort();
  consumerUrl = `http://127.0.0.1:${port}`;
  await mkdir(join(root, 'consumer'));
  await copyFile(CONSUMER, join(root, 'consumer', 'consumer.mjs'));
  const { plaintext } = peer.store.createKey({ name: 'consumer', scopes: ['read'], expiresAt: null }, peer.clock.now());
  envFile = join(root, 'consumer', '.env');
  await writeFile(envFile, `# consumer settings\nHOGSEND_API_KEY=${plaintext}\nOTHER=keep-me\n`);
  file = join(root, 'keyhive.yaml');
  await writeFile(
    file,
    [
      'version: 1',
      'name: keys-crash',
      `id: ${wsId}`,
      'runMode: native',
      'services:',
      '  consumer:',
      '    dir: consumer',
      `    native: { command: "node consumer.mjs", env: { PORT: "${port}", HOGSEND_URL: "${peer.url}" } }`,
      `    urls: { native: "${consumerUrl}" }`,
      '    health: /health',
      'issuers:',
      `  hogsend: { system: hogsend, url: "${peer.url}" }`,
      'secrets:',
      `  ${SECRET}:`,
      '    format: hogsend',
      '    issuer: hogsend',
      '    scopes: [read]',
      '    endpoints: ["GET /v1/admin/contacts"]',
      '    bindings: [{ service: consumer, var: HOGSEND_API_KEY, role: client }]',
      '',
    ].join('\n'),
  );
  await store.set(accounts.secret(wsId, SECRET), plaintext);
  const cred = await keyhive(['keys', 'credential', '--issuer', 'hogsend'], {}, LEGACY);
  expect(cred.code, show(cred)).toBe(0);
  expect(cred.stdout + cred.stderr).not.toContain(LEGACY);
  const up = await keyhive(['up']);
  expect(up.code, show(up)).toBe(0);
  expect(await consumerCheck()).toMatchObject({ ok: true, status: 200 });
}, 120_000);

afterAll(async () => {
  if (file) await keyhive(['down']).catch(() => undefined);
  for (const a of [accounts.secret(wsId, SECRET), accounts.rotationBackup(wsId, SECRET), accounts.rotationPending(wsId, SECRET), accounts.issuerCredential(wsId, 'hogsend'), accounts.fingerprintKey(wsId)]) {
    await store.delete(a).catch(() => false);
  }
  await peer?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The state every run must end in: one key everywhere, accepted, the only active one. */
async function expectConsistent(forbidden: string[]): Promise<string> {
  const value = await envValue();
  expect(value).not.toBeNull();
  expect(await store.get(accounts.secret(wsId, SECRET))).toBe(value);
  const check = await consumerCheck();
  expect(check, 'the consumer must hold a working key').toMatchObject({ ok: true, status: 200, prefix: value!.slice(0, 8) });
  const active = activeKeys();
  expect(active.map((k) => k.keyHash), 'exactly the key in use stays active').toEqual([sha256(value!)]);
  expect(await store.get(accounts.rotationBackup(wsId, SECRET))).toBeNull();
  expect(await store.get(accounts.rotationPending(wsId, SECRET))).toBeNull();
  expect((await readdir(join(dataDir, 'journal'))).filter((n) => n.endsWith('.json'))).toEqual([]);
  expect(await readFile(envFile, 'utf8')).toContain('OTHER=keep-me');
  for (const text of forbidden) expect(text).not.toContain(value!);
  return value!;
}

describe('keyhive keys rotate (real CLI, real keychain, Hogsend peer, native consumer)', () => {
  it('rotates with no downtime: new key everywhere, consumer restarted, old key revoked and refused', async () => {
    peer.clock.advance(61_000);
    const before = (await envValue())!;
    const r = await keyhive(['keys', 'rotate', SECRET]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/Rotated hogsend-key: now hsk_\w{4}…/);
    expect(r.stdout).toContain('restarted consumer');
    expect(r.stdout).toContain('the old key is refused (401)');
    const after = await expectConsistent([r.stdout, r.stderr]);
    expect(after).not.toBe(before);
    expect(r.stdout + r.stderr).not.toContain(before);
    expect(peer.store.findByHash(sha256(before))?.revokedAt).not.toBeNull();
  }, 120_000);

  const points = ['create:running', 'create', 'write-consumers', 'restart-consumers', 'probe-new', 'revoke-old', 'verify-old-refused', 'cleanup'];
  it.each(points)('kill -9 after "%s", then keyhive recover: the consumer works, nothing unused is left unrevoked', async (point) => {
    peer.clock.advance(61_000);
    const old = (await envValue())!;
    const crashed = await keyhive(['keys', 'rotate', SECRET], { KEYHIVE_TEST_CRASH_AFTER: point });
    expect(crashed.signal, show(crashed)).toBe('SIGKILL');
    const rec = await keyhive(['recover']);
    expect(rec.code, show(rec)).toBe(0);
    expect(rec.stdout).toMatch(/rolled back|completed/);
    const now = await expectConsistent([crashed.stdout, crashed.stderr, rec.stdout, rec.stderr]);
    const committed = ['probe-new', 'revoke-old', 'verify-old-refused', 'cleanup'].includes(point);
    if (committed) expect(now).not.toBe(old);
    else expect(now).toBe(old);
    expect(rec.stdout + rec.stderr).not.toContain(old);
  }, 180_000);

  it('list shows prefixes only; revoke and create work from the CLI', async () => {
    peer.clock.advance(61_000);
    const list = await keyhive(['keys', 'list', '--issuer', 'hogsend', '--all']);
    expect(list.code, show(list)).toBe(0);
    const value = (await envValue())!;
    expect(list.stdout).toContain(`${value.slice(0, 8)}…`);
    expect(list.stdout).not.toContain(value);
    const created = await keyhive(['keys', 'create', '--issuer', 'hogsend', '--name', 'ci', '--scopes', 'read']);
    expect(created.code, show(created)).toBe(0);
    const id = /created (\S+)/.exec(created.stdout)?.[1] ?? '';
    expect(created.stdout).toContain(`stored in the keychain as ${wsId}/issued/hogsend/${id}`);
    const plaintext = (await store.get(`${wsId}/issued/hogsend/${id}`))!;
    expect(plaintext).toMatch(/^hsk_/);
    expect(created.stdout).not.toContain(plaintext);
    const revoked = await keyhive(['keys', 'revoke', '--issuer', 'hogsend', id]);
    expect(revoked.code, show(revoked)).toBe(0);
    expect(peer.store.keys.get(id)?.revokedAt).not.toBeNull();
    expect(await store.get(`${wsId}/issued/hogsend/${id}`)).toBeNull();
  }, 120_000);

  it('scopes SECRET shows the live key\'s tree and names the scope missing for an endpoint', async () => {
    peer.clock.advance(61_000);
    const value = (await envValue())!;
    const r = await keyhive(['scopes', SECRET, '--endpoint', 'POST /v1/admin/journeys/j1/enable']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toContain(`${SECRET} (hogsend) key ${value.slice(0, 8)}…`);
    expect(r.stdout).toContain('✓ read');
    expect(r.stdout).toContain('· journey-admin');
    expect(r.stdout).toContain('least privilege for the declared endpoints: read');
    expect(r.stdout).toContain('NOT covered: missing scope journey-admin');
    expect(r.stdout + r.stderr).not.toContain(value);
    const ok = await keyhive(['scopes', SECRET, '--endpoint', 'GET /v1/admin/contacts', '--json']);
    expect(ok.code, show(ok)).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ system: 'hogsend', scopes: ['read'], check: { covered: true } });
  }, 120_000);
});
