import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setRunMode, withRunMode } from '../../../electron/app/workspace/set-run-mode.js';

const YAML = `# my workspace
name: demo   # shown in the app
id: run-mode-test
runMode: docker # how things run now
services:
  hub: { dir: hub, native: { command: "node hub.mjs" } }
`;

describe('set run mode', () => {
  it('changes only the value bytes, keeping comments and layout', () => {
    const next = withRunMode(YAML, 'native', 'keyhive.yaml');
    expect(next).toBe(YAML.replace('runMode: docker #', 'runMode: native #'));
    expect(withRunMode(YAML, 'docker', 'keyhive.yaml')).toBeNull();
  });

  it('adds runMode when the file relies on the default', () => {
    const text = 'name: x\nid: abc\nservices: {}\n';
    expect(withRunMode(text, 'docker', 'k.yaml')).toBeNull();
    expect(withRunMode(text, 'native', 'k.yaml')).toBe(`${text}runMode: native\n`);
    expect(withRunMode('name: x', 'native', 'k.yaml')).toBe('name: x\nrunMode: native\n');
  });

  it('refuses YAML it cannot edit safely', () => {
    expect(() => withRunMode('- a\n- b\n', 'native', 'k.yaml')).toThrow(/not a readable YAML map/);
    expect(() => withRunMode('runMode: [docker]\n', 'native', 'k.yaml')).toThrow(/not a plain value/);
  });

  it('writes a real file atomically, and refuses a mode the loader would reject', async () => {
    const root = await mkdtemp(join(tmpdir(), 'keyhive-runmode-'));
    await mkdir(join(root, 'hub'));
    const file = join(root, 'keyhive.yaml');
    await writeFile(file, YAML.replace('runMode: docker', 'runMode: native'));
    expect(await setRunMode(file, 'native', { backupDir: join(root, 'backups') })).toEqual({ changed: false });
    // hub has only a native command: docker mode would not load, so nothing is written.
    await expect(setRunMode(file, 'docker', { backupDir: join(root, 'backups') })).rejects.toMatchObject({ code: 'WORKSPACE_INVALID' });
    expect(await readFile(file, 'utf8')).toContain('runMode: native # how things run now');
  });
});
