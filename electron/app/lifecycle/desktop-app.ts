/**
 * `keyhive app`: the desktop app of this checkout, when its Electron binary is installed — run
 * from the current build (rebuilt first when the sources are newer), or against the
 * electron-vite dev server with `dev`. Without the binary the CLI falls back to web mode.
 */
import { resolve } from 'node:path';
import { electronBinary, runElectron } from '../../adapters/process/electron-app.js';
import { ensureUiBuild } from '../ui/ui-assets.js';

export { electronBinary };

/** Runs the desktop app on `workspaceFile` until it quits; resolves its exit code. */
export async function runDesktopApp(bin: string, opts: { projectRoot: string; workspaceFile?: string; dev?: boolean; log: (line: string) => void }): Promise<number> {
  const run = { cwd: opts.projectRoot, ...(opts.workspaceFile ? { workspaceFile: opts.workspaceFile } : {}) };
  if (opts.dev) {
    const vite = resolve(opts.projectRoot, 'node_modules/electron-vite/bin/electron-vite.js');
    return runElectron(process.execPath, [vite, 'dev'], run);
  }
  await ensureUiBuild(opts.projectRoot, opts.log, 'desktop');
  return runElectron(bin, [opts.projectRoot], run);
}
