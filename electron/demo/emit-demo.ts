/**
 * The build step that makes the demo work without the sources (`npm run build` runs it after
 * electron-vite): writes `<outDir>/peers/<name>.mjs` (one dependency-free ESM file per reference
 * server), `<outDir>/workspace/` (the template, dotfiles included) and `<outDir>/manifest.json`.
 * Written into a sibling staging dir and moved into place, so a reader never sees half a demo.
 * Run: `tsx electron/demo/emit-demo.ts [outDir]` (default out/demo).
 */
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePeerCode, repoRoot } from './build-peer.js';
import { DEMO_MANIFEST, PEER_ENTRIES, PEER_NAMES } from './demo-assets.js';

export async function emitDemo(outDir: string, root: string = repoRoot()): Promise<string> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), '.demo-build-'));
  try {
    await mkdir(join(staging, 'peers'));
    for (const name of PEER_NAMES) {
      const code = await bundlePeerCode(join(root, 'electron', 'demo', 'peers', PEER_ENTRIES[name]));
      await writeFile(join(staging, 'peers', `${name}.mjs`), code);
    }
    await cp(join(root, 'electron', 'demo', 'workspace'), join(staging, 'workspace'), { recursive: true });
    const manifest = { peers: Object.fromEntries(PEER_NAMES.map((n) => [n, `peers/${n}.mjs`])) };
    await writeFile(join(staging, DEMO_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? join(repoRoot(), 'out', 'demo');
  emitDemo(out).then(
    (dir) => process.stdout.write(`demo peers and workspace → ${dir}\n`),
    (e: unknown) => {
      process.stderr.write(`emit-demo: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
