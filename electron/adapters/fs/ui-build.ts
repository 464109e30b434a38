/**
 * Web mode serves the same renderer build as the desktop app (out/renderer). When it is
 * missing, or older than the renderer sources, it is built on demand with electron-vite's
 * build API (one progress line), so `keyhive web` always shows the current UI.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';

/** Newest modification time (ms) of any file under the given directories (0 when none). */
export async function newestMtime(dirs: readonly string[]): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) newest = Math.max(newest, (await stat(p)).mtimeMs);
    }
  };
  for (const d of dirs) await walk(d);
  return newest;
}

export type BuildState = 'fresh' | 'missing' | 'stale';

/** `renderer`: what web mode serves; `desktop`: also the Electron main and preload bundles. */
export type BuildTarget = 'renderer' | 'desktop';

const OUTPUTS: Record<BuildTarget, string[]> = {
  renderer: ['out/renderer/index.html'],
  desktop: ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs'],
};
const SOURCES: Record<BuildTarget, string[]> = {
  renderer: ['renderer', 'shared'],
  desktop: ['renderer', 'shared', 'electron'],
};

export async function buildState(projectRoot: string, target: BuildTarget = 'renderer'): Promise<BuildState> {
  let built = Infinity;
  for (const out of OUTPUTS[target]) {
    try {
      built = Math.min(built, (await stat(join(projectRoot, out))).mtimeMs);
    } catch {
      return 'missing';
    }
  }
  const sources = await newestMtime(SOURCES[target].map((d) => join(projectRoot, d)));
  return sources > built ? 'stale' : 'fresh';
}

/** Builds out/ when needed; returns the renderer directory to serve. */
export async function ensureBuild(projectRoot: string, log: (line: string) => void, target: BuildTarget = 'renderer'): Promise<string> {
  const dir = join(projectRoot, 'out', 'renderer');
  const state = await buildState(projectRoot, target);
  if (state === 'fresh') return dir;
  log(state === 'missing' ? 'keyhive: building the UI (first run, about a minute)…' : 'keyhive: the UI sources changed, rebuilding…');
  try {
    const { build } = await import('electron-vite');
    await build({ root: projectRoot, configFile: join(projectRoot, 'electron.vite.config.ts'), logLevel: 'error' });
  } catch (e) {
    throw new KeyhiveError('INTERNAL', `Could not build the UI: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, {
      fix: 'Run `npm run build` to see the full error, then start `keyhive web` again.',
    });
  }
  if ((await buildState(projectRoot, target)) === 'missing') {
    throw new KeyhiveError('INTERNAL', 'The UI build finished without out/renderer/index.html.', { fix: 'Run `npm run build` and check its output.' });
  }
  return dir;
}
