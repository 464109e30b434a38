/**
 * `keyhive doctor [--fix]` as a user runs it: the real CLI, a real HTTP hub, the real keychain.
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

describe('keyhive doctor', () => {
  it('names the drifted side (exit 1); --fix syncs from the keychain, probes again and exits 0', async () => {
    const text = await readFile(w.coreEnv, 'utf8');
    await writeFile(w.coreEnv, text.replace(/HIVECFM_HUB_API_KEY=.*$/m, 'HIVECFM_HUB_API_KEY=a-stale-copy-of-the-key'));
    const r = await cli(['doctor', SECRET]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL hub-key: Both sides identical — The sides disagree/);
    expect(r.stdout).toMatch(/why: .*core HIVECFM_HUB_API_KEY differs/);
    expect(r.stdout).toMatch(/problem\(s\) found/);
    expect(r.stdout).not.toContain('a-stale-copy-of-the-key');

    const fixed = await cli(['doctor', SECRET, '--fix']);
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/fixed: hub-key: synced hub-key from the keychain/);
    expect(fixed.stdout).toContain('No problem found.');
    expect(await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY')).toBe(await w.keychain());
  }, 90_000);

  it('--json prints the findings; unknown secrets exit 2', async () => {
    const r = await cli(['doctor', '--json']);
    expect(r.status).toBe(0);
    const findings = JSON.parse(r.stdout) as Array<{ id: string; severity: string }>;
    expect(findings.map((f) => f.id)).toEqual(expect.arrayContaining(['sides-set', 'sides-identical', 'keychain', 'caller-url:core', 'probe:auth-smoke']));
    expect((await cli(['doctor', 'nope'])).status).toBe(2);
  }, 60_000);
});
