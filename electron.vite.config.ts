import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite builds three bundles from our non-default folders:
//   main     electron/main/index.ts     -> out/main
//   preload  electron/preload/index.ts  -> out/preload (CommonJS: sandboxed preloads cannot be ESM)
//   renderer renderer/index.html        -> out/renderer (also served by `keyhive web`)
const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron`: bundle everything else (zod, shared/).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified; web mode sends it over HTTP, so minify it
      // (esbuild, no eval: the CSP's `script-src 'self'` still holds).
      minify: 'esbuild',
      // Every view but the overview is a lazy chunk (renderer/src/views.tsx), loaded from the
      // same origin (app://keyhive/assets/ or the web server's /assets/) as the entry script.
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
