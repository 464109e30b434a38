// Keeps a single-file bundle of the CLI up to date, so `keyhive` starts in a fraction of the
// time that loading ~300 TypeScript modules and their dependencies through tsx takes.
// The bundle is named by a stamp of every source file's path, size and mtime (plus the
// lockfile), so an edited source is never run stale; concurrent builders write a temp file and
// rename it into place. Any failure returns null and the caller runs the sources through tsx.
// The build is synchronous (buildSync runs the esbuild binary to completion, no worker thread),
// so no esbuild service process is left running once the command exits.
// KEYHIVE_CLI_CACHE moves the cache (tests use a fresh one to force a build).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_DIRS = ['electron', 'shared'];
// Not part of the CLI: the Electron shell, and the demo's data files (read at run time).
const SKIP_DIRS = new Set(['electron/main', 'electron/preload', 'electron/demo/workspace']);
const STALE_BUNDLE_MS = 10 * 60_000;
const CACHE = process.env.KEYHIVE_CLI_CACHE || join(ROOT, 'node_modules', '.cache', 'keyhive-cli');
// Left to node_modules at run time: native, build-time or optional packages.
const EXTERNAL = ['keytar', 'electron', 'esbuild', 'electron-vite', 'vite', '@vitejs/*', 'fsevents', 'tsx'];

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(relative(ROOT, path)) && entry.name !== 'node_modules') walk(path, out);
    } else if (/\.(ts|mts|mjs|json)$/.test(entry.name)) {
      const st = statSync(path);
      out.push(`${relative(ROOT, path)}:${st.size}:${st.mtimeMs}`);
    }
  }
}

export function sourceStamp() {
  const parts = [];
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir), parts);
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(lock)) parts.push(`lock:${statSync(lock).mtimeMs}`);
  parts.sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

/** The file URL of an up-to-date bundle, or null when one cannot be had. */
export async function cliBundle() {
  try {
    const stamp = sourceStamp();
    const file = join(CACHE, `keyhive-${stamp}.mjs`);
    if (!existsSync(file)) {
      // Without worker threads, buildSync runs the esbuild binary to completion in this thread
      // (with them, a worker keeps an esbuild service running past this process's exit).
      const workers = process.env.ESBUILD_WORKER_THREADS;
      process.env.ESBUILD_WORKER_THREADS = '0';
      const { buildSync } = await import('esbuild');
      if (workers === undefined) delete process.env.ESBUILD_WORKER_THREADS;
      else process.env.ESBUILD_WORKER_THREADS = workers;
      mkdirSync(CACHE, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      buildSync({
        entryPoints: [join(ROOT, 'electron', 'cli', 'index.ts')],
        outfile: tmp,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        external: EXTERNAL,
        // Bundled CommonJS dependencies may call require(): give them one.
        banner: { js: "import { createRequire as __khRequire } from 'node:module'; const require = __khRequire(import.meta.url);" },
        logLevel: 'silent',
      });
      renameSync(tmp, file);
      // Old bundles go once no running keyhive can still be about to load them.
      for (const old of readdirSync(CACHE)) {
        const path = join(CACHE, old);
        if (path !== file && Date.now() - statSync(path).mtimeMs > STALE_BUNDLE_MS) rmSync(path, { force: true });
      }
    }
    return pathToFileURL(file).href;
  } catch {
    return null;
  }
}
