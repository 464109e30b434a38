/** Spawn the real `keyhive` command (node electron/cli/keyhive.mjs), as `npx keyhive` runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = 'electron/cli/keyhive.mjs';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { dataDir: string; stdin?: string; cwd?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${REPO}/${BIN}`, ...args], {
      cwd: opts.cwd ?? REPO,
      env: { ...process.env, KEYHIVE_DATA_DIR: opts.dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

/** A long-running command (keyhive watch): its lines as they come, and a way to stop it. */
export function startCli(args: string[], opts: { dataDir: string }): { child: ChildProcess; lines: string[]; stderr: () => string; waitFor: (pred: (line: string) => boolean, ms?: number) => Promise<string>; stop: () => Promise<void> } {
  const child = spawn(process.execPath, [`${REPO}/${BIN}`, ...args], { cwd: REPO, env: { ...process.env, KEYHIVE_DATA_DIR: opts.dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  let buf = '';
  const waiters: Array<{ pred: (l: string) => boolean; resolve: (l: string) => void }> = [];
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pred(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return {
    child,
    lines,
    stderr: () => err,
    waitFor: (pred, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const hit = lines.find(pred);
        if (hit) return resolve(hit);
        const t = setTimeout(() => reject(new Error(`no matching line within ${ms} ms; got:\n${lines.join('\n')}\nstderr:\n${err}`)), ms);
        waiters.push({ pred, resolve: (l) => (clearTimeout(t), resolve(l)) });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('close', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
