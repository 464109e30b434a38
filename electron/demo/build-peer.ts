/**
 * Builds a small TypeScript server (a reference peer) into ONE dependency-free ESM file with
 * esbuild, so it runs as `node <file>.mjs` natively and inside a scratch image. Output files
 * are named by content hash in a cache dir (default `<repo>/node_modules/.cache/keyhive-peers`)
 * and written atomically, so concurrent builders never see half a file. The build is synchronous
 * (esbuild's buildSync, worker threads off: the esbuild binary runs to completion), so no esbuild
 * service process outlives the build — a `keyhive … --demo` run leaves no process behind.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyhiveError } from '../../shared/errors.js';

/** The repository root (the directory holding Keyhive's package.json). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'electron', 'cli', 'keyhive.mjs'))) return dir;
    const up = dirname(dir);
    if (up === dir) {
      throw new KeyhiveError('NOT_FOUND', 'cannot find the Keyhive source checkout (the reference peers are built from its sources)', {
        fix: 'run keyhive from a checkout of the repository (npx keyhive …)',
      });
    }
    dir = up;
  }
}

export const defaultPeerCacheDir = (): string => join(repoRoot(), 'node_modules', '.cache', 'keyhive-peers');

const built = new Map<string, Promise<string>>();

/** Bundle `entryTs` to `<cacheDir>/<name>-<hash>.mjs` and return that absolute path. */
export function buildPeer(entryTs: string, opts: { cacheDir?: string } = {}): Promise<string> {
  const cacheDir = opts.cacheDir ?? defaultPeerCacheDir();
  const key = `${entryTs}\0${cacheDir}`;
  let p = built.get(key);
  if (!p) {
    p = bundle(entryTs, cacheDir);
    built.set(key, p);
    p.catch(() => built.delete(key));
  }
  return p;
}

/**
 * esbuild as loaded with ESBUILD_WORKER_THREADS=0 (read when the module loads): its buildSync then
 * runs the binary to completion in this thread instead of keeping a service alive in a worker.
 */
async function loadEsbuildWithoutWorkers(): Promise<typeof import('esbuild')> {
  const workers = process.env.ESBUILD_WORKER_THREADS;
  process.env.ESBUILD_WORKER_THREADS = '0';
  try {
    // A variable specifier: the desktop app's main bundle leaves it alone (esbuild is a dev tool,
    // absent from a packaged app, which uses the prebuilt peers instead — see demo-assets.ts).
    const specifier = 'esbuild';
    return (await import(/* @vite-ignore */ specifier)) as typeof import('esbuild');
  } finally {
    if (workers === undefined) delete process.env.ESBUILD_WORKER_THREADS;
    else process.env.ESBUILD_WORKER_THREADS = workers;
  }
}

/** One dependency-free ESM file's bytes for `entryTs` (esbuild, everything bundled, node20). */
export async function bundlePeerCode(entryTs: string): Promise<Uint8Array> {
  if (!existsSync(entryTs)) throw new KeyhiveError('NOT_FOUND', `peer source ${entryTs} does not exist`, { fix: 'check the path of the server entry file' });
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await loadEsbuildWithoutWorkers();
  } catch (e) {
    throw new KeyhiveError('NOT_FOUND', 'esbuild is not installed, so the reference peers cannot be built', { fix: 'run `npm ci` in the Keyhive checkout', cause: e });
  }
  const result = esbuild.buildSync({
    entryPoints: [entryTs],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return result.outputFiles[0]!.contents;
}

async function bundle(entryTs: string, cacheDir: string): Promise<string> {
  const code = await bundlePeerCode(entryTs);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const out = join(cacheDir, `${basename(entryTs, extname(entryTs))}-${hash}.mjs`);
  if (!existsSync(out)) {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${out}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, out);
  }
  return out;
}
