/**
 * Electron entry point (built to out/main/index.js). Reads the workspace from
 * `--workspace=<file>` / `--workspace <file>` or KEYHIVE_WORKSPACE, or with `--demo` opens the
 * bundled demo (a packaged app runs its prebuilt peers with the `node` on PATH: the runAsNode
 * fuse is off, so the app's own binary cannot be that node), and starts the shell.
 */
import { fileURLToPath } from 'node:url';
import type { ShellContext } from '../app/context/shell-context.js';
import { openDemo } from '../app/demo/open-demo.js';
import { startDesktopApp } from './app-shell.js';
import { demoRequested, workspaceArgument } from './launch-args.js';

const here = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));
const log = (line: string): void => void process.stderr.write(line + '\n');

async function workspaceFile(context: ShellContext): Promise<string | undefined> {
  const given = workspaceArgument(process.argv, process.env);
  if (given || !demoRequested(process.argv)) return given;
  return openDemo(log, context).catch((e: unknown) => {
    log(`keyhive: the demo could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  });
}

// Started at once: the app:// scheme must be registered before Electron's `ready`, and a second
// instance must quit before it sets up anything; the workspace (maybe the demo) is found after.
void startDesktopApp({
  workspaceFile,
  rendererDir: here('../renderer'),
  preloadPath: here('../preload/index.cjs'),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'] || undefined,
  log,
});
