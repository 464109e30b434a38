/**
 * The Electron binary of this checkout (node_modules/electron), and running the desktop app with
 * it in the foreground. ELECTRON_RUN_AS_NODE is removed from its environment: the app must start
 * as the app, whatever the calling shell exported.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** The Electron binary's path, or null when it is not installed (no path.txt, or require throws). */
export function electronBinary(projectRoot: string): string | null {
  if (!existsSync(resolve(projectRoot, 'node_modules/electron/path.txt'))) return null;
  try {
    const bin = createRequire(resolve(projectRoot, 'package.json'))('electron') as unknown;
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Runs `bin args…` in `cwd` with the terminal attached; resolves its exit code. */
export function runElectron(bin: string, args: string[], opts: { cwd: string; workspaceFile?: string }): Promise<number> {
  return new Promise((resolveExit, reject) => {
    const env = { ...process.env };
    delete env['ELECTRON_RUN_AS_NODE'];
    if (opts.workspaceFile) env['KEYHIVE_WORKSPACE'] = opts.workspaceFile;
    const child = spawn(bin, args, { stdio: 'inherit', env, cwd: opts.cwd });
    child.once('error', reject);
    child.once('exit', (code) => resolveExit(code ?? 1));
  });
}
