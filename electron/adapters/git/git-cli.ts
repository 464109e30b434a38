/**
 * The `git` command, spawned directly (no shell): run a command for its output, and stream blobs
 * through one `git cat-file --batch` process. Errors name the command and git's own message.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git; never throws for a non-zero exit (callers decide), only when git cannot start. */
export function git(cwd: string, args: readonly string[], opts: { input?: string } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.quotePath=false', ...args], { cwd, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', (e) =>
      reject(new KeyhiveError('NOT_FOUND', `cannot run git: ${(e as NodeJS.ErrnoException).code ?? e.message}`, { fix: 'Install git (e.g. `sudo apt-get install git`) and make sure it is on PATH.', cause: e })),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err.trim() }));
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // git may exit before reading all of it
      child.stdin.end(opts.input);
    }
  });
}

/** git's stdout as text; KeyhiveError when git fails. */
export async function gitText(cwd: string, args: readonly string[], opts: { input?: string } = {}): Promise<string> {
  const r = await git(cwd, args, opts);
  if (r.code !== 0) {
    throw new KeyhiveError('BAD_INPUT', `git ${args[0]} failed in ${cwd}: ${r.stderr.split('\n').slice(-3).join(' ') || `exit ${r.code}`}`, { file: cwd, fix: 'Check that the folder is a git repository and that git works there (`git status`).' });
  }
  return r.stdout.toString('utf8');
}

/**
 * The top of the work tree holding `dir`, or null when it is not in a git repository: the
 * nearest folder with a `.git` entry (found without spawning git), else what git says.
 */
export async function repoRoot(dir: string): Promise<string | null> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) break;
  }
  try {
    const r = await git(dir, ['rev-parse', '--show-toplevel']);
    return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
  } catch (e) {
    if (e instanceof KeyhiveError) return null;
    throw e;
  }
}

/**
 * Reads blobs by id through one `git cat-file --batch`; `onBlob` gets each one's bytes (skipped
 * when larger than `maxBytes`), in the order asked.
 */
export function catBlobs(cwd: string, ids: readonly string[], onBlob: (id: string, bytes: Buffer | null) => void, maxBytes = 32 * 1024 * 1024): Promise<void> {
  if (ids.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let buf: Buffer = Buffer.alloc(0);
    let want: { id: string; size: number } | null = null;
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      buf = buf.length === 0 ? d : Buffer.concat([buf, d]);
      for (;;) {
        if (!want) {
          const nl = buf.indexOf(10);
          if (nl < 0) return;
          const header = buf.subarray(0, nl).toString('utf8').split(' ');
          buf = buf.subarray(nl + 1);
          if (header[1] === 'missing' || header.length < 3) {
            onBlob(header[0] ?? '', null);
            continue;
          }
          want = { id: header[0]!, size: Number(header[2]) };
        }
        if (buf.length < want.size + 1) return;
        onBlob(want.id, want.size > maxBytes ? null : buf.subarray(0, want.size));
        buf = buf.subarray(want.size + 1);
        want = null;
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new KeyhiveError('BAD_INPUT', `git cat-file failed in ${cwd}: ${err.trim() || `exit ${code}`}`, { file: cwd, fix: 'Check the repository with `git fsck`.' }))));
    child.stdin.on('error', () => undefined); // reported through the exit code
    child.stdin.end(ids.join('\n') + '\n');
  });
}
