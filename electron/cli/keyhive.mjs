#!/usr/bin/env node
// The `keyhive` command. Works from the repo root right after `npm ci`, with no build step:
// it runs a code-split bundle of the CLI (see cli-bundle.mjs: the one `npm run build` wrote to
// out/cli while its sources are unchanged, else one rebuilt in ~1 s whenever a source file
// changed, cached under node_modules/.cache), loading only the command it runs, and falls back
// to running the TypeScript sources through tsx if bundling is impossible.
// KEYHIVE_CLI_NO_BUNDLE=1 forces the tsx path.
// A run leaves no process behind: the bundler runs synchronously, and the engine's helper
// processes (the keychain helper) are stopped and waited for before this process exits.
import { cliBundle } from './cli-bundle.mjs';

const bundle = process.env.KEYHIVE_CLI_NO_BUNDLE === '1' ? null : await cliBundle();
let cli;
if (bundle) {
  try {
    cli = await import(bundle);
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
  await cli.prestartHelpers?.(process.argv.slice(2)).catch(() => {});
  process.exitCode = await cli.main(process.argv.slice(2));
} finally {
  await cli.stopHelperProcesses?.();
}
