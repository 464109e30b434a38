/**
 * Builds the renderer as one chunk, in memory, the way it shipped before the views were split
 * (lazy imports inlined; electron-vite's renderer default: unminified), and minified for
 * comparison; prints `{"unminified":N,"minified":N}` (bytes of JS). Run as its own process by
 * renderer-bench.ts: vite's esbuild service must not share a process with the demo's peer
 * builder (esbuild.buildSync), which later benches use.
 */
import { join, resolve } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

const REPO = resolve(import.meta.dirname, '../..');

type Output = { output: Array<{ type: string; code?: string }> };

async function singleBundleBytes(minify: boolean): Promise<number> {
  const out = (await build({
    configFile: false,
    root: join(REPO, 'renderer'),
    base: './',
    logLevel: 'silent',
    plugins: [react()],
    build: { write: false, minify, reportCompressedSize: false, rollupOptions: { output: { inlineDynamicImports: true } } },
  })) as Output | Output[];
  const chunks = (Array.isArray(out) ? out.flatMap((o) => o.output) : out.output).filter((o) => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`the single-bundle variant emitted ${chunks.length} chunks`);
  return Buffer.byteLength(chunks[0]!.code ?? '');
}

const unminified = await singleBundleBytes(false);
const minified = await singleBundleBytes(true);
process.stdout.write(`${JSON.stringify({ unminified, minified })}\n`);
