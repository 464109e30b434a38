/**
 * The CLI bundle loader (electron/cli/cli-loader.mjs): runs a CommonJS bundle with a V8 code
 * cache kept in the data dir, one per bundle content and command; a cache V8 refuses, or one of
 * another bundle, is never used and is replaced. Real files, real V8, and the real `keyhive`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataDir } from '../../electron/adapters/fs/data-dir.js';
import { runCli } from './support/run-cli.js';

type Loaded = { exports: Record<string, unknown>; cacheFile: string; usedCodeCache: boolean; saveCodeCache: () => void };
type Loader = {
  loadCliBundle: (file: string, argv: string[], env?: NodeJS.ProcessEnv) => Loaded;
  userDataDir: (env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform) => string;
  commandKey: (argv: string[]) => string;
};
const LOADER = fileURLToPath(new URL('../../electron/cli/cli-loader.mjs', import.meta.url));
const loader = (await import(LOADER)) as Loader;

/** Loads the bundle in a new Node process (V8 keeps what it compiled in-process: a reload here would not read the cache). */
async function loadInChild(argv: string[], nodeFlags: string[] = []): Promise<{ answer: number; usedCodeCache: boolean; cacheFile: string }> {
  const script = `const { loadCliBundle } = await import(${JSON.stringify(LOADER)});
    const l = loadCliBundle(${JSON.stringify(bundle)}, ${JSON.stringify(argv)});
    l.saveCodeCache();
    console.log(JSON.stringify({ answer: l.exports.answer(), usedCodeCache: l.usedCodeCache, cacheFile: l.cacheFile }));`;
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { env: { ...process.env, ...env }, timeout: 60_000 });
  return JSON.parse(stdout) as { answer: number; usedCodeCache: boolean; cacheFile: string };
}

let root = '';
let env: NodeJS.ProcessEnv = {};
let bundle = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kh-cli-loader-'));
  env = { KEYHIVE_DATA_DIR: join(root, 'data') };
  bundle = join(root, 'index.cjs');
  await writeFile(bundle, "exports.answer = () => 40 + 2; exports.file = __filename; exports.url = require('node:url').pathToFileURL(__filename).href;\n");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const cacheFiles = async (): Promise<string[]> => (await readdir(join(root, 'data', 'cli-code-cache')).catch(() => [] as string[])).filter((f) => !f.endsWith('.tmp')).sort();

describe('CLI bundle loader', () => {
  it('finds the same data dir as the engine does', () => {
    const cases: [NodeJS.ProcessEnv, NodeJS.Platform][] = [
      [{ KEYHIVE_DATA_DIR: 'rel/dir', HOME: '/home/a' }, 'linux'],
      [{ HOME: '/home/a', XDG_DATA_HOME: '/xdg' }, 'linux'],
      [{ HOME: '/home/a', XDG_DATA_HOME: 'not-absolute' }, 'linux'],
      [{ HOME: '/Users/a' }, 'darwin'],
      [{ HOME: 'C:\\Users\\a', APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32'],
    ];
    for (const [e, platform] of cases) expect(loader.userDataDir(e, platform)).toBe(dataDir(e, platform));
  });

  it('names the cache after the command run, never after arbitrary input', () => {
    expect(loader.commandKey(['status', '--json'])).toBe('status');
    expect(loader.commandKey(['--version'])).toBe('-');
    expect(loader.commandKey(['--workspace', 'x'])).toBe('x');
    expect(loader.commandKey(['../../etc/passwd'])).toBe('other');
  });

  it('runs the bundle; writes its code cache after the first run and uses it on the next', async () => {
    const first = loader.loadCliBundle(bundle, ['status'], env);
    expect((first.exports.answer as () => number)()).toBe(42);
    expect(first.exports.file).toBe(bundle); // a CommonJS module's own __filename, as the bundle's import.meta.url needs
    expect(first.usedCodeCache).toBe(false);
    first.saveCodeCache();
    expect(await cacheFiles()).toEqual([expect.stringMatching(/^[0-9a-f]{20}-status\.v8$/)]);

    const before = await readFile(first.cacheFile);
    const second = await loadInChild(['status', '--json']); // saves too: a cache V8 took is not rewritten
    expect(second).toEqual({ answer: 42, usedCodeCache: true, cacheFile: first.cacheFile });
    expect((await readFile(second.cacheFile)).equals(before)).toBe(true);

    // Another command has its own cache.
    loader.loadCliBundle(bundle, ['sync'], env).saveCodeCache();
    expect(await cacheFiles()).toHaveLength(2);
  });

  it('a changed bundle never runs with the old cache, and old caches of other bundles go', async () => {
    const old = loader.loadCliBundle(bundle, ['status'], env);
    old.saveCodeCache();
    loader.loadCliBundle(bundle, ['sync'], env).saveCodeCache();
    // A day and more before the file system's now (its clock, not this process's, dates the files).
    const dayAndMore = new Date((await stat(old.cacheFile)).mtimeMs - 25 * 3600_000);
    await utimes(old.cacheFile, dayAndMore, dayAndMore); // the sync one is recent: another checkout may still run it
    // Same length, other code: V8's own check (length and flags) would not notice; the content hash does.
    await writeFile(bundle, "exports.answer = () => 40 + 3; exports.file = __filename; exports.url = require('node:url').pathToFileURL(__filename).href;\n");
    const changed = loader.loadCliBundle(bundle, ['status'], env);
    expect(changed.usedCodeCache).toBe(false);
    expect((changed.exports.answer as () => number)()).toBe(43);
    changed.saveCodeCache();
    expect(await cacheFiles()).toEqual([changed.cacheFile.split('/').pop(), old.cacheFile.split('/').pop()!.replace('-status', '-sync')].sort());
  });

  it('a cache V8 refuses (damaged) is not used, and is replaced by a good one', async () => {
    const first = await loadInChild(['status']);
    await writeFile(first.cacheFile, Buffer.from('not a V8 code cache at all'));
    expect(await loadInChild(['status'])).toMatchObject({ answer: 42, usedCodeCache: false }); // and writes a good one
    expect(await loadInChild(['status'])).toMatchObject({ answer: 42, usedCodeCache: true });
    // So is one made with other V8 flags.
    expect(await loadInChild(['status'], ['--no-lazy'])).toMatchObject({ answer: 42, usedCodeCache: false });
  });

  it('KEYHIVE_CLI_NO_CODE_CACHE=1 neither reads nor writes one', async () => {
    const off = { ...env, KEYHIVE_CLI_NO_CODE_CACHE: '1' };
    loader.loadCliBundle(bundle, ['status'], off).saveCodeCache();
    expect(await cacheFiles()).toEqual([]);
  });

  it('the real keyhive leaves a code cache in its data dir and gives the same answer with it', { timeout: 120_000 }, async () => {
    const dir = join(root, 'data');
    const first = await runCli(['--version'], { dataDir: dir });
    expect(first).toMatchObject({ code: 0 });
    expect(await cacheFiles()).toEqual([expect.stringMatching(/-\.v8$/)]);
    const second = await runCli(['--version'], { dataDir: dir });
    expect(second).toEqual(first);
  });
});
