/** The two-phase file transaction on real files (backups in a real data dir). */
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupStore } from '../../electron/adapters/fs/backups.js';
import { applyWrites, planWrites, restoreWritten, type FileEdit } from '../../electron/app/sync-transaction.js';
import { setValue } from '../../electron/core/env/index.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kh-tx-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const edit = (path: string, value: string, create = false): FileEdit => ({ path, root, create, edit: (b) => setValue(b, 'KEY', value) });

describe('planWrites / applyWrites', () => {
  it('plans only files that change, writes them with backups, and creates new files 0600', async () => {
    const a = join(root, 'a.env');
    const b = join(root, 'b.env');
    const c = join(root, 'c.env');
    await writeFile(a, 'KEY=old\nX=1\n');
    await writeFile(b, 'KEY=new\n');
    const plans = await planWrites([edit(a, 'new'), edit(b, 'new'), edit(c, 'new', true)]);
    expect(plans.map((p) => [p.path, p.create])).toEqual([
      [a, false],
      [c, true],
    ]);
    const written = await applyWrites(plans, createBackupStore(join(root, '.data')));
    expect(await readFile(a, 'utf8')).toBe('KEY=new\nX=1\n');
    expect(await readFile(c, 'utf8')).toBe('KEY=new\n');
    expect((await stat(c)).mode & 0o777).toBe(0o600);
    expect(written[0]!.backupId).toMatch(/^\d{13}-[0-9a-f]{12}$/);
    expect(written[1]!.backupId).toBeNull();
    expect(await restoreWritten(plans)).toEqual([]);
    expect(await readFile(a, 'utf8')).toBe('KEY=old\nX=1\n');
    await expect(stat(c)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('the check phase refuses a read-only directory for a new file, and a missing file that should exist', async () => {
    const dir = join(root, 'ro');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir);
    await chmod(dir, 0o555);
    await expect(planWrites([edit(join(dir, '.env'), 'v', true)])).rejects.toMatchObject({ code: 'FILE_PERMISSION' });
    await chmod(dir, 0o755);
    await expect(planWrites([edit(join(root, 'gone.env'), 'v')])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a file changed after the check is a conflict: the earlier file is restored, the error says so', async () => {
    const a = join(root, 'a.env');
    const b = join(root, 'b.env');
    await writeFile(a, 'KEY=1\n');
    await writeFile(b, 'KEY=1\n');
    const plans = await planWrites([edit(a, '2'), edit(b, '2')]);
    await writeFile(b, 'KEY=1\nSOMEONE=else\n');
    const err = await applyWrites(plans, createBackupStore(join(root, '.data'))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FILE_CONFLICT', file: b });
    expect((err as Error).message).toContain('1 file(s) already written were restored');
    expect(await readFile(a, 'utf8')).toBe('KEY=1\n');
    expect(await readFile(b, 'utf8')).toBe('KEY=1\nSOMEONE=else\n');
  });
});
