import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeWorkspaceFile } from '../../../electron/adapters/workspace/write-workspace-file.js';
import { createBackupStore } from '../../../electron/adapters/fs/backups.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'keyhive-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeWorkspaceFile', () => {
  it('creates a new file (0644) when there is none', async () => {
    const file = path.join(dir, 'keyhive.yaml');
    expect(await writeWorkspaceFile(file, 'name: a\n')).toEqual({ replaced: false, backupId: null });
    expect(await readFile(file, 'utf8')).toBe('name: a\n');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it('refuses to replace an existing file without force, leaving it untouched', async () => {
    const file = path.join(dir, 'keyhive.yaml');
    await writeFile(file, 'mine: true\n');
    await expect(writeWorkspaceFile(file, 'name: a\n')).rejects.toMatchObject({ code: 'FILE_CONFLICT', fix: expect.stringContaining('--force') });
    expect(await readFile(file, 'utf8')).toBe('mine: true\n');
  });

  it('with force, replaces it atomically and keeps the old bytes in a restorable backup', async () => {
    const file = path.join(dir, 'keyhive.yaml');
    const backups = path.join(dir, 'data');
    await writeFile(file, 'mine: true\n');
    const r = await writeWorkspaceFile(file, 'name: b\n', { force: true, backupDir: backups });
    expect(r.replaced).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('name: b\n');
    const restored = await createBackupStore(backups, { scope: 'keyhive-yaml', key: null }).load(r.backupId as string);
    expect(new TextDecoder().decode(restored.bytes)).toBe('mine: true\n');
    expect((await readdir(dir)).sort()).toEqual(['data', 'keyhive.yaml']); // no temp files left
  });
});
