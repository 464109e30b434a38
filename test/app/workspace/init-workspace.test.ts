/** initWorkspace on real folders: what it writes loads with the real loader, and never a value. */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { droppableSecrets, initWorkspace } from '../../../electron/app/workspace/init-workspace.js';
import { WorkspaceInvalidError } from '../../../electron/core/workspace/problem.js';
import type { WorkspaceDraft } from '../../../electron/core/workspace/draft.js';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { PRESET_NAMES } from '../../../electron/core/workspace/presets/index.js';

const fixtures = fileURLToPath(new URL('../../fixtures/workspaces/', import.meta.url));
let dir: string;
let backupDir: string;

beforeEach(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'keyhive-init-'));
  dir = path.join(base, 'project');
  backupDir = path.join(base, 'data');
  await mkdir(dir);
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

/** Every secret-like value in the fixture's .env files (placeholders, but treated as secrets). */
async function valuesIn(name: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of ['hivecfm-hub/.env', 'hivecfm-core/.env', 'hivecfm-core/.env.local', 'api/.env', 'web/.env', 'worker/.env']) {
    const text = await readFile(path.join(fixtures, name, f), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      const m = /^(?:export )?(\w+)=['"]?([^'"]+)['"]?$/.exec(line);
      if (m?.[1] && m[2] && /KEY|TOKEN|SECRET|PASSWORD/.test(m[1])) out.push(m[2]);
    }
  }
  return out;
}

describe('initWorkspace', () => {
  it('HiveCFM folder, no preset: proposes the hub key and writes a file the loader accepts', async () => {
    await cp(path.join(fixtures, 'hivecfm-project'), dir, { recursive: true });
    const r = await initWorkspace({ dir, backupDir });
    expect(r.file).toBe(path.join(dir, 'keyhive.yaml'));
    const ws = await loadWorkspace(r.file);
    expect(ws.config.id).toMatch(/^ws-[a-z0-9]{16}$/);
    expect(ws.config.name).toBe('project');
    expect(ws.config.secrets['hivecfm-hub-api-key']?.bindings.map((b) => `${b.service}:${b.var}:${b.role}`)).toEqual([
      'hivecfm-hub-api:API_KEY:server',
      'hivecfm-core:HIVECFM_HUB_API_KEY:client',
    ]);
    expect(ws.services.get('hivecfm-core')?.envFiles.map((f) => path.relative(dir, f))).toEqual(['hivecfm-core/.env', 'hivecfm-core/.env.local']);
    expect(r.found.composeFiles).toHaveLength(3);
    expect(r.warnings).toEqual([]);
  });

  it('never writes a value into keyhive.yaml', async () => {
    for (const fixture of ['hivecfm-project', 'mixed-project']) {
      const target = path.join(dir, fixture);
      await cp(path.join(fixtures, fixture), target, { recursive: true });
      for (const preset of [undefined, ...PRESET_NAMES]) {
        const r = await initWorkspace({ dir: target, preset, force: true, backupDir });
        const text = await readFile(r.file, 'utf8');
        const values = await valuesIn(fixture);
        expect(values.length).toBeGreaterThan(0);
        for (const v of values) expect(text, `${fixture} ${preset ?? 'scan'}`).not.toContain(v);
        expect(JSON.stringify(r.warnings)).not.toContain('placeholder-');
      }
    }
  });

  it('every preset writes a file that loads, in the found folders or an empty one', async () => {
    await cp(path.join(fixtures, 'hivecfm-project'), dir, { recursive: true });
    for (const preset of PRESET_NAMES) {
      const r = await initWorkspace({ dir, preset, force: true, backupDir });
      const ws = await loadWorkspace(r.file);
      expect(Object.keys(ws.config.secrets).length, preset).toBe(1);
    }
    const empty = path.join(path.dirname(dir), 'empty');
    await mkdir(empty);
    const r = await initWorkspace({ dir: empty, preset: 'hivecfm', backupDir });
    const ws = await loadWorkspace(r.file);
    expect(ws.warnings.map((w) => w.path.join('.'))).toEqual(['services.hivecfm-hub.dir', 'services.hivecfm-core.dir']);
  });

  it('gives every workspace a new random id', async () => {
    await cp(path.join(fixtures, 'mixed-project'), dir, { recursive: true });
    const a = await initWorkspace({ dir, backupDir });
    const b = await initWorkspace({ dir, force: true, backupDir });
    expect(a.workspace.config.id).not.toBe(b.workspace.config.id);
  });

  it('refuses to overwrite without force, before scanning anything', async () => {
    const file = path.join(dir, 'keyhive.yaml');
    await writeFile(file, '# my hand-written workspace\n');
    await expect(initWorkspace({ dir, backupDir })).rejects.toMatchObject({ code: 'FILE_CONFLICT', file, fix: expect.stringContaining('--force') });
    expect(await readFile(file, 'utf8')).toBe('# my hand-written workspace\n');
    const r = await initWorkspace({ dir, force: true, backupDir });
    expect(r.replaced).toBe(true);
    expect(r.backupId).toMatch(/^\d{13}-[0-9a-f]{12}$/);
  });

  it('bad input: unknown preset, missing folder, a file instead of a folder', async () => {
    await expect(initWorkspace({ dir, preset: 'nope' })).rejects.toMatchObject({ code: 'BAD_INPUT', fix: expect.stringContaining('hivecfm') });
    await expect(initWorkspace({ dir: path.join(dir, 'missing') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await writeFile(path.join(dir, 'f.txt'), 'x');
    await expect(initWorkspace({ dir: path.join(dir, 'f.txt') })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('warns about a HiveForge live key found in the folder, without showing it', async () => {
    const live = `hf_live_${'Ab3'.repeat(12)}`;
    await mkdir(path.join(dir, 'web'));
    await writeFile(path.join(dir, 'web', '.env'), `HIVEFORGE_API_KEY=${live}\n`);
    const r = await initWorkspace({ dir, preset: 'hiveforge', backupDir });
    expect(r.warnings.join('\n')).toMatch(/HIVEFORGE_API_KEY holds a HiveForge live/);
    expect(r.warnings.join('\n')).not.toContain(live);
  });
});

describe('initWorkspace on the bundled demo layout (electron/demo/workspace)', () => {
  const template = fileURLToPath(new URL('../../../electron/demo/workspace/', import.meta.url));

  async function demoWithoutWorkspace(): Promise<string> {
    await cp(template, dir, { recursive: true });
    await rm(path.join(dir, 'keyhive.yaml'));
    const compose = path.join(dir, 'docker-compose.yml');
    await writeFile(compose, (await readFile(compose, 'utf8')).replace(/\{\{(\w+)\}\}/g, (_m, n: string) => (n.endsWith('_PORT') ? '18090' : 'x')));
    return dir;
  }

  it('--preset hivecfm rebuilds what the demo declares: folders, env files, compose service, the shared key', async () => {
    await demoWithoutWorkspace();
    const ws = await loadWorkspace((await initWorkspace({ dir, preset: 'hivecfm', backupDir })).file);
    expect(ws.config.services['hivecfm-hub']).toMatchObject({ dir: 'hivecfm-hub', envFiles: ['.env'], docker: { composeFile: '../docker-compose.yml', service: 'hivecfm-hub-api' } });
    expect(ws.config.services['hivecfm-core']).toMatchObject({ dir: 'hivecfm-core', envFiles: ['.env', '.env.local'], docker: { composeFile: '../docker-compose.yml', service: 'hivecfm-core' } });
    expect(ws.config.secrets['hivecfm-hub-api-key']?.bindings.map((b) => `${b.service}:${b.var}:${b.role}`)).toEqual(['hivecfm-hub:API_KEY:server', 'hivecfm-core:HIVECFM_HUB_API_KEY:client']);
  });

  it('without a preset it still finds the hub key shared by hub and core', async () => {
    await demoWithoutWorkspace();
    const ws = await loadWorkspace((await initWorkspace({ dir, backupDir })).file);
    const secret = Object.values(ws.config.secrets).find((s) => s.bindings.some((b) => b.var === 'HIVECFM_HUB_API_KEY'));
    expect(secret?.bindings.map((b) => `${b.var}:${b.role}`)).toEqual(['API_KEY:server', 'HIVECFM_HUB_API_KEY:client']);
  });
});

describe('droppableSecrets (the safety net for unusual layouts)', () => {
  const draft = (source: string): WorkspaceDraft => ({ source, input: { name: 'x', id: 'ws-x-1', services: {} }, comments: {}, warnings: [] });
  const problem = (path: (string | number)[]) => ({ path, message: 'm', fix: 'f' });

  it('names the proposed secrets a validation error is about', () => {
    const e = new WorkspaceInvalidError('/f', [problem(['secrets', 'a', 'bindings', 0, 'var']), problem(['secrets', 'b', 'format']), problem(['secrets', 'a', 'format'])]);
    expect(droppableSecrets(e, draft('from the files it found'))).toEqual(['a', 'b']);
  });

  it('drops nothing for presets, other sections or other errors', () => {
    const e = new WorkspaceInvalidError('/f', [problem(['secrets', 'a', 'format'])]);
    expect(droppableSecrets(e, draft('preset hivecfm'))).toEqual([]);
    expect(droppableSecrets(new WorkspaceInvalidError('/f', [problem(['secrets', 'a']), problem(['services', 'x', 'dir'])]), draft('scan'))).toEqual([]);
    expect(droppableSecrets(new Error('x'), draft('scan'))).toEqual([]);
  });
});
