/**
 * The leak guard's file walk on real folders: regular files only, `.git`/`node_modules` skipped,
 * symbolic links not followed, overlapping roots listed once; reads give every byte of small and
 * big files (past the reused scratch buffer), skip files over the limit, and never block on a FIFO.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFiles, readFiles, rootsOverlap } from '../../../electron/adapters/fs/walk-files.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kh-walk-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const put = (rel: string, data: string | Buffer): string => {
  const file = join(root, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, data);
  return file;
};

describe('listFiles', () => {
  it('lists regular files sorted, skipping .git, node_modules and links, each once', async () => {
    const a = put('svc/a.env', 'A=1\n');
    const b = put('svc/sub/b.txt', 'b');
    put('svc/.git/config', 'x');
    put('svc/node_modules/m/index.js', 'x');
    symlinkSync(a, join(root, 'svc', 'link.env'));
    symlinkSync(join(root, 'svc', 'sub'), join(root, 'svc', 'linkdir'));
    expect(await listFiles([join(root, 'svc')])).toEqual([a, b]);
    expect(await listFiles([join(root, 'svc'), join(root, 'svc', 'sub'), b])).toEqual([a, b]);
    expect(await listFiles([a, join(root, 'missing')])).toEqual([a]);
    expect(await listFiles([join(root, 'svc', 'sub'), join(root, 'svc')], { sorted: false })).toHaveLength(2);
  });

  it('tells nested roots (a file listed twice) from roots side by side', () => {
    expect(rootsOverlap([join(root, 'a'), join(root, 'b'), join(root, 'ab')])).toBe(false);
    expect(rootsOverlap([join(root, 'a'), join(root, 'a')])).toBe(false); // listed once anyway
    expect(rootsOverlap([join(root, 'a'), join(root, 'a', 'sub')])).toBe(true);
    expect(rootsOverlap([join(root, 'a', 'f.txt'), join(root, 'a') + '/'])).toBe(true);
  });
});

describe('readFiles', () => {
  it('hands over every byte of small and big files, skips the ones over the limit, and counts what it read', async () => {
    const small = put('small.txt', 'hello\n');
    const big = Buffer.alloc(700 * 1024, 0x61);
    big.write('END', big.length - 3);
    const bigFile = put('big.bin', big);
    const empty = put('empty.txt', '');
    const got = new Map<string, Buffer>();
    const n = await readFiles([small, bigFile, empty, join(root, 'gone')], (f, bytes) => got.set(f, Buffer.from(bytes)), { maxBytes: 1024 * 1024 });
    expect(n).toBe(3);
    expect(got.get(small)?.toString()).toBe('hello\n');
    expect(got.get(bigFile)?.equals(big)).toBe(true);
    expect(got.get(empty)?.length).toBe(0);

    const limited = new Map<string, number>();
    expect(await readFiles([small, bigFile], (f, bytes) => limited.set(f, bytes.length), { maxBytes: 1000 })).toBe(1);
    expect([...limited]).toEqual([[small, 6]]);
  });

  it('does not block on a FIFO that replaced a file', async () => {
    const fifo = join(root, 'pipe.env');
    execFileSync('mkfifo', [fifo]);
    const after = put('after.txt', 'z');
    const seen: string[] = [];
    await readFiles([fifo, after], (f) => seen.push(f), { maxBytes: 1024 });
    expect(seen.at(-1)).toBe(after);
  });
});
