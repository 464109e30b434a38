/**
 * `keyhive scan` and `keyhive hooks install` as users run them: the real command, real git
 * repositories, a real `git commit` going through the installed pre-commit hook.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubKey, makeWorkspace, type TempWorkspace } from '../../app/support/temp-workspace.js';
import { gitIn } from '../../app/scan/git-fixture.js';
import { runCli } from '../support/run-cli.js';

let ws: TempWorkspace | null = null;
afterEach(async () => {
  await ws?.cleanup();
  ws = null;
});

const JSON_KEYS = ['kind', 'secret', 'system', 'file', 'line', 'commit', 'image', 'encoding'];

describe('keyhive scan', { timeout: 240_000 }, () => {
  it('--json: the documented shape, sorted by file and line, exit 1; never the value', async () => {
    const key = hubKey();
    ws = await makeWorkspace({ hub: key, core: key });
    await gitIn(ws.root).init();
    await writeFile(join(ws.root, '.gitignore'), '.env\n.env.local\n');
    await writeFile(join(ws.root, 'hivecfm-core', 'b.txt'), `x\n${encodeURIComponent(key)}\n`);
    await writeFile(join(ws.root, 'hivecfm-core', 'a.json'), `{\n"a": 1,\n"k": ${JSON.stringify(key)}}\n`);
    await writeFile(join(ws.root, 'hivecfm-hub', 'stray.txt'), `TOKEN=tokenhub_${'ab12'.repeat(16)}\nhsk_your-secret-admin-key-at-least-32-chars\n`);
    const r = await runCli(['scan', '--json', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; placeholders: Array<Record<string, unknown>> };
    expect(Object.keys(doc)).toEqual(['findings', 'placeholders', 'envExamples']);
    for (const f of [...doc.findings, ...doc.placeholders]) expect(Object.keys(f)).toEqual(JSON_KEYS);
    expect(doc.findings).toEqual([
      { kind: 'managed', secret: 'hub-api-key', system: null, file: 'hivecfm-core/a.json', line: 3, commit: null, image: null, encoding: 'raw' },
      { kind: 'managed', secret: 'hub-api-key', system: null, file: 'hivecfm-core/b.txt', line: 2, commit: null, image: null, encoding: 'raw' },
      { kind: 'pattern', secret: null, system: 'tokenhub', file: 'hivecfm-hub/stray.txt', line: 1, commit: null, image: null, encoding: 'raw' },
    ]);
    expect(doc.placeholders).toEqual([{ kind: 'pattern', secret: null, system: 'hogsend', file: 'hivecfm-hub/stray.txt', line: 2, commit: null, image: null, encoding: 'raw' }]);
    expect(r.stdout).not.toContain(key);

    const human = await runCli(['scan', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('hivecfm-core/a.json:3: managed secret hub-api-key (raw) — working tree');
    expect(human.stdout).toMatch(/fix: rotate what leaked \(keyhive rotate hub-api-key\)/);
    expect(human.stdout).not.toContain(key);
  });

  it('exit 0 when clean (after --fix), 2 for bad usage', async () => {
    const key = hubKey();
    ws = await makeWorkspace({ hub: key, core: key });
    await gitIn(ws.root).init();
    const before = await runCli(['scan', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('hivecfm-hub/.env: bound env file not ignored by git');
    const fixed = await runCli(['scan', '--fix', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(fixed.stdout).toContain('fixed: Added hivecfm-hub/.env to');
    expect(fixed.code).toBe(0);
    expect(await readFile(join(ws.root, '.gitignore'), 'utf8')).toContain('/hivecfm-hub/.env');
    expect(await readFile(join(ws.root, 'hivecfm-hub', '.env.example'), 'utf8')).toContain('API_KEY=<hub-api-key>');
    const clean = await runCli(['scan', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/No leaks found/);
    expect((await runCli(['scan', '--nope', '--workspace', ws.file], { dataDir: ws.dataDir })).code).toBe(2);
    expect((await runCli(['scan', '--workspace', join(ws.root, 'missing.yaml')], { dataDir: ws.dataDir })).code).toBe(2);
    const noPath = await runCli(['scan', join(ws.root, 'nope'), '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toMatch(/does not exist[\s\S]*fix:/);
  });

  it('--history --json adds inHead and the first commit', async () => {
    const key = hubKey();
    ws = await makeWorkspace({ hub: key, core: key });
    const git = gitIn(ws.root);
    await git.init();
    await git.write('.gitignore', '.env\n.env.local\n');
    await git.write('hivecfm-core/old.txt', `${key}\n`);
    const first = git.commit('leak');
    git.run('rm', '-q', 'hivecfm-core/old.txt');
    git.commit('remove');
    const r = await runCli(['scan', '--history', '--json', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([
      { kind: 'managed', secret: 'hub-api-key', system: null, file: 'hivecfm-core/old.txt', line: 1, commit: first, image: null, encoding: 'raw', inHead: false },
    ]);
  });
});

describe('keyhive hooks install + a real git commit', { timeout: 240_000 }, () => {
  function commit(dir: string, dataDir: string) {
    return spawnSync('git', ['commit', '-q', '-m', 'change'], { cwd: dir, encoding: 'utf8', env: { ...process.env, KEYHIVE_DATA_DIR: dataDir } });
  }

  it('refuses a commit staging a managed value (file and line), lets a clean one through, runs the existing hook first, honours core.hooksPath', async () => {
    const key = hubKey();
    ws = await makeWorkspace({ hub: key, core: key });
    const git = gitIn(ws.root);
    await git.init();
    await git.write('.gitignore', '.env\n.env.local\n');
    git.commit('init');
    // An existing hook in a custom hooks path: it must keep running.
    git.run('config', 'core.hooksPath', '.githooks');
    await mkdir(join(ws.root, '.githooks'));
    await writeFile(join(ws.root, '.githooks', 'pre-commit'), '#!/bin/sh\necho ran >> "$(git rev-parse --show-toplevel)/.hook-ran"\n');
    await chmod(join(ws.root, '.githooks', 'pre-commit'), 0o755);

    const inst = await runCli(['hooks', 'install', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(inst.stderr).toBe('');
    expect(inst.code).toBe(0);
    expect(inst.stdout).toContain(join(ws.root, '.githooks', 'pre-commit'));
    expect(inst.stdout).toContain('the previous hook runs first');
    // Installing again updates in place and keeps the chained hook.
    expect((await runCli(['hooks', 'install', '--workspace', ws.file], { dataDir: ws.dataDir })).stdout).toContain('updated');

    await git.write('hivecfm-core/config.js', `module.exports = {\n  hubKey: '${key}',\n};\n`);
    git.run('add', 'hivecfm-core/config.js');
    const refused = commit(ws.root, ws.dataDir);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('hivecfm-core/config.js:2: managed secret hub-api-key (raw) — staged');
    expect(refused.stdout + refused.stderr).not.toContain(key);
    expect(git.run('rev-list', '--count', 'HEAD')).toBe('1');

    await git.write('hivecfm-core/config.js', `module.exports = {\n  hubKey: process.env.HIVECFM_HUB_API_KEY,\n};\n`);
    git.run('add', 'hivecfm-core/config.js');
    const ok = commit(ws.root, ws.dataDir);
    expect(ok.stderr).toContain('No leaks found (1 blob(s) scanned).');
    expect(ok.status).toBe(0);
    expect(git.run('rev-list', '--count', 'HEAD')).toBe('2');
    expect(await readFile(join(ws.root, '.hook-ran'), 'utf8')).toBe('ran\nran\n');
  });

  it('without core.hooksPath the hook goes to .git/hooks; a failing earlier hook still stops the commit', async () => {
    const key = hubKey();
    ws = await makeWorkspace({ hub: key, core: key });
    const git = gitIn(ws.root);
    await git.init();
    await git.write('.gitignore', '.env\n');
    git.commit('init');
    await writeFile(join(ws.root, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho "lint failed" >&2\nexit 3\n');
    await chmod(join(ws.root, '.git', 'hooks', 'pre-commit'), 0o755);
    const inst = await runCli(['hooks', 'install', ws.root, '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(inst.code).toBe(0);
    expect(execFileSync('cat', [join(ws.root, '.git', 'hooks', 'pre-commit')], { encoding: 'utf8' })).toContain('scan');
    await git.write('hivecfm-core/readme.txt', 'clean\n');
    git.run('add', '.');
    const r = commit(ws.root, ws.dataDir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('lint failed');
  });
});
