/**
 * `keyhive app` opens the desktop app (Electron) on a workspace; `keyhive web` serves the same
 * UI and API to the browser on 127.0.0.1. Where the Electron binary is missing (a fresh Linux
 * server), `keyhive app` says so in one line and falls back to `keyhive web --open`.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { KeyhiveError } from '../../../shared/errors.js';
import { openDemo } from '../../app/demo/open-demo.js';
import { repoRoot } from '../../app/demo/demo-workspace.js';
import { electronBinary, runDesktopApp } from '../../app/lifecycle/desktop-app.js';
import { pathExists } from '../../app/workspace/workspace-file.js';
import { runWebMode } from '../../web/run-web-mode.js';
import { checkWorkspaceOptions } from '../workspace-option.js';
import { cliContext } from '../cli-context.js';

const PROJECT_ROOT = repoRoot();
const out = (line: string): void => void process.stdout.write(line + '\n');
const err = (line: string): void => void process.stderr.write(line + '\n');

export function parsePort(raw: string): number {
  const n = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || !Number.isInteger(n) || n > 65535) {
    throw new KeyhiveError('BAD_INPUT', `--port must be a number from 0 to 65535, not "${raw.slice(0, 20)}".`, {
      fix: 'Use --port 0 to pick a free port.',
    });
  }
  return n;
}

async function workspaceFrom(opts: { workspace?: string; demo?: boolean }): Promise<string | undefined> {
  checkWorkspaceOptions(opts);
  if (opts.workspace) {
    const file = resolve(opts.workspace);
    if (!(await pathExists(file))) {
      throw new KeyhiveError('NOT_FOUND', `No workspace file at ${file}.`, { fix: 'Check the path, or create one with `keyhive init`.', file });
    }
    return file;
  }
  if (opts.demo) return demoWorkspace();
  const here = resolve('keyhive.yaml');
  return (await pathExists(here)) ? here : undefined;
}

async function demoWorkspace(): Promise<string> {
  return openDemo(err, await cliContext());
}

export function register(program: Command): void {
  program
    .command('web')
    .description('Serve the Keyhive UI and API to your browser on 127.0.0.1 (token-protected).')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--open', 'open the browser on the printed URL')
    .option('--workspace <file>', 'keyhive.yaml to open (default: ./keyhive.yaml when present)')
    .option('--demo', 'open the bundled demo workspace')
    .action(async (opts: { port: string; open?: boolean; workspace?: string; demo?: boolean }) => {
      const port = parsePort(opts.port);
      const workspaceFile = await workspaceFrom(opts);
      await runWebMode({ context: await cliContext(), projectRoot: PROJECT_ROOT, workspaceFile, port, open: opts.open === true, out, err });
    });

  program
    .command('app')
    .description('Open the Keyhive desktop app (falls back to `keyhive web --open` without Electron).')
    .option('--workspace <file>', 'keyhive.yaml to open (default: ./keyhive.yaml when present)')
    .option('--demo', 'open the bundled demo workspace')
    .option('--dev', 'run against the electron-vite dev server (hot reload)')
    .action(async (opts: { workspace?: string; demo?: boolean; dev?: boolean }) => {
      const workspaceFile = await workspaceFrom(opts);
      const bin = electronBinary(PROJECT_ROOT);
      if (!bin) {
        err('keyhive: the Electron binary is not installed here (node_modules/electron has no path.txt); serving the same UI with `keyhive web --open` instead.');
        await runWebMode({ context: await cliContext(), projectRoot: PROJECT_ROOT, workspaceFile, port: 0, open: true, out, err });
        return;
      }
      process.exitCode = await runDesktopApp(bin, { projectRoot: PROJECT_ROOT, ...(workspaceFile ? { workspaceFile } : {}), dev: opts.dev === true, log: err });
    });
}
