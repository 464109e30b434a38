/**
 * Where the demo's reference servers and workspace template come from. Two places:
 * - a source checkout (the repository: electron/demo/peers/*.ts, built by esbuild on demand and
 *   cached by content, so an edit is never masked by a stale build), or
 * - the prebuilt copy `npm run build` emits next to the app bundle (out/demo/: one
 *   dependency-free .mjs per peer, the workspace template, manifest.json) — what a packaged app
 *   has, since it ships neither the sources nor esbuild. In a packaged app out/demo/ sits in
 *   app.asar.unpacked (electron-builder.yml asarUnpack), because the peers run as `node <file>`,
 *   and node cannot read inside an asar archive.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyhiveError } from '../../shared/errors.js';
import { buildPeer, repoRoot } from './build-peer.js';

/** Every peer the demo runs, by name → its entry under electron/demo/peers/. */
export const PEER_ENTRIES = {
  hub: 'hivecfm/hub.ts',
  core: 'hivecfm/core.ts',
  hogsend: 'hogsend/main.ts',
  tokenhub: 'tokenhub/main.ts',
  hiveforge: 'hiveforge/main.ts',
  consumer: 'consumer/main.ts',
} as const;
export type PeerName = keyof typeof PEER_ENTRIES;
export const PEER_NAMES = Object.keys(PEER_ENTRIES) as PeerName[];

/** The file in a prebuilt demo dir that marks it complete (written last). */
export const DEMO_MANIFEST = 'manifest.json';

export type DemoAssets = { kind: 'sources'; root: string } | { kind: 'prebuilt'; dir: string };

/** `/…/app.asar/out/demo` → `/…/app.asar.unpacked/out/demo` (files node must read from disk). */
export const unpackedPath = (p: string): string => p.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');

/** The prebuilt demo dir (holding manifest.json) nearest above `from`: `<dir>/demo` or `<dir>/out/demo`. */
export function findPrebuiltDemo(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    for (const candidate of [join(dir, 'demo'), join(dir, 'out', 'demo')]) {
      const onDisk = unpackedPath(candidate);
      if (existsSync(join(onDisk, DEMO_MANIFEST))) return onDisk;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

function sourceCheckout(): string | null {
  try {
    const root = repoRoot();
    if (!existsSync(join(root, 'electron', 'demo', 'peers'))) return null;
    createRequire(join(root, 'package.json')).resolve('esbuild'); // the sources are no use without it
    return root;
  } catch {
    return null;
  }
}

/** The sources when this is a checkout that can build them, else the prebuilt demo. */
export function locateDemoAssets(): DemoAssets {
  const root = sourceCheckout();
  if (root) return { kind: 'sources', root };
  const dir = findPrebuiltDemo();
  if (dir) return { kind: 'prebuilt', dir };
  throw new KeyhiveError('NOT_FOUND', 'the demo is missing: no prebuilt demo (out/demo) and no source checkout to build it from', {
    fix: 'run `npm run build` in the Keyhive checkout (it writes out/demo), or reinstall the app',
  });
}

export const demoTemplateDirOf = (assets: DemoAssets): string =>
  assets.kind === 'sources' ? join(assets.root, 'electron', 'demo', 'workspace') : join(assets.dir, 'workspace');

/** Absolute path of one peer's runnable .mjs (built from the sources when that is where they are). */
export async function demoPeerFile(assets: DemoAssets, name: PeerName): Promise<string> {
  if (assets.kind === 'sources') return buildPeer(join(assets.root, 'electron', 'demo', 'peers', PEER_ENTRIES[name]));
  const file = join(assets.dir, 'peers', `${name}.mjs`);
  if (!existsSync(file)) {
    throw new KeyhiveError('NOT_FOUND', `the prebuilt demo has no ${name} server (${file})`, { fix: 'run `npm run build` again, or reinstall the app' });
  }
  return file;
}
