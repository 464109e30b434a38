/**
 * The file facts the use cases ask for, on real files: absent is null/false (never a throw where
 * the caller only wants to know), a read-only file or folder is not writable, a symlink is
 * followed by pathKind but seen by somethingAt even when it dangles.
 */
import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDir, isReadableSync, isWritable, modifiedAtMsSync, pathKind, readBytesOrNull, readTextOrEmpty, readTextOrNull, somethingAt } from '../../../electron/adapters/fs/file-facts.js';
import { isDirSync, readSmallFileSync } from '../../../electron/adapters/fs/small-file-read.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kh-facts-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('file facts', () => {
  it('tell a file, a folder, a dangling link and nothing apart', async () => {
    const file = join(dir, '.env');
    await writeFile(file, 'A=1\n');
    await symlink(join(dir, 'gone'), join(dir, 'dangling'));
    expect(await pathKind(file)).toBe('file');
    expect(await pathKind(dir)).toBe('dir');
    expect(await pathKind(join(dir, 'dangling'))).toBeNull();
    expect(await somethingAt(join(dir, 'dangling'))).toBe(true);
    expect(await somethingAt(join(dir, 'none'))).toBe(false);
    expect(isDirSync(dir)).toBe(true);
    expect(isDirSync(file)).toBe(false);
    expect(modifiedAtMsSync(file)).toBe((await stat(file)).mtimeMs);
    expect(modifiedAtMsSync(join(dir, 'none'))).toBeNull();
  });

  it('read bytes or text, or say absent', async () => {
    const file = join(dir, 'x.txt');
    await writeFile(file, 'héllo');
    expect((await readBytesOrNull(file))?.toString('utf8')).toBe('héllo');
    expect(await readTextOrNull(file)).toBe('héllo');
    expect(await readTextOrNull(join(dir, 'none'))).toBeNull();
    expect(await readTextOrEmpty(join(dir, 'none'))).toBe('');
    await expect(readTextOrEmpty(dir)).rejects.toMatchObject({ code: 'EISDIR' }); // not "absent": a real problem
    expect(isReadableSync(file)).toBe(true);
    expect(isReadableSync(join(dir, 'none'))).toBe(false);
  });

  it('a file without the owner-write bit is not writable; a new folder is 0700', async () => {
    const file = join(dir, 'ro.env');
    await writeFile(file, 'A=1\n');
    expect(await isWritable(file)).toBe(true);
    await chmod(file, 0o400);
    expect(await isWritable(file)).toBe(false);
    await ensureDir(join(dir, 'a', 'b'));
    expect((await stat(join(dir, 'a', 'b'))).mode & 0o777).toBe(0o700);
  });

  it('small-file reads refuse what is not a small regular file, and never block on a folder', async () => {
    const big = join(dir, 'big.env');
    await writeFile(big, 'A='.padEnd(2048, 'x'));
    await mkdir(join(dir, 'sub'));
    expect(readSmallFileSync(big, 1024)).toEqual({ kind: 'too-large' });
    expect(readSmallFileSync(join(dir, 'sub'), 1024)).toEqual({ kind: 'not-a-file' });
    expect(readSmallFileSync(join(dir, 'none'), 1024)).toEqual({ kind: 'absent' });
    const ok = readSmallFileSync(big, 4096);
    expect(ok.kind === 'bytes' && ok.raw.length).toBe(2048);
  });
});
