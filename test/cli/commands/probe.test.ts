/**
 * `keyhive probe` as a user runs it: the real CLI against a real HTTP hub, the real keychain.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../../app/live-hub.js';
import { requireKeyring } from '../../support/keyring-session.js';
import { runCli } from '../cli-harness.js';


let w: LiveHubWorkspace;
const store = new KeytarSecretStore();
const cli = (args: string[]) => runCli([...args, '--workspace', w.file], { KEYHIVE_DATA_DIR: join(w.root, 'cli-data') });

beforeAll(async () => {
  requireKeyring();
  w = await liveHubWorkspace();
  await store.set(accounts.secret(w.id, SECRET), (await w.keychain())!);
});
afterAll(async () => {
  await store.delete(accounts.secret(w.id, SECRET)).catch(() => false);
  await store.delete(accounts.fingerprintKey(w.id)).catch(() => false);
  await w.cleanup();
});

describe('keyhive probe', () => {
  it('in sync: exit 0, one line per probe, no key printed; --json gives the results', async () => {
    const r = await cli(['probe', SECRET]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('ok  '))).toHaveLength(4);
    expect(r.stdout).toMatch(/ok {3}hub-key header-shape +401 GET http:\/\/127\.0\.0\.1:\d+\/v1\/webhooks/);
    expect(r.stdout + r.stderr).not.toContain((await w.keychain())!);
    const j = await cli(['probe', '--json']);
    expect(j.status).toBe(0);
    const results = JSON.parse(j.stdout) as Array<{ kind: string; ok: boolean; latencyMs: number }>;
    expect(results.map((x) => `${x.kind}:${x.ok}`)).toEqual(['health:true', 'auth-smoke:true', 'negative-control:true', 'header-shape:true']);
    expect(results.every((x) => typeof x.latencyMs === 'number')).toBe(true);
  }, 60_000);

  it('a drifted caller key: exit 1 with the cause and the fix', async () => {
    const text = await readFile(w.coreEnv, 'utf8');
    await writeFile(w.coreEnv, text.replace(/HIVECFM_HUB_API_KEY=.*$/m, 'HIVECFM_HUB_API_KEY=not-what-the-hub-has'));
    try {
      const r = await cli(['probe', SECRET]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/FAIL hub-key auth-smoke +401/);
      expect(r.stdout).toMatch(/fix: +Run `keyhive doctor/);
      expect(r.stdout).not.toContain('not-what-the-hub-has');
    } finally {
      await writeFile(w.coreEnv, text);
    }
  }, 60_000);

  it('usage errors exit 2; a target outside loopback and the workspace is refused (exit 1)', async () => {
    expect((await cli(['probe', 'no-such-secret'])).status).toBe(2);
    const yaml = await readFile(w.file, 'utf8');
    await writeFile(w.file, yaml.replace(/urls: \{ native: "[^"]+" \}/, 'urls: { native: "http://93.184.216.34" }'));
    try {
      const r = await cli(['probe', SECRET]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/refusing to send a key to 93\.184\.216\.34/);
    } finally {
      await writeFile(w.file, yaml);
    }
  }, 60_000);
});
