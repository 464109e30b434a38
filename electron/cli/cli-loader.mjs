// Runs the CLI bundle (one CommonJS file, see cli-bundle.mjs) with a V8 code cache, so a run
// does not parse and compile the CLI's JavaScript (zod, yaml, undici and the engine) again: on
// Node 20 there is no compile cache for ES modules, so the bundle is a script compiled through
// `vm.Script` with the `cachedData` the previous run of the same command left behind.
//   - One cache file per bundle (by content hash) and command (`status`, `sync`, … or `-` for a
//     run with none), written once after that command ran, so it holds the functions it compiled.
//   - Kept in the per-user data dir (the same one as adapters/fs/data-dir.ts, 0700), under
//     cli-code-cache/; when one is written, those of other bundles a day old go (two checkouts
//     run in turn do not keep replacing each other's).
//   - V8 refuses a cache made by another V8 or with other flags (cachedDataRejected): the run
//     compiles as usual and writes a fresh one. Any failure to read or write it is ignored.
// KEYHIVE_CLI_NO_CODE_CACHE=1 neither reads nor writes one.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import vm from 'node:vm';

/** The data dir as adapters/fs/data-dir.ts computes it (test/cli/cli-loader.test.ts keeps them equal). */
export function userDataDir(env = process.env, platform = process.platform) {
  if (env.KEYHIVE_DATA_DIR) return resolve(env.KEYHIVE_DATA_DIR);
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Keyhive');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Keyhive');
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share'), 'keyhive');
}

export const codeCacheDir = (env = process.env) => join(userDataDir(env), 'cli-code-cache');

const OLD_CACHE_MS = 24 * 3600_000;

/** The command a run with these arguments runs, as a file-name part (`-` when none). */
export function commandKey(argv) {
  const name = argv.find((a) => !a.startsWith('-'));
  if (name === undefined) return '-';
  return /^[a-z][a-z-]{0,23}$/.test(name) ? name : 'other';
}

function writeAtomically(file, data) {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}

/**
 * Loads the bundle at `file` for a run with `argv`: its exports, and `saveCodeCache()` to call
 * once the command is done (writes the cache when there was none, or V8 refused it).
 */
export function loadCliBundle(file, argv, env = process.env) {
  const bytes = readFileSync(file);
  const useCache = env.KEYHIVE_CLI_NO_CODE_CACHE !== '1';
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20); // of the bytes: ~3× faster than of the text
  const source = bytes.toString('utf8');
  const dir = codeCacheDir(env);
  const cacheFile = join(dir, `${hash}-${commandKey(argv)}.v8`);
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  // The bundle has no import() left (cli-bundle.mjs turns them into require()).
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const fresh = cachedData !== undefined && !script.cachedDataRejected;
  const saveCodeCache = () => {
    if (!useCache || fresh) return;
    try {
      writeAtomically(cacheFile, script.createCachedData());
      // "A day old" by the file system's clock (the cache just written), the one file times come
      // from: the process clock may differ (moved, or faked in a test).
      const now = statSync(cacheFile).mtimeMs;
      for (const f of readdirSync(dir)) {
        const path = join(dir, f);
        if (!f.startsWith(`${hash}-`) && now - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now) > OLD_CACHE_MS) rmSync(path, { force: true });
      }
    } catch {
      // a read-only data dir, a full disk: the next run compiles again
    }
  };
  return { exports: module.exports, cacheFile, usedCodeCache: fresh, saveCodeCache };
}
