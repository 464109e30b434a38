import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeExclusiveTemp, writeFileDurably } from '../../../electron/adapters/fs/durable-write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kh-durable-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileDurably', () => {
  it('replaces a file whole, 0600, leaving no temp file', async () => {
    const f = join(dir, 'journal.json');
    await writeFileDurably(f, 'one\n');
    await writeFileDurably(f, new Uint8Array(Buffer.from('two\n')));
    expect(await readFile(f, 'utf8')).toBe('two\n');
    expect((await stat(f)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['journal.json']);
  });

  it('writes the mode it is given (a 0755 hook survives a 022 umask), and a cache may skip the fsyncs but stays atomic', async () => {
    const hook = join(dir, 'pre-commit');
    await writeFileDurably(hook, '#!/bin/sh\n', { mode: 0o755 });
    expect((await stat(hook)).mode & 0o777).toBe(0o755);
    const cache = join(dir, 'cache.json');
    await writeFileDurably(cache, '{"a":1}', { durable: false });
    await writeFileDurably(cache, '{"a":2}', { durable: false });
    expect(await readFile(cache, 'utf8')).toBe('{"a":2}');
    expect((await stat(cache)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['cache.json', 'pre-commit']);
  });

  it('a failed rename leaves the old file and no temp file', async () => {
    const target = join(dir, 'busy');
    await mkdir(join(target, 'inside'), { recursive: true }); // a non-empty directory cannot be renamed over
    await expect(writeFileDurably(target, 'x')).rejects.toMatchObject({ code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/) });
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('writeExclusiveTemp', () => {
  it('never overwrites an existing file', async () => {
    const tmp = join(dir, '.x.tmp');
    await writeExclusiveTemp(tmp, 'first');
    await expect(writeExclusiveTemp(tmp, 'second')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(tmp, 'utf8')).toBe('first');
  });
});
