#!/usr/bin/env node
// The `keyhive` command. Works from the repo root right after `npm ci`, with no build step:
// it runs a bundle of the CLI (see cli-bundle.mjs: the one `npm run build` wrote to out/cli while
// its sources are unchanged, else one rebuilt in ~1 s whenever a source file changed, cached
// under node_modules/.cache) with a V8 code cache (cli-loader.mjs), loading only the command it
// runs, and falls back to running the TypeScript sources through tsx if bundling is impossible.
// KEYHIVE_CLI_NO_BUNDLE=1 forces the tsx path.
// A command that reads the keychain starts a blank `node` first thing, for the keychain helper
// to boot in once the command is loaded (spare-node.mjs): starting Node is the slow part.
// A run leaves no process behind: the bundler runs synchronously, and the engine's helper
// processes (the keychain helper) are stopped and waited for before this process exits.
import { fileURLToPath } from 'node:url';
import { startSpareNode, stopSpareNode } from './spare-node.mjs';

const argv = process.argv.slice(2);
let spare = startSpareNode(argv);
const { cliBundle } = await import('./cli-bundle.mjs');
const { loadCliBundle } = await import('./cli-loader.mjs');
const bundle = process.env.KEYHIVE_CLI_NO_BUNDLE === '1' ? null : await cliBundle();
let cli;
let saveCodeCache = () => {};
if (bundle) {
  try {
    if (bundle.endsWith('.mjs')) cli = await import(bundle);
    else ({ exports: cli, saveCodeCache } = loadCliBundle(fileURLToPath(bundle), argv));
  } catch {
    cli = undefined; // e.g. removed by a concurrent clean-up: run the sources instead
  }
}
if (!cli?.main) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('./index.ts');
}
try {
  if (await cli.prestartHelpers?.(argv, spare).catch(() => false)) spare = undefined; // the engine owns it now
  else await stopSpareNode(spare);
  process.exitCode = await cli.main(argv);
} finally {
  await stopSpareNode(spare);
  await cli.stopHelperProcesses?.();
  saveCodeCache();
}
