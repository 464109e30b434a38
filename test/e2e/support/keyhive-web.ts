/** Spawns the real `keyhive web` on a workspace (own data dir), parses the printed URL, stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './ui-workspace.js';

export interface KeyhiveWeb {
  url: string;
  /** Runs `keyhive down` on the workspace with this server's data dir (stops what it started). */
  down(): Promise<void>;
  origin: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startKeyhiveWeb(workspaceFile: string, timeoutMs = 170_000, dataDir = mkdtempSync(join(tmpdir(), 'keyhive-ui-data-'))): Promise<KeyhiveWeb> {
  const child: ChildProcess = spawn(process.execPath, ['electron/cli/keyhive.mjs', 'web', '--port', '0', '--workspace', workspaceFile], {
    cwd: REPO,
    env: { ...process.env, KEYHIVE_DATA_DIR: dataDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // never leave a server behind when it did not come up
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`keyhive web printed no URL within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`keyhive web exited (${code}) before printing a URL:\n${out}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    process.kill(-child.pid, 'SIGTERM');
    const t = setTimeout(() => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  };
  const down = () =>
    new Promise<void>((resolve) => {
      const c = spawn(process.execPath, ['electron/cli/keyhive.mjs', 'down', '--workspace', workspaceFile], {
        cwd: REPO,
        env: { ...process.env, KEYHIVE_DATA_DIR: dataDir, NO_COLOR: '1' },
        stdio: 'ignore',
      });
      c.once('exit', () => resolve());
      c.once('error', () => resolve());
    });
  return { url, origin: new URL(url).origin, dataDir, output: () => out, stop, down };
}
