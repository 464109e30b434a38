/**
 * Drives Docker Compose through its CLI: `docker compose` (v2) when present, else
 * `docker-compose` (v1). Every call has a timeout; failures become KeyhiveErrors that say
 * what failed and how to fix it (never a secret: Compose does not print env values on error).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';

export interface ComposeCommand {
  /** argv prefix: ['docker', 'compose'] or ['docker-compose']. */
  argv: string[];
  version: 'v2' | 'v1';
}

export interface ExecResult {
  stdout: string;
  stderr: string;
}

/** Run a program with a timeout; reject with the exit code, stderr and whether it timed out. */
export function execWithTimeout(file: string, args: string[], opts: { cwd?: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: opts.cwd, timeout: opts.timeoutMs, killSignal: 'SIGKILL', env: opts.env ?? process.env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stdout: String(stdout), stderr: String(stderr) }));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The environment Compose runs with: ours minus Keyhive's own variables. */
export function composeEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('KEYHIVE_')) out[k] = v;
  return out;
}

let detected: Promise<ComposeCommand> | null = null;

/** Which Compose this machine has (prefers v2). Cached per process. */
export function detectCompose(): Promise<ComposeCommand> {
  detected ??= (async () => {
    try {
      await execWithTimeout('docker', ['compose', 'version'], { timeoutMs: 10_000 });
      return { argv: ['docker', 'compose'], version: 'v2' } as const;
    } catch {
      /* no v2 plugin */
    }
    try {
      await execWithTimeout('docker-compose', ['version'], { timeoutMs: 10_000 });
      return { argv: ['docker-compose'], version: 'v1' } as const;
    } catch {
      throw new KeyhiveError('DOCKER_UNAVAILABLE', 'Docker Compose is not installed (neither `docker compose` nor `docker-compose` runs)', {
        fix: 'Install Docker with the Compose plugin (or docker-compose), then try again.',
      });
    }
  })();
  detected.catch(() => (detected = null));
  return detected;
}

/** Compose's project name rule: lowercase, only [a-z0-9_-], starting with a letter or digit. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export interface ComposeTarget {
  composeFile: string;
  project: string;
}

/** Run `compose -f FILE -p PROJECT <args>` in the compose file's directory. */
export async function runCompose(target: ComposeTarget, args: string[], timeoutMs = 180_000): Promise<ExecResult> {
  if (!existsSync(target.composeFile)) {
    throw new KeyhiveError('NOT_FOUND', `the compose file ${target.composeFile} does not exist`, { file: target.composeFile, fix: 'Point the service\'s docker.composeFile at its compose file.' });
  }
  const cmd = await detectCompose();
  const [file, ...prefix] = cmd.argv;
  const argv = [...prefix, '-f', target.composeFile, '-p', target.project, ...args];
  try {
    return await execWithTimeout(file!, argv, { cwd: dirname(target.composeFile), timeoutMs, env: composeEnv() });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string; killed?: boolean; signal?: string };
    const stderr = (err.stderr ?? '').trim();
    const shown = `${cmd.argv.join(' ')} ${args.join(' ')}`;
    if (err.code === 'ENOENT') throw new KeyhiveError('DOCKER_UNAVAILABLE', `${cmd.argv[0]} is not installed`, { fix: 'Install Docker and Docker Compose.' });
    if (err.killed || err.signal === 'SIGKILL') {
      throw new KeyhiveError('SERVICE_FAILED', `\`${shown}\` did not finish within ${Math.round(timeoutMs / 1000)} s`, {
        file: target.composeFile,
        fix: 'Check `docker compose ps` and the engine (`docker info`); an image pull or a stuck container may be blocking it.',
      });
    }
    if (/Cannot connect to the Docker daemon|Is the docker daemon running|connection refused|Couldn't connect to Docker daemon/i.test(stderr)) {
      throw new KeyhiveError('DOCKER_UNAVAILABLE', `the Docker engine is not answering (${shown})`, {
        fix: 'Start Docker (e.g. `sudo systemctl start docker` or Docker Desktop), or point DOCKER_HOST at a running engine.',
      });
    }
    const tail = stderr.split('\n').slice(-8).join('\n  ');
    throw new KeyhiveError('SERVICE_FAILED', `\`${shown}\` failed (exit ${err.code ?? '?'}):\n  ${tail}`, {
      file: target.composeFile,
      fix: 'Fix what Compose reports above (run the same command by hand to see it all), then try again.',
    });
  }
}
