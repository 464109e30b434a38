#!/usr/bin/env node
// The `keyhive` command. Runs the TypeScript CLI directly through tsx, so `npx keyhive`
// works from the repo root right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./index.ts');
process.exitCode = await main(process.argv.slice(2));
