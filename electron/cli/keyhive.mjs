#!/usr/bin/env node
// The `keyhive` command. Works from the repo root right after `npm ci`, with no build step:
// it runs a single-file bundle of the CLI (esbuild, rebuilt in ~0.5 s whenever a source file
// changed, cached under node_modules/.cache) and falls back to running the TypeScript sources
// through tsx if bundling is impossible. KEYHIVE_CLI_NO_BUNDLE=1 forces the tsx path.
import { cliBundle } from './cli-bundle.mjs';

const bundle = process.env.KEYHIVE_CLI_NO_BUNDLE === '1' ? null : await cliBundle();
let main;
if (bundle) {
  try {
    ({ main } = await import(bundle));
  } catch {
    main = undefined; // e.g. removed by a concurrent clean-up: run the sources instead
  }
}
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./index.ts'));
}
process.exitCode = await main(process.argv.slice(2));
