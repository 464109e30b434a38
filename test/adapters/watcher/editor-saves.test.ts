/**
 * The watcher on real files and real fs events, one test per way an editor (or git) really saves
 * a file. Each asserts the exact sequence of contents delivered: nothing missed, nothing twice,
 * no "deleted"/"emptied" moment from the middle of a save. No timing assertion: a save's
 * intermediate missing or empty moment is ended by the file's next event, never by the clock
 * (the tests that need the settle time to pass for a real delete just wait for it).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, open, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchFiles, type FileWatcher } from '../../../electron/adapters/watcher/file-watcher.js';
import { gitIn } from '../../app/scan/git-fixture.js';
import { deliveries } from './support/delivered.js';

let dir: string;
let watcher: FileWatcher | null = null;
let env: string;
/** A missing or empty moment is only ever ended by the next event here, never by this clock. */
const HELD = { settleMs: 600_000 };
/** Lets the watcher look at the file in the middle of a save; any length gives the same result. */
const pause = (): Promise<void> => new Promise((r) => setTimeout(r, 15));
const CONTENTS = { v1: 'API_KEY=one\n', v2: 'API_KEY=two\nPORT=8080\n', sentinel: 'API_KEY=sentinel\n' };

async function start(contents: Record<string, string>, opts = HELD, files = [env]) {
  const d = deliveries(contents);
  watcher = d.attach(await watchFiles(files, (c) => d.onChange(c), opts));
  return d;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kh-saves-'));
  env = join(dir, '.env');
  await writeFile(env, CONTENTS.v1);
});
afterEach(async () => {
  watcher?.close();
  watcher = null;
  await rm(dir, { recursive: true, force: true });
});

describe('watchFiles on real editor saves', () => {
  it('vim: swap file, rename to a backup, write a new file, drop the backup — one change', async () => {
    const d = await start(CONTENTS);
    await writeFile(join(dir, '.env.swp'), 'swap');
    await writeFile(join(dir, '4913'), ''); // vim's probe that it may create files here
    await rm(join(dir, '4913'));
    await rename(env, `${env}~`);
    await pause(); // .env is missing now
    const fh = await open(env, 'w');
    await pause(); // .env is empty now
    await fh.write(CONTENTS.v2);
    await fh.sync();
    await fh.close();
    await rm(`${env}~`);
    await rm(join(dir, '.env.swp'));
    await d.settled(env, 'v2');
    expect(d.of(env)).toEqual(['v2', 'sentinel']);
  });

  it('VS Code style: write a temp file, rename it over the original — one change', async () => {
    const d = await start(CONTENTS);
    await writeFile(join(dir, '.env.vsctmp'), CONTENTS.v2);
    await pause();
    await rename(join(dir, '.env.vsctmp'), env);
    await d.settled(env, 'v2');
    expect(d.of(env)).toEqual(['v2', 'sentinel']);
  });

  it('JetBrains safe write: ___jb_tmp___, original to ___jb_old___, tmp renamed in — one change', async () => {
    const d = await start(CONTENTS);
    await writeFile(`${env}___jb_tmp___`, CONTENTS.v2);
    await rename(env, `${env}___jb_old___`);
    await pause(); // .env is missing now
    await rename(`${env}___jb_tmp___`, env);
    await rm(`${env}___jb_old___`);
    await d.settled(env, 'v2');
    expect(d.of(env)).toEqual(['v2', 'sentinel']);
  });

  it('truncate then write in place — one change, never the empty file', async () => {
    const d = await start(CONTENTS);
    const fh = await open(env, 'r+');
    await fh.truncate(0);
    await pause(); // .env is empty now
    await fh.write(CONTENTS.v2, 0);
    await fh.close();
    await d.settled(env, 'v2');
    expect(d.of(env)).toEqual(['v2', 'sentinel']);
  });

  it('two writes 5 ms apart: the final content exactly once, nothing twice', async () => {
    const rounds = [1, 2, 3, 4, 5];
    const contents: Record<string, string> = {};
    for (const r of rounds) Object.assign(contents, { [`a${r}`]: `K=${r}a\n`, [`b${r}`]: `K=${r}b\nX=${r}\n`, [`s${r}`]: `K=${r}s\n` });
    const d = await start(contents);
    for (const r of rounds) {
      const from = d.of(env).length;
      await writeFile(env, contents[`a${r}`]!);
      await new Promise((res) => setTimeout(res, 5));
      await writeFile(env, contents[`b${r}`]!);
      await d.settled(env, `b${r}`, `s${r}`);
      // The first write may be coalesced into the second, or seen on its own: both are true histories.
      expect([[`a${r}`, `b${r}`, `s${r}`], [`b${r}`, `s${r}`]]).toContainEqual(d.of(env).slice(from));
    }
  });

  it('a burst of 100 back-to-back writes: the last one delivered, in write order, nothing twice', async () => {
    const labels = Array.from({ length: 100 }, (_, i) => `w${i}`);
    const contents: Record<string, string> = { sentinel: CONTENTS.sentinel };
    for (const [i, l] of labels.entries()) contents[l] = `K=${i}\n`;
    const d = await start(contents);
    for (const l of labels) await writeFile(env, contents[l]!);
    await d.settled(env, 'w99');
    const seen = d.of(env);
    // Any subsequence of the writes is a true history; the order and the end are not negotiable.
    expect(seen.at(-2)).toBe('w99');
    expect(seen.at(-1)).toBe('sentinel');
    const order = seen.slice(0, -1).map((l) => labels.indexOf(l));
    expect(order.every((n, i) => n >= 0 && (i === 0 || n > order[i - 1]!))).toBe(true);
  });

  it('renamed away and back: no change at all', async () => {
    const d = await start(CONTENTS);
    await rename(env, join(dir, '.env.moved'));
    await pause(); // .env is missing now
    await rename(join(dir, '.env.moved'), env);
    await d.settled(env, null);
    expect(d.of(env)).toEqual(['sentinel']);
  });

  it('deleted for real, then re-created: one deletion, then the new content', async () => {
    const d = await start(CONTENTS, { settleMs: 20 });
    const deleted = d.until(env, 'missing');
    await rm(env);
    await deleted; // reported once nothing brought the file back within the settle time
    const created = d.until(env, 'v2');
    // One synchronous write: the watcher sees the file only once it is whole (an empty moment
    // would otherwise be reported as "emptied" if this machine stalled past the settle time).
    writeFileSync(env, CONTENTS.v2);
    await created;
    await d.settled(env, 'v2');
    expect(d.of(env)).toEqual(['missing', 'v2', 'sentinel']);
  });

  it('emptied for real: reported once the settle time passes with no further write', async () => {
    const d = await start(CONTENTS, { settleMs: 20 });
    const emptied = d.until(env, 'empty');
    await writeFile(env, '');
    await emptied;
    await d.settled(env, 'empty');
    expect(d.of(env)).toEqual(['empty', 'sentinel']);
  });

  it('git checkout rewriting several .env files: each changed file exactly once, with its final content', async () => {
    const git = gitIn(dir);
    await git.init();
    const rel = ['.env', 'svc-a/.env', 'svc-b/.env', 'svc-c/.env'];
    const text = (r: string, branch: string): string => `NAME=${r}\nBRANCH=${branch}\n`;
    for (const r of rel) await git.write(r, text(r, 'main'));
    git.commit('main');
    git.run('checkout', '-q', '-b', 'other');
    for (const r of rel.slice(0, 3)) await git.write(r, text(r, 'other')); // svc-c/.env is the same on both
    git.commit('other');
    git.run('checkout', '-q', 'main');
    const files = rel.map((r) => join(dir, r));
    const contents: Record<string, string> = { sentinel: CONTENTS.sentinel };
    for (const r of rel) Object.assign(contents, { [`${r}@main`]: text(r, 'main'), [`${r}@other`]: text(r, 'other') });
    const d = await start(contents, HELD, files);

    // Asynchronously, so the watcher runs while git unlinks and re-creates the files.
    await promisify(execFile)('git', ['checkout', '-q', 'other'], { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
    for (const [i, f] of files.entries()) await d.settled(f, i < 3 ? `${rel[i]}@other` : null);
    expect(rel.map((r, i) => [r, d.of(files[i]!)])).toEqual([
      ['.env', ['.env@other', 'sentinel']],
      ['svc-a/.env', ['svc-a/.env@other', 'sentinel']],
      ['svc-b/.env', ['svc-b/.env@other', 'sentinel']],
      ['svc-c/.env', ['sentinel']],
    ]);
  });
});
