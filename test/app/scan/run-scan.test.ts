import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { runScan, scanFailed } from '../../../electron/app/scan/run-scan.js';
import { ignoreEnvFile, writeEnvExample } from '../../../electron/app/scan/scan-fixes.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { hubKey, makeWorkspace, type TempWorkspace } from '../support/temp-workspace.js';
import { gitIn } from './git-fixture.js';

let ws: TempWorkspace | null = null;
afterEach(async () => {
  await ws?.cleanup();
  ws = null;
});

const scope = (s: Partial<{ paths: string[]; staged: boolean; history: boolean; images: boolean }> = {}) => ({ paths: [], staged: false, history: false, images: false, ...s });
const b64 = (s: string) => Buffer.from(s).toString('base64');
const where = (fs: Array<{ file: string | null; line: number | null }>) => fs.map((f) => `${f.file}:${f.line}`);

async function setup() {
  const key = hubKey();
  ws = await makeWorkspace({ hub: key, core: key });
  const store = new MemorySecretStore();
  const keychainOnly = `kc-${randomBytes(20).toString('hex')}`;
  await store.set(accounts.secret(ws.id, 'hub-api-key'), keychainOnly);
  const workspace = await loadWorkspace(ws.file);
  return { key, keychainOnly, store, workspace, git: gitIn(ws.root) };
}

describe('runScan on real files and real git repositories', { timeout: 60_000 }, () => {
  it('working tree: managed values in any file but their own .env, keychain values too, trackable env files, .env.example', async () => {
    const { key, keychainOnly, store, workspace, git } = await setup();
    await git.init();
    await git.write('hivecfm-core/src/client.js', `const h = {\n  Authorization: 'Basic ${b64(`core:${key}`)}',\n};\n`);
    await git.write('hivecfm-hub/notes.md', `# ops\nold key: ${keychainOnly}\n`);
    await git.write('hivecfm-hub/.env.example', `API_KEY=${key}\n`);
    const report = await runScan({ workspace, store }, scope());
    expect(report.findings.map((f) => [f.kind, f.secret, f.file, f.line, f.encoding])).toEqual([
      ['unignored-env', null, 'hivecfm-core/.env', null, 'raw'],
      ['managed', 'hub-api-key', 'hivecfm-core/src/client.js', 2, 'base64'],
      ['unignored-env', null, 'hivecfm-hub/.env', null, 'raw'],
      ['managed', 'hub-api-key', 'hivecfm-hub/.env.example', 1, 'raw'],
      ['managed', 'hub-api-key', 'hivecfm-hub/notes.md', 2, 'raw'],
    ]);
    expect(report.envExamples).toEqual([
      { service: 'hivecfm-core', file: 'hivecfm-core/.env.example', exists: false, missing: ['HIVECFM_HUB_API_KEY'], realValues: [] },
      { service: 'hivecfm-hub', file: 'hivecfm-hub/.env.example', exists: true, missing: [], realValues: ['API_KEY'] },
    ]);
    expect(JSON.stringify(report)).not.toContain(key);
    expect(JSON.stringify(report)).not.toContain(keychainOnly);
    expect(scanFailed(report)).toBe(true);

    // The one-click fixes: .gitignore gets both env files, each .env.example is (re)written with placeholders.
    for (const f of report.findings.filter((x) => x.kind === 'unignored-env')) expect((await ignoreEnvFile(workspace, f.file!)).changed).toBe(true);
    expect((await ignoreEnvFile(workspace, 'hivecfm-hub/.env')).changed).toBe(false);
    expect(await readFile(join(ws!.root, '.gitignore'), 'utf8')).toBe('/hivecfm-core/.env\n/hivecfm-hub/.env\n');
    await writeEnvExample(workspace, 'hivecfm-hub');
    await writeEnvExample(workspace, 'hivecfm-core');
    expect(await readFile(join(ws!.root, 'hivecfm-hub/.env.example'), 'utf8')).toBe('API_KEY=<hub-api-key>\n');
    expect(await readFile(join(ws!.root, 'hivecfm-core/.env.example'), 'utf8')).toMatch(/\nHIVECFM_HUB_API_KEY=<hub-api-key>\n$/);
    const after = await runScan({ workspace, store }, scope());
    expect(where(after.findings)).toEqual(['hivecfm-core/src/client.js:2', 'hivecfm-hub/notes.md:2']);
    expect(after.envExamples.every((e) => e.exists && e.missing.length === 0 && e.realValues.length === 0)).toBe(true);
  });

  it('history: first commit of each finding, removed later vs still in HEAD, branch-only commit, renamed file', async () => {
    const { key, store, workspace, git } = await setup();
    await git.init();
    await git.write('.gitignore', '.env\n.env.local\n');
    await git.write('README.md', 'hello\n');
    git.commit('init');
    await git.write('hivecfm-core/config.json', JSON.stringify({ hub: { key } }) + '\n');
    const added = git.commit('add config');
    await git.write('hivecfm-core/config.json', '{}\n');
    git.commit('remove the key');
    await git.write('hivecfm-hub/deploy.sh', `#!/bin/sh\ncurl -H "Authorization: Bearer ${key}" http://hub\n`);
    const deploy = git.commit('deploy script');
    git.run('mv', 'hivecfm-hub/deploy.sh', 'hivecfm-hub/scripts-deploy.sh');
    git.commit('rename');
    git.run('checkout', '-q', '-b', 'experiment');
    await git.write('hivecfm-core/secret.txt', `x\ny\n${b64(`Bearer ${key}`)}\n`);
    const branchOnly = git.commit('branch-only');
    git.run('checkout', '-q', 'main');

    const report = await runScan({ workspace, store }, scope({ history: true }));
    expect(report.findings.map((f) => [f.file, f.line, f.commit, f.inHead, f.encoding])).toEqual([
      ['hivecfm-core/config.json', 1, added, false, 'raw'],
      ['hivecfm-core/secret.txt', 3, branchOnly, false, 'base64'],
      ['hivecfm-hub/deploy.sh', 2, deploy, true, 'raw'],
    ]);
    expect(report.scanned.commits).toBe(6);
    expect(JSON.stringify(report)).not.toContain(key);
  });

  it('staged: only what the next commit adds, with the staged line', async () => {
    const { key, store, workspace, git } = await setup();
    await git.init();
    await git.write('.gitignore', '.env\n');
    await git.write('hivecfm-core/app.js', 'a\n');
    git.commit('init');
    await git.write('hivecfm-core/app.js', `a\nconst k = "${encodeURIComponent(key)}";\n`);
    await git.write('hivecfm-core/unstaged.js', `const k = "${key}";\n`);
    expect((await runScan({ workspace, store }, scope({ staged: true }))).findings).toEqual([]);
    git.run('add', 'hivecfm-core/app.js');
    const report = await runScan({ workspace, store }, scope({ staged: true }));
    expect(report.findings.map((f) => [f.file, f.line, f.where])).toEqual([['hivecfm-core/app.js', 2, 'staged']]);
    // A bound env file staged by force is a leak too.
    git.run('add', '-f', 'hivecfm-hub/.env');
    const forced = await runScan({ workspace, store }, scope({ staged: true }));
    expect(where(forced.findings)).toEqual(['hivecfm-core/app.js:2', 'hivecfm-hub/.env:3']);
  });

  it('an issuer\'s admin credential in the keychain is a managed value too', async () => {
    ws = await makeWorkspace({ hub: hubKey(), core: hubKey(), extraYaml: 'issuers:\n  hs: { system: hogsend, url: "http://localhost:3002" }\n' });
    const store = new MemorySecretStore();
    const admin = `hsk_${randomBytes(24).toString('hex')}`;
    await store.set(accounts.issuerCredential(ws.id, 'hs'), admin);
    await writeFile(join(ws.root, 'hivecfm-hub', 'curl.sh'), `curl -H "Authorization: Bearer ${admin}" http://localhost:3002/v1/admin/contacts\n`);
    const report = await runScan({ workspace: await loadWorkspace(ws.file), store }, scope());
    expect(report.findings.filter((f) => f.kind !== 'unignored-env').map((f) => [f.kind, f.secret, f.system, f.file, f.line])).toEqual([['managed', 'issuer/hs', 'hogsend', 'hivecfm-hub/curl.sh', 1]]);
  });

  it('a locked keychain still scans the env files\' values, and says so', async () => {
    const { key, workspace } = await setup();
    await writeFile(join(ws!.root, 'hivecfm-hub', 'leak.txt'), key);
    const broken = { get: async () => Promise.reject(new Error('locked')), set: async () => undefined, delete: async () => false };
    const report = await runScan({ workspace, store: broken }, scope());
    expect(where(report.findings.filter((f) => f.kind === 'managed'))).toEqual(['hivecfm-hub/leak.txt:1']);
    expect(report.warnings[0]).toMatch(/keychain could not be read/);
  });
});
