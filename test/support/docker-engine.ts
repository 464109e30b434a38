/**
 * The private Docker engine the tests run against: Debian's `dockerd` (docker.io) started as
 * root with its own data root, exec root, pid file and socket under one well-known short
 * directory (/tmp/khd), so that concurrent test runs on one machine SHARE one engine instead of
 * fighting over the docker0 bridge and iptables chains.
 *
 *  - KEYHIVE_TEST_DOCKER=0          → not started; Docker tests skip and say why.
 *  - DOCKER_HOST set and answering  → reused, never stopped.
 *  - /tmp/khd/docker.sock answering → reused (another run started it).
 *  - otherwise                      → started under a lock file (one starter at a time).
 * Every run leaves a lease file; `stop` removes ours, and the engine is stopped only when no
 * other live run holds a lease and either this run started it or CI is set.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { StartedPart } from './started-part.js';

export const ENGINE_DIR = process.env.KEYHIVE_TEST_DOCKER_DIR ?? '/tmp/khd';
const SOCKET = join(ENGINE_DIR, 'docker.sock');
const PIDFILE = join(ENGINE_DIR, 'dockerd.pid');
const LOCK = join(ENGINE_DIR, 'start.lock');
const LEASES = join(ENGINE_DIR, 'leases');
const LOG = join(ENGINE_DIR, 'dockerd.log');
/** Set in the env when Docker is not available: the loud reason tests print when they skip. */
export const UNAVAILABLE_VAR = 'KEYHIVE_DOCKER_UNAVAILABLE';

/** GET /_ping over a unix socket; true when the engine answers OK within the timeout. */
export function pingSocket(socketPath: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

const socketOf = (dockerHost: string): string | null => (dockerHost.startsWith('unix://') ? dockerHost.slice('unix://'.length) : null);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie (exited, not yet reaped) counts as gone.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function withStartLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      closeSync(openSync(LOCK, 'wx'));
      writeFileSync(LOCK, String(process.pid));
      break;
    } catch {
      const holder = readPid(LOCK);
      const age = (() => {
        try {
          return Date.now() - statSync(LOCK).mtimeMs;
        } catch {
          return 0;
        }
      })();
      // A lock left by a dead process, or older than any start takes, is stale.
      if ((holder !== null && !alive(holder)) || age > 60_000) rmSync(LOCK, { force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK} (held by pid ${holder})`);
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

async function startDockerd(): Promise<{ pid: number } | { reason: string }> {
  const bin = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((p) => existsSync(p));
  if (!bin) return { reason: 'dockerd is not installed (apt-get install docker.io, or run `npm run setup`)' };
  if (process.getuid?.() !== 0) return { reason: 'dockerd needs root here: run the tests as root, or export DOCKER_HOST of an engine you can use' };
  const logFd = openSync(LOG, 'a');
  const child = spawn(
    bin,
    [
      '--data-root', join(ENGINE_DIR, 'data'), '--exec-root', join(ENGINE_DIR, 'exec'), '--pidfile', PIDFILE, '-H', `unix://${SOCKET}`,
      // Compose makes one network per project. Docker's default pools hold only ~30, and bridges a
      // killed engine left behind still count against them ("could not find an available,
      // non-overlapping IPv4 address pool"): a pool of its own holds 256 /24 networks.
      '--default-address-pool', 'base=10.213.0.0/16,size=24',
    ],
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  child.unref();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited !== null) break;
    if (await pingSocket(SOCKET, 1000)) return { pid: child.pid! };
    await sleep(150);
  }
  if (exited === null && child.pid) await stopPid(child.pid);
  const tail = readFileSync(LOG, 'utf8').trim().split('\n').slice(-8).join('\n    ');
  return { reason: `dockerd did not start (${exited === null ? 'no answer on /_ping within 30 s' : `exit ${exited}`}); last log lines:\n    ${tail}` };
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 15_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function otherLiveLeases(own: string): number {
  let n = 0;
  for (const f of readdirSync(LEASES)) {
    if (f === own) continue;
    const pid = Number(f.split('-')[0]);
    if (Number.isInteger(pid) && alive(pid)) n++;
    else rmSync(join(LEASES, f), { force: true });
  }
  return n;
}

function unavailable(reason: string): StartedPart {
  return {
    env: { [UNAVAILABLE_VAR]: reason },
    stop: async () => {},
    unavailable: `Docker engine unavailable — Docker tests will SKIP: ${reason}`,
  };
}

let leaseCount = 0;

export async function startDockerEngine(): Promise<StartedPart> {
  if (process.env.KEYHIVE_TEST_DOCKER === '0') return unavailable('disabled by KEYHIVE_TEST_DOCKER=0');

  const given = process.env.DOCKER_HOST;
  if (given) {
    const sock = socketOf(given);
    if (sock && (await pingSocket(sock))) return { env: { DOCKER_HOST: given }, stop: async () => {} };
  }

  // The lease comes first, so a run finishing meanwhile sees us and leaves the engine running.
  mkdirSync(LEASES, { recursive: true });
  const lease = `${process.pid}-${++leaseCount}`;
  writeFileSync(join(LEASES, lease), new Date().toISOString());
  let startedPid: number | null = null;
  try {
    const result = await withStartLock(async () => {
      if (await pingSocket(SOCKET)) return null;
      return startDockerd();
    });
    if (result && 'reason' in result) throw new Error(result.reason);
    if (result) startedPid = result.pid;
  } catch (e) {
    rmSync(join(LEASES, lease), { force: true });
    return unavailable((e as Error).message);
  }

  return {
    env: { DOCKER_HOST: `unix://${SOCKET}` },
    stop: async () => {
      try {
        unlinkSync(join(LEASES, lease));
      } catch {
        /* already gone */
      }
      if (otherLiveLeases(lease) > 0) return; // another run still uses the engine
      if (startedPid === null && !process.env.CI) return; // not ours: leave it for its owner
      const pid = startedPid ?? readPid(PIDFILE);
      if (pid !== null) await stopPid(pid);
      if (process.env.CI) rmSync(ENGINE_DIR, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
