/**
 * Electron entry point (built to out/main/index.js). Reads the workspace from
 * `--workspace=<file>` / `--workspace <file>` or KEYHIVE_WORKSPACE and starts the shell.
 */
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './app-shell.js';
import { workspaceArgument } from './launch-args.js';

const here = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));

void startDesktopApp({
  workspaceFile: workspaceArgument(process.argv, process.env),
  rendererDir: here('../renderer'),
  preloadPath: here('../preload/index.cjs'),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'] || undefined,
  log: (line) => process.stderr.write(line + '\n'),
});
