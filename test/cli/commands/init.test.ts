/** `keyhive init` through the real command, on real folders. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { runCli } from '../support/run-cli.js';

const fixtures = fileURLToPath(new URL('../../fixtures/workspaces/', import.meta.url));
const HUB_KEY = 'fixture-hub-key-placeholder-0001';
let base: string;
let dir: string;
let dataDir: string;

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'keyhive-cli-init-'));
  dir = path.join(base, 'project');
  dataDir = path.join(base, 'data');
  await cp(path.join(fixtures, 'hivecfm-project'), dir, { recursive: true });
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('keyhive init', () => {
  it('--preset hivecfm writes a workspace that loads, and prints names and paths only', async () => {
    const r = await runCli(['init', dir, '--preset', 'hivecfm'], { dataDir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote ${path.join(dir, 'keyhive.yaml')}`);
    expect(r.stdout).toContain('hivecfm-hub:API_KEY [server] ↔ hivecfm-core:HIVECFM_HUB_API_KEY');
    expect(r.stdout + r.stderr).not.toContain(HUB_KEY);
    const ws = await loadWorkspace(path.join(dir, 'keyhive.yaml'));
    expect(ws.config.secrets['hivecfm-hub-api-key']?.format).toBe('hivecfm-hub');
  });

  it('defaults to the current folder and proposes from what it finds (--json)', async () => {
    const r = await runCli(['init', '--json'], { dataDir, cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; id: string; secrets: Record<string, string[]>; replaced: boolean };
    expect(out.file).toBe(path.join(dir, 'keyhive.yaml'));
    expect(out.replaced).toBe(false);
    expect(out.secrets).toEqual({ 'hivecfm-hub-api-key': ['hivecfm-hub-api:API_KEY', 'hivecfm-core:HIVECFM_HUB_API_KEY'] });
    expect(r.stdout).not.toContain(HUB_KEY);
    expect(await readFile(out.file, 'utf8')).not.toContain(HUB_KEY);
  });

  it('refuses to overwrite without --force (exit 1, file untouched); --force replaces it', async () => {
    const file = path.join(dir, 'keyhive.yaml');
    await writeFile(file, '# mine\n');
    const refused = await runCli(['init', dir], { dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(file, 'utf8')).toBe('# mine\n');
    const forced = await runCli(['init', dir, '--force'], { dataDir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Replaced .* \(previous file backed up as \d{13}-[0-9a-f]{12}\)/);
    await expect(loadWorkspace(file)).resolves.toBeTruthy();
  });

  it('bad usage exits 2: unknown preset, missing folder, bad depth', async () => {
    const preset = await runCli(['init', dir, '--preset', 'nope'], { dataDir });
    expect(preset.code).toBe(2);
    expect(preset.stderr).toContain('hivecfm, hogsend, tokenhub, hiveforge');
    const missing = await runCli(['init', path.join(dir, 'nope')], { dataDir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('fix:');
    const depth = await runCli(['init', dir, '--depth', 'deep'], { dataDir });
    expect(depth.code).toBe(2);
  });

  it('--help describes the command', async () => {
    const r = await runCli(['init', '--help'], { dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--preset');
    expect(r.stdout).toContain('--force');
  });
});
