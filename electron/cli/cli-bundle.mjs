// The CLI as one bundle (esbuild), so `keyhive` starts without loading ~300 TypeScript modules
// through tsx. It is a CommonJS script, not ES modules, so cli-loader.mjs can run it with a V8
// code cache (Node 20 has none for ES modules): compiling zod, yaml and undici on every run cost
// more than everything else a `keyhive status` does. esbuild keeps what only some commands need
// (each command area, behind its import()) in functions that run when that command loads it.
//   - `npm run build` (and setup) writes one to out/cli; a checkout that has it runs it directly.
//   - Otherwise one is built on demand (~1 s) into node_modules/.cache/keyhive-cli and reused.
// Each bundle carries a manifest: the path, size and mtime of every source file it was built
// from (esbuild's metafile), plus the mtimes of the lockfile (the dependencies) and of this file. A run checks that
// list with one stat per file (no directory walk, no hashing), so an edited source is never run
// stale, and a new file only matters once an edited one imports it. Where the sources are not
// there at all (an installed app), the bundle is all there is and runs as it is.
// Builds are synchronous (buildSync runs the esbuild binary to completion, no worker thread), so
// no esbuild service process is left running once the command exits; concurrent builders write
// a temp dir and rename it into place. Any failure returns null: the caller runs the sources
// through tsx. KEYHIVE_CLI_CACHE moves the cache and KEYHIVE_CLI_NO_PREBUILT=1 passes over
// out/cli (tests use both to force a build).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = join(ROOT, 'electron', 'cli', 'index.ts');
const LOCK = join(ROOT, 'package-lock.json');
const SELF = fileURLToPath(import.meta.url); // a change to how bundles are built makes them all stale
export const PREBUILT_DIR = join(ROOT, 'out', 'cli');
const MANIFEST = 'manifest.json';
const CURRENT = 'current.json';
// A long-running keyhive (watch, web) may still run an old bundle: the newest few stay, older
// ones go after a day.
const KEEP_BUNDLES = 3;
const STALE_BUNDLE_MS = 24 * 3600_000;
const cacheDir = () => process.env.KEYHIVE_CLI_CACHE || join(ROOT, 'node_modules', '.cache', 'keyhive-cli');
// Left to node_modules at run time: native, build-time or optional packages.
const EXTERNAL = ['keytar', 'electron', 'esbuild', 'electron-vite', 'vite', '@vitejs/*', 'fsevents', 'tsx'];

const mtimeOf = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? null;

/** Does every source the bundle was built from still have the size and mtime it had then? */
function upToDate(manifest) {
  if (!Array.isArray(manifest.inputs) || manifest.inputs.length === 0) return false;
  if (mtimeOf(LOCK) !== manifest.lock || mtimeOf(SELF) !== manifest.builder) return false;
  for (const [rel, size, mtime] of manifest.inputs) {
    const st = statSync(join(ROOT, rel), { throwIfNoEntry: false });
    if (!st || st.size !== size || st.mtimeMs !== mtime) return false;
  }
  return true;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The entry file of the bundle in `dir` (described by `manifest`) when it can run as it is. */
function runnable(dir, manifest) {
  if (!manifest || typeof manifest.entry !== 'string') return null;
  const entry = join(dir, manifest.entry);
  if (!existsSync(entry)) return null;
  return !existsSync(ENTRY) || upToDate(manifest) ? entry : null;
}

/** Builds the CLI into `outDir` (replaced whole), with its manifest; returns the manifest. */
export async function buildCli(outDir) {
  // Without worker threads, buildSync runs the esbuild binary to completion in this thread
  // (with them, a worker keeps an esbuild service running past this process's exit).
  const workers = process.env.ESBUILD_WORKER_THREADS;
  process.env.ESBUILD_WORKER_THREADS = '0';
  const { buildSync } = await import('esbuild');
  if (workers === undefined) delete process.env.ESBUILD_WORKER_THREADS;
  else process.env.ESBUILD_WORKER_THREADS = workers;
  const lock = mtimeOf(LOCK);
  const tmp = `${outDir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  // When the build started, by the file system's clock (the one source mtimes come from), not
  // this process's: the two differ when the system clock moved (or a test fakes it).
  const startedAt = statSync(tmp).mtimeMs;
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: { index: ENTRY },
    outdir: tmp,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    // import() becomes require(): a script run through vm.Script cannot import() on Node 20
    // without a flag, and require() loads ES-only packages (electron-vite) since Node 20.19.
    supported: { 'dynamic-import': false },
    target: 'node20',
    external: EXTERNAL,
    // Less text for V8 to parse on every start (names are kept: stack traces stay readable).
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // import.meta.url (resolving keytar, finding the repo) is the bundle file's URL, as in ES modules.
    define: { 'import.meta.url': '__khImportMetaUrl' },
    banner: { js: "const __khImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((rel) => !rel.split('/').includes('node_modules'))
    .sort()
    .map((rel) => {
      const st = statSync(join(ROOT, rel));
      // Edited while the build ran: the bundle may hold the old text, so never count it as fresh.
      return [rel, st.size, st.mtimeMs >= startedAt - 1000 ? -1 : st.mtimeMs];
    });
  const manifest = { entry: 'index.cjs', lock, builder: mtimeOf(SELF), inputs };
  writeFileSync(join(tmp, MANIFEST), JSON.stringify(manifest));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  return manifest;
}

/** The cached bundle, rebuilt when its sources changed. */
async function cachedBundle() {
  const cache = cacheDir();
  const current = readJson(join(cache, CURRENT));
  const dir = current && typeof current.dir === 'string' ? join(cache, current.dir) : null;
  const entry = dir && runnable(dir, current);
  if (entry) return entry;
  mkdirSync(cache, { recursive: true });
  const name = `b-${Date.now().toString(36)}-${process.pid}`;
  const manifest = await buildCli(join(cache, name));
  const tmp = join(cache, `${CURRENT}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify({ ...manifest, dir: name }));
  renameSync(tmp, join(cache, CURRENT));
  const old = readdirSync(cache)
    .filter((f) => f !== name && f !== CURRENT)
    .map((f) => ({ path: join(cache, f), mtime: mtimeOf(join(cache, f)) ?? 0 }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const o of old.slice(KEEP_BUNDLES - 1)) if (Date.now() - o.mtime > STALE_BUNDLE_MS) rmSync(o.path, { recursive: true, force: true });
  return join(cache, name, manifest.entry);
}

/** The file URL of an up-to-date bundle (the prebuilt one, else the cached one), or null. */
export async function cliBundle() {
  try {
    const prebuilt = process.env.KEYHIVE_CLI_NO_PREBUILT === '1' ? null : runnable(PREBUILT_DIR, readJson(join(PREBUILT_DIR, MANIFEST)));
    const entry = prebuilt ?? (await cachedBundle());
    return pathToFileURL(entry).href;
  } catch {
    return null;
  }
}

// `node electron/cli/cli-bundle.mjs`: build the prebuilt bundle (run by `npm run build` and setup).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const manifest = await buildCli(PREBUILT_DIR);
  process.stdout.write(`keyhive CLI bundle: ${PREBUILT_DIR} (${manifest.inputs.length} source files)\n`);
}
