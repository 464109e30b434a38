import { mkdtemp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contentHash, watchFiles, type FileWatcher } from '../../../electron/adapters/watcher/file-watcher.js';

let dir: string;
let watcher: FileWatcher | null = null;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Collects change batches; `next()` waits for the next batch (or fails after a generous 5 s). */
function collector() {
  const batches: string[][] = [];
  const waiters: Array<(b: string[]) => void> = [];
  return {
    batches,
    onChange: (changed: string[]) => {
      batches.push(changed);
      waiters.shift()?.(changed);
    },
    next: (): Promise<string[]> =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no change event within 5 s')), 5000);
        waiters.push((b) => {
          clearTimeout(t);
          resolve(b);
        });
      }),
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kh-watch-'));
});
afterEach(async () => {
  watcher?.close();
  watcher = null;
  await rm(dir, { recursive: true, force: true });
});

describe('watchFiles', () => {
  it('reports an in-place edit and an editor-style replace by rename', async () => {
    const env = join(dir, '.env');
    await writeFile(env, 'A=1\n');
    const c = collector();
    watcher = await watchFiles([env], c.onChange);
    let next = c.next();
    await writeFile(env, 'A=2\n');
    expect(await next).toEqual([env]);
    next = c.next();
    await writeFile(join(dir, '.env.tmp~'), 'A=3\n');
    await rename(join(dir, '.env.tmp~'), env);
    expect(await next).toEqual([env]);
  });

  it('never misses the second of two writes 10 ms apart', async () => {
    const env = join(dir, '.env');
    await writeFile(env, 'A=0\n');
    const seen: string[] = [];
    watcher = await watchFiles([env], () => void readFile(env, 'utf8').then((t) => seen.push(t)));
    for (let round = 1; round <= 5; round++) {
      await writeFile(env, `A=${round}a\n`);
      await sleep(10);
      await writeFile(env, `A=${round}b\n`);
      // The second write must be reported: wait for it (bounded), however slow the machine is.
      await vi.waitFor(() => expect(seen.at(-1)).toBe(`A=${round}b\n`), { timeout: 5_000, interval: 5 });
      await watcher.idle();
      expect(seen.at(-1)).toBe(`A=${round}b\n`);
    }
  });

  it('ignores other files in the directory and rewrites with identical content', async () => {
    const env = join(dir, '.env');
    await writeFile(env, 'A=1\n');
    const c = collector();
    watcher = await watchFiles([env], c.onChange);
    await writeFile(join(dir, 'other.txt'), 'x');
    await writeFile(env, 'A=1\n');
    await sleep(80);
    await watcher.idle();
    expect(c.batches).toEqual([]);
  });

  it('survives the file being deleted and re-created', async () => {
    const env = join(dir, '.env');
    await writeFile(env, 'A=1\n');
    const c = collector();
    watcher = await watchFiles([env], c.onChange);
    let next = c.next();
    await rm(env);
    expect(await next).toEqual([env]);
    next = c.next();
    await writeFile(env, 'A=2\n');
    expect(await next).toEqual([env]);
  });

  it('survives the directory being deleted and re-created, and picks up a directory created later', async () => {
    const svc = join(dir, 'svc');
    const later = join(dir, 'later');
    await mkdir(svc);
    await writeFile(join(svc, '.env'), 'A=1\n');
    const c = collector();
    watcher = await watchFiles([join(svc, '.env'), join(later, '.env')], c.onChange);
    let next = c.next();
    await rm(svc, { recursive: true });
    expect(await next).toEqual([join(svc, '.env')]);
    next = c.next();
    await mkdir(svc);
    await sleep(30);
    await writeFile(join(svc, '.env'), 'A=2\n');
    expect(await next).toEqual([join(svc, '.env')]);
    next = c.next();
    await writeFile(join(svc, '.env'), 'A=3\n');
    expect(await next).toEqual([join(svc, '.env')]);
    next = c.next();
    await mkdir(later);
    await sleep(30);
    await writeFile(join(later, '.env'), 'B=1\n');
    expect(await next).toEqual([join(later, '.env')]);
  });

  it('setFiles swaps the watched set', async () => {
    const a = join(dir, 'a.env');
    const b = join(dir, 'b.env');
    await writeFile(a, '1');
    await writeFile(b, '1');
    const c = collector();
    watcher = await watchFiles([a], c.onChange);
    await watcher.setFiles([b]);
    const next = c.next();
    await writeFile(a, '2');
    await writeFile(b, '2');
    expect(await next).toEqual([b]);
  });
});

describe('contentHash', () => {
  it('hashes a file, gives null for a missing file and for a directory', async () => {
    await writeFile(join(dir, 'f'), 'x');
    expect(await contentHash(join(dir, 'f'))).toMatch(/^[0-9a-f]{64}$/);
    expect(await contentHash(join(dir, 'missing'))).toBeNull();
    expect(await contentHash(dir)).toBeNull();
  });
});
