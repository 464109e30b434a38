/**
 * Issue 15 item 7 — errors that are not the user's making, with the real `keyhive` command on
 * real files and the real private keychain: each is a clear error with its fix and the documented
 * exit code (2 bad usage/input, 1 a problem found), never "internal error … this is a bug" nor a
 * stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { hubKey, makeWorkspace, type TempWorkspace } from '../../app/support/temp-workspace.js';
import { requireKeyring } from '../../support/keyring-session.js';
import { BIN, REPO, runCli, type CliResult } from '../support/run-cli.js';

const notABug = (r: CliResult): void => {
  expect(r.stderr).not.toMatch(/internal error|this is a bug|\n\s+at /);
  expect(r.stderr).toMatch(/fix: /);
};

let ws: TempWorkspace | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await ws?.cleanup();
  ws = null;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('errors that are not the user\'s (real CLI)', { timeout: 240_000 }, () => {
  beforeAll(() => requireKeyring());

  it('services not cloned yet after `init --preset`: sync, import and rotate say which folder and the fix (exit 2), status names them (exit 1)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kh-preset-'));
    dirs.push(root);
    const data = join(root, '.data');
    const init = await runCli(['init', '--preset', 'hivecfm'], { dataDir: data, cwd: root });
    expect(init.code).toBe(0);
    const value = 'a'.repeat(40);
    const sync = await runCli(['sync', 'hivecfm-hub-api-key', '--value-stdin', '--force'], { dataDir: data, cwd: root, stdin: value });
    expect(sync.code, sync.stderr).toBe(2);
    notABug(sync);
    expect(sync.stderr).toMatch(/keyhive\.yaml:\d+: Cannot sync hivecfm-hub-api-key: the folder of services hivecfm-hub \(hivecfm-hub\/\), hivecfm-core \(hivecfm-core\/\) do not exist/);
    expect(sync.stderr).toMatch(/fix: Clone the services there .*or fix dir: under services\.hivecfm-hub in keyhive\.yaml \(line \d+\)/);
    expect(sync.stderr).not.toContain(value);
    const rotate = await runCli(['rotate', 'hivecfm-hub-api-key'], { dataDir: data, cwd: root });
    expect(rotate.code, rotate.stderr).toBe(2);
    notABug(rotate);
    expect(rotate.stderr).toContain('Cannot rotate hivecfm-hub-api-key');
    const imp = await runCli(['import', 'hivecfm-hub-api-key', '--from', 'hivecfm-core'], { dataDir: data, cwd: root });
    expect(imp.code).toBe(2);
    expect(imp.stderr).toMatch(/folder of service hivecfm-core \(hivecfm-core\/\) does not exist/);
    const status = await runCli(['status'], { dataDir: data, cwd: root });
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('hivecfm-hub has no value for API_KEY: its folder hivecfm-hub/ does not exist (not cloned yet?). Clone the service into hivecfm-hub/, or fix dir: under services.hivecfm-hub in keyhive.yaml');
    expect(status.stdout).not.toMatch(/ENOENT|cannot be read/);
    // Nothing reached the keychain.
    const id = /^id: (.*)$/m.exec(await readFile(join(root, 'keyhive.yaml'), 'utf8'))![1]!;
    const store = new KeytarSecretStore();
    expect(await store.get(accounts.secret(id, 'hivecfm-hub-api-key'))).toBeNull();
    await store.delete(accounts.fingerprintKey(id));
  });

  it('`keyhive activity | head -1`: a reader that went away ends the command quietly (exit 0, no EPIPE trace)', async () => {
    ws = await makeWorkspace({ hub: hubKey(), core: hubKey() });
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [`${REPO}/${BIN}`, 'activity', '--workspace', ws!.file], { env: { ...process.env, KEYHIVE_DATA_DIR: ws!.dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // like `head -1` after its line: the pipe's reading end is closed
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // `keyhive status 2>&1 | head -1` on a drifted workspace: both streams closed, the exit code kept.
    const drifted = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      const child = spawn(process.execPath, [`${REPO}/${BIN}`, 'status', '--workspace', ws!.file], { env: { ...process.env, KEYHIVE_DATA_DIR: ws!.dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      child.stderr.destroy();
      child.on('close', (code, signal) => resolve({ code, signal }));
    });
    expect(drifted).toEqual({ code: 1, signal: null });
  });

  it('a YAML alias bomb in keyhive.yaml is a workspace error with its line (exit 2), not an internal error', async () => {
    ws = await makeWorkspace({ hub: hubKey(), core: hubKey() });
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [n, p] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']] as const) laughs.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(',')}]`);
    const text = `${await ws.read(ws.file)}x-bomb:\n${laughs.map((l) => `  ${l}`).join('\n')}\n`;
    await writeFile(ws.file, text);
    const bombLine = text.split("\n").indexOf(`  ${laughs[2]}`) + 1; // "c: &c [*b, …]": the first alias of an alias-built anchor
    const r = await runCli(['status', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(r.code, r.stderr).toBe(2);
    notABug(r);
    expect(r.stderr).toMatch(new RegExp(`line ${bombLine}: .*YAML aliases expand to too many nodes`));
    expect(r.stderr).toContain('nesting aliases');
  });

  it('a NUL byte in a value is refused everywhere, even with --force (BAD_INPUT, exit 2): keychain and files untouched', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    const before = [await ws.read(ws.hubEnv), await ws.read(ws.coreEnv)];
    const sync = await runCli(['sync', 'hub-api-key', '--value-stdin', '--force', '--workspace', ws.file], { dataDir: ws.dataDir, stdin: `${'x'.repeat(20)}\0${'y'.repeat(20)}` });
    expect(sync.code).toBe(2);
    notABug(sync);
    expect(sync.stderr).toContain('NUL byte');
    expect([await ws.read(ws.hubEnv), await ws.read(ws.coreEnv)]).toEqual(before);
    expect(await new KeytarSecretStore().get(accounts.secret(ws.id, 'hub-api-key'))).toBeNull();
    const envSet = await runCli(['env', 'set', ws.hubEnv, 'OTHER', '--stdin'], { dataDir: ws.dataDir, stdin: 'a\0b' });
    expect(envSet.code).toBe(2);
    expect(envSet.stderr).toContain('NUL byte');
    expect(await ws.read(ws.hubEnv)).toBe(before[0]);
  });

  it("a bad secret name's fix says what a valid name is (not the error again)", async () => {
    ws = await makeWorkspace({ hub: hubKey(), core: hubKey() });
    await writeFile(ws.file, (await ws.read(ws.file)).replace('  hub-api-key:', '  "hub api key!":'));
    const r = await runCli(['status', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 12: secrets\.hub api key!: is not a valid name/);
    expect(r.stderr).toContain('fix: Rename "hub api key!": a secret name uses only letters, digits, ".", "_" and "-", and starts with a letter or digit (e.g. "hub-api-key").');
  });

  it('--demo together with --workspace, and an empty --workspace, are bad usage (exit 2) — even inside a workspace folder', async () => {
    ws = await makeWorkspace({ hub: hubKey(), core: hubKey() });
    const both = await runCli(['status', '--demo', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--demo and --workspace');
    const empty = await runCli(['status', '--workspace', ''], { dataDir: ws.dataDir, cwd: ws.root });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--workspace was given an empty path');
    const web = await runCli(['web', '--demo', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(web.code).toBe(2);
    expect(web.stderr).toContain('--demo and --workspace');
  });

  it('an oversized workspace file is bad input: exit 2, with the fix', async () => {
    ws = await makeWorkspace({ hub: hubKey(), core: hubKey() });
    await writeFile(ws.file, `${await ws.read(ws.file)}\n#${'x'.repeat(1024 * 1024)}\n`);
    const r = await runCli(['status', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(r.code).toBe(2);
    notABug(r);
    expect(r.stderr).toContain('a workspace file is at most 1 MiB');
  });
});
