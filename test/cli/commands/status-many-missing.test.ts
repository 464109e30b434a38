/**
 * Issue 15 item 2, the must-show: `keyhive status` (the real CLI, the real private gnome-keyring)
 * on a workspace of 300 secrets, none of them in the keychain yet — the normal state right after
 * `keyhive init` — 20 runs in a row and 5 at once, with 0 keychain errors. Before the fix every
 * missing entry set off a write+delete probe of one shared item, in parallel, and the runs failed
 * with "The keychain has no default collection (No such interface org.freedesktop.Secret.Item …)".
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceStatus } from '../../../shared/domain.js';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { requireKeyring } from '../../support/keyring-session.js';
import { runCli, type CliResult } from '../support/run-cli.js';

const COUNT = 300;

async function bigWorkspace(): Promise<{ root: string; file: string; dataDir: string; id: string }> {
  const root = await mkdtemp(join(tmpdir(), 'kh-300-'));
  const id = `ws300-${randomBytes(5).toString('hex')}`;
  await mkdir(join(root, 'api'));
  await mkdir(join(root, 'web'));
  const names = Array.from({ length: COUNT }, (_, i) => `secret-${String(i).padStart(3, '0')}`);
  const envVar = (n: string): string => n.toUpperCase().replace(/-/g, '_');
  const secrets = names.map((n) => `  ${n}:\n    bindings:\n      - { service: api, var: ${envVar(n)}, role: server }\n      - { service: web, var: ${envVar(n)}, role: client }`).join('\n');
  await writeFile(join(root, 'keyhive.yaml'), `version: 1\nname: three-hundred\nid: ${id}\nrunMode: native\nservices:\n  api:\n    dir: api\n  web:\n    dir: web\nsecrets:\n${secrets}\n`);
  const env = names.map((n) => `${envVar(n)}=${randomBytes(18).toString('base64url')}`).join('\n') + '\n';
  await writeFile(join(root, 'api', '.env'), env);
  await writeFile(join(root, 'web', '.env'), env);
  return { root, file: join(root, 'keyhive.yaml'), dataDir: join(root, '.data'), id };
}

/** A status run's keychain errors (there must be none) and its parsed report. */
function check(r: CliResult): { errors: string[]; missing: number } {
  const errors = /keychain|KEYCHAIN/i.test(r.stderr) || r.stderr.includes('internal error') ? [r.stderr.trim().split('\n')[0]!] : [];
  if (r.stdout.trim() === '') return { errors: errors.length ? errors : [`no output (exit ${r.code}): ${r.stderr.slice(0, 300)}`], missing: 0 };
  const status = WorkspaceStatus.parse(JSON.parse(r.stdout));
  return { errors, missing: status.secrets.filter((s) => s.keychainFingerprint === null).length };
}

describe('keyhive status with 300 secrets not yet in the keychain (real CLI, real keyring)', { timeout: 600_000 }, () => {
  let ws: Awaited<ReturnType<typeof bigWorkspace>>;
  beforeAll(async () => {
    requireKeyring();
    ws = await bigWorkspace();
  });
  afterAll(async () => {
    const store = new KeytarSecretStore();
    await store.delete(accounts.fingerprintKey(ws.id)).catch(() => false);
    await rm(ws.root, { recursive: true, force: true });
  });

  it('20 runs in a row, then 5 at once: 0 keychain errors, every secret reported missing (exit 1)', async () => {
    const results: CliResult[] = [];
    for (let i = 0; i < 20; i++) results.push(await runCli(['status', '--json', '--workspace', ws.file], { dataDir: ws.dataDir }));
    results.push(...(await Promise.all(Array.from({ length: 5 }, () => runCli(['status', '--json', '--workspace', ws.file], { dataDir: ws.dataDir })))));
    const checked = results.map(check);
    expect(checked.flatMap((c) => c.errors)).toEqual([]);
    expect(checked.map((c) => c.missing)).toEqual(results.map(() => COUNT));
    expect(results.map((r) => r.code)).toEqual(results.map(() => 1)); // a problem found (missing), not a failure
  });
});
