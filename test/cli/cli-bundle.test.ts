/**
 * The CLI bundle cache (electron/cli/cli-bundle.mjs): a bundle is reused while every source it was
 * built from has the size and mtime its manifest recorded, and rebuilt as soon as one does not —
 * an edited or deleted source is never run stale. Builds for real (esbuild) into a temp cache.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
type Bundler = { cliBundle: () => Promise<string | null> };
const saved = { cache: process.env.KEYHIVE_CLI_CACHE, prebuilt: process.env.KEYHIVE_CLI_NO_PREBUILT };
let cache = '';
let bundler: Bundler;

beforeAll(async () => {
  cache = await mkdtemp(join(REPO, 'node_modules', '.cache', 'kh-cli-bundle-test-'));
  process.env.KEYHIVE_CLI_CACHE = cache;
  process.env.KEYHIVE_CLI_NO_PREBUILT = '1';
  bundler = (await import('../../electron/cli/cli-bundle.mjs' as string)) as Bundler;
});
afterAll(async () => {
  for (const [k, v] of [['KEYHIVE_CLI_CACHE', saved.cache], ['KEYHIVE_CLI_NO_PREBUILT', saved.prebuilt]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(cache, { recursive: true, force: true });
});

type Manifest = { dir: string; inputs: [string, number, number][] };
const current = async (): Promise<Manifest> => JSON.parse(await readFile(join(cache, 'current.json'), 'utf8')) as Manifest;

describe('CLI bundle cache', { timeout: 120_000 }, () => {
  it('builds once, reuses the bundle while the sources are unchanged, rebuilds when one changed or is gone', async () => {
    const first = await bundler.cliBundle();
    expect(first).toMatch(/^file:.*\/index\.cjs$/);
    const manifest = await current();
    expect(manifest.inputs.map(([rel]) => rel)).toEqual(expect.arrayContaining(['electron/cli/index.ts', 'electron/cli/commands/status.ts']));
    expect(manifest.inputs.some(([rel]) => rel.includes('node_modules'))).toBe(false); // dependencies: the lockfile's mtime
    // ASCII only: V8 then keeps the source as a one-byte string (half the memory, a faster decode
    // and parse on every start). A non-ASCII character in a regex literal survives esbuild's
    // escaping: write it as \uXXXX.
    const bytes = await readFile(fileURLToPath(first!));
    const wide = bytes.findIndex((b) => b > 0x7f);
    expect(wide < 0 ? 'ASCII' : bytes.subarray(Math.max(0, wide - 40), wide + 4).toString('utf8')).toBe('ASCII');

    expect(await bundler.cliBundle()).toBe(first); // fresh: no rebuild

    // A source whose recorded mtime no longer matches (an edit) makes it stale.
    const edited = { ...manifest, inputs: manifest.inputs.map((i, n) => (n === 0 ? ([i[0], i[1], i[2] - 1] as [string, number, number]) : i)) };
    await writeFile(join(cache, 'current.json'), JSON.stringify(edited));
    const second = await bundler.cliBundle();
    expect(second).not.toBe(first);

    // So does a source that is gone.
    const gone = await current();
    gone.inputs.push(['electron/cli/no-such-source.ts', 1, 1]);
    await writeFile(join(cache, 'current.json'), JSON.stringify(gone));
    const third = await bundler.cliBundle();
    expect(third).not.toBe(second);
    expect((await readdir(cache)).filter((f) => f.startsWith('b-'))).toHaveLength(3); // old ones stay a while (running CLIs may still load their chunks)
  });
});
