/** scanProject on real folders: the fixture trees copied to a temp dir, plus folders to skip. */
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanProject } from '../../../electron/adapters/workspace/scan-project.js';

const fixtures = fileURLToPath(new URL('../../fixtures/workspaces/', import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'keyhive-scan-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function copy(name: string): Promise<void> {
  await cp(path.join(fixtures, name), dir, { recursive: true });
}

describe('scanProject', () => {
  it('finds compose files with overrides and env files, skipping node_modules and .git', async () => {
    await copy('hivecfm-project');
    await mkdir(path.join(dir, 'hivecfm-core', 'node_modules', 'dep'), { recursive: true });
    await writeFile(path.join(dir, 'hivecfm-core', 'node_modules', 'dep', '.env'), 'API_KEY=ignored\n');
    await writeFile(path.join(dir, 'hivecfm-core', 'node_modules', 'dep', 'compose.yaml'), 'services: { x: { image: y } }\n');
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', '.env'), 'X=1\n');
    await writeFile(path.join(dir, 'hivecfm-hub', '.env.example'), 'API_KEY=changeme\n');
    const scan = await scanProject(dir);
    expect(scan.composeFiles).toEqual(['hivecfm-core/docker-compose.override.yml', 'hivecfm-core/docker-compose.yml', 'hivecfm-hub/compose.yaml']);
    expect(scan.envFiles.map((f) => f.path)).toEqual(['hivecfm-core/.env', 'hivecfm-core/.env.local', 'hivecfm-hub/.env']);
    expect(scan.templates).toEqual(['hivecfm-hub/.env.example']);
    const core = scan.composeServices.find((c) => c.name === 'hivecfm-core');
    expect(core).toMatchObject({
      composeFile: 'hivecfm-core/docker-compose.yml',
      overrides: ['hivecfm-core/docker-compose.override.yml'],
      envFiles: ['hivecfm-core/.env'],
      ports: [{ hostPort: 3000, containerPort: 3000 }],
      buildContext: 'hivecfm-core',
    });
    expect(core?.environment.sort()).toEqual(['HIVECFM_HUB_URL', 'LOG_LEVEL']);
    expect(scan.composeServices.find((c) => c.name === 'hivecfm-hub-api')?.ports).toEqual([{ hostPort: 8090, containerPort: 8080 }]);
  });

  it('keeps fingerprints, never values: equal values get equal prints', async () => {
    await copy('hivecfm-project');
    const scan = await scanProject(dir);
    const print = (file: string, name: string) => scan.envFiles.find((f) => f.path === file)?.vars.find((v) => v.name === name)?.fingerprint;
    expect(print('hivecfm-hub/.env', 'API_KEY')).toMatch(/^[0-9a-f]{8}$/);
    expect(print('hivecfm-hub/.env', 'API_KEY')).toBe(print('hivecfm-core/.env', 'HIVECFM_HUB_API_KEY'));
    expect(print('hivecfm-core/.env', 'HIVECFM_HUB_URL')).not.toBe(print('hivecfm-core/.env.local', 'HIVECFM_HUB_URL'));
    expect(JSON.stringify(scan)).not.toContain('fixture-hub-key-placeholder');
  });

  it('fingerprints use a fresh key per scan (they mean nothing outside it)', async () => {
    await copy('hivecfm-project');
    const a = await scanProject(dir);
    const b = await scanProject(dir);
    expect(a.envFiles[2]?.vars[0]?.fingerprint).not.toBe(b.envFiles[2]?.vars[0]?.fingerprint);
  });

  it('reads root compose files with long-form env_file, ports and build, and the project name', async () => {
    await copy('mixed-project');
    const scan = await scanProject(dir);
    const byName = Object.fromEntries(scan.composeServices.map((c) => [c.name, c]));
    expect(byName.api).toMatchObject({ project: 'shop', envFiles: ['api/.env'], ports: [{ hostPort: 4001, containerPort: 4000 }], buildContext: 'api' });
    expect(byName.worker).toMatchObject({ envFiles: ['worker/.env'], environment: ['QUEUE'], buildContext: 'worker' });
    expect(byName.web).toMatchObject({ envFiles: ['web/.env'], ports: [{ hostPort: 5173, containerPort: 5173 }] });
    expect(byName.db?.envFiles).toEqual([]);
  });

  it('detects the key format of a value without keeping it', async () => {
    await mkdir(path.join(dir, 'svc'));
    await writeFile(path.join(dir, 'svc', '.env'), `A=tokenhub_${'ab'.repeat(32)}\nB=hsk_${'x'.repeat(40)}\nC=hf_live_${'Z9'.repeat(20)}\nD=plain\n`);
    const scan = await scanProject(dir);
    expect(scan.envFiles[0]?.vars.map((v) => [v.name, v.format])).toEqual([
      ['A', 'tokenhub'],
      ['B', 'hogsend'],
      ['C', 'hiveforge-live'],
      ['D', null],
    ]);
  });

  it('reads a symlinked .env inside the folder; one pointing outside is skipped, not followed', async () => {
    await mkdir(path.join(dir, 'shared'));
    await mkdir(path.join(dir, 'svc'));
    await writeFile(path.join(dir, 'shared', 'common.env'), 'API_KEY=x-shared-value-000\n');
    await symlink(path.join(dir, 'shared', 'common.env'), path.join(dir, 'svc', '.env'));
    const outside = await mkdtemp(path.join(tmpdir(), 'keyhive-outside-'));
    await writeFile(path.join(outside, 'secret.env'), 'TOKEN=outside-value\n');
    await mkdir(path.join(dir, 'other'));
    await symlink(path.join(outside, 'secret.env'), path.join(dir, 'other', '.env'));
    try {
      const scan = await scanProject(dir);
      expect(scan.envFiles.map((f) => [f.path, f.vars.map((v) => v.name)])).toEqual([['svc/.env', ['API_KEY']]]);
      expect(scan.skipped.join()).toContain('other/.env');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('bounds the depth and lists broken files as skipped instead of failing', async () => {
    await mkdir(path.join(dir, 'a', 'b', 'c'), { recursive: true });
    await writeFile(path.join(dir, 'a', 'b', 'c', '.env'), 'X=1\n');
    await writeFile(path.join(dir, 'compose.yaml'), 'services: [unclosed\n');
    const shallow = await scanProject(dir, { maxDepth: 2 });
    expect(shallow.envFiles).toEqual([]);
    expect(shallow.skipped.join()).toContain('compose.yaml');
    expect((await scanProject(dir, { maxDepth: 3 })).envFiles.map((f) => f.path)).toEqual(['a/b/c/.env']);
  });
});
