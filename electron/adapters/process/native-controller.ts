/**
 * ServiceController for services run natively (`pnpm dev`, `node server.mjs`): each is started
 * with its command in its dir as its own process group (so a restart stops every child it
 * spawned), with its .env files applied, output captured to a log file in the data dir, and a
 * state file so a later `keyhive` process finds it. The env it really runs with is read back
 * from /proc/<pid>/environ.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, statSync, truncateSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { RunMode } from '../../../shared/domain.js';
import type { ResolvedService, ServiceController, ServiceProgress, ServiceState } from '../../core/services/runtime.js';
import { dataDir } from '../fs/data-dir.js';
import { checkHealth, joinUrl } from './health-check.js';
import { NativeStateStore, type NativeState } from './native-state.js';
import { groupMembers, isAlive, procEnviron, procStartTime } from './proc-info.js';
import { nativeServiceEnv } from './service-env.js';

export interface NativeControllerOptions {
  /** Where state and log files live (default `<data dir>/services`). */
  stateDir?: string;
  readyTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace period when stopping (default 5 s). */
  stopGraceMs?: number;
}

const POLL_MS = 200;
const STABLE_MS = 1500;
const MAX_LOG_BYTES = 5 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class NativeServiceController implements ServiceController {
  private readonly store: NativeStateStore;
  private readonly readyTimeoutMs: number;
  private readonly stopGraceMs: number;
  /** Envs started by this process: the fallback where /proc is not available. */
  private readonly startedEnv = new Map<number, Record<string, string>>();

  constructor(opts: NativeControllerOptions = {}) {
    this.store = new NativeStateStore(opts.stateDir ?? join(dataDir(), 'services'));
    this.readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
    this.stopGraceMs = opts.stopGraceMs ?? 5000;
  }

  /** The state of a service whose process group is still alive (stale state is dropped). */
  async running(svc: ResolvedService): Promise<NativeState | null> {
    const st = await this.store.read(svc);
    if (!st) return null;
    const leaderIsOurs = isAlive(st.pid) && (st.procStart === null || procStartTime(st.pid) === st.procStart);
    if (leaderIsOurs || groupMembers(st.pgid).length > 0) return st;
    return null;
  }

  async runningEnv(svc: ResolvedService, _mode?: RunMode): Promise<Record<string, string> | null> {
    const st = await this.running(svc);
    if (!st) return null;
    for (const pid of [st.pid, ...groupMembers(st.pgid)]) {
      const env = isAlive(pid) ? procEnviron(pid) : null;
      if (env) return env;
    }
    return this.startedEnv.get(st.pid) ?? null;
  }

  private command(svc: ResolvedService): string {
    const cmd = svc.config.native?.command;
    if (!cmd) {
      throw new KeyhiveError('BAD_INPUT', `service "${svc.name}" has no native: command in keyhive.yaml, so Keyhive cannot start it natively`, {
        fix: `Add native: {command: "…"} to services.${svc.name}, or switch the workspace to runMode: docker.`,
      });
    }
    return cmd;
  }

  private async start(svc: ResolvedService): Promise<NativeState> {
    const command = this.command(svc);
    const env = await nativeServiceEnv(svc);
    const logFile = this.store.logFile(svc);
    await this.store.prepare();
    try {
      if (statSync(logFile).size > MAX_LOG_BYTES) truncateSync(logFile, 0);
    } catch {
      /* no log yet */
    }
    const fd = openSync(logFile, 'a', 0o600);
    writeSync(fd, `=== keyhive: starting ${svc.name}: ${command} (in ${svc.dir}) at ${new Date().toISOString()} ===\n`);
    let child;
    try {
      child = spawn(command, { cwd: svc.dir, shell: true, detached: true, env, stdio: ['ignore', fd, fd] });
    } finally {
      closeSync(fd);
    }
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid!));
      child.once('error', (e) =>
        reject(new KeyhiveError('SERVICE_FAILED', `cannot start service "${svc.name}" in ${svc.dir}: ${e.message}`, { fix: 'Check that the service dir exists and the command is right.', cause: e })),
      );
    });
    child.unref();
    this.startedEnv.set(pid, env);
    const state: NativeState = { service: svc.name, dir: svc.dir, command, pid, pgid: pid, procStart: procStartTime(pid), startedAt: new Date().toISOString(), envNames: Object.keys(env).sort(), logFile };
    await this.store.write(svc, state);
    return state;
  }

  /** SIGTERM the whole group, SIGKILL what is left after the grace period; wait until it is empty. */
  private async stop(svc: ResolvedService): Promise<void> {
    const st = await this.running(svc);
    if (st) {
      const signal = (sig: NodeJS.Signals) => {
        try {
          process.kill(-st.pgid, sig);
        } catch {
          /* group already gone */
        }
      };
      const empty = () => groupMembers(st.pgid).length === 0 && !isAlive(st.pid);
      signal('SIGTERM');
      const graceEnd = Date.now() + this.stopGraceMs;
      while (!empty() && Date.now() < graceEnd) await sleep(50);
      if (!empty()) {
        signal('SIGKILL');
        const killEnd = Date.now() + 5000;
        while (!empty() && Date.now() < killEnd) await sleep(50);
      }
      if (!empty()) throw new KeyhiveError('SERVICE_FAILED', `service "${svc.name}" (process group ${st.pgid}) did not stop, even after SIGKILL`, { fix: `Stop it by hand: kill -KILL -${st.pgid}` });
      this.startedEnv.delete(st.pid);
    }
    await this.store.clear(svc);
  }

  async applyEnv(services: ResolvedService[], _mode?: RunMode, onProgress?: (p: ServiceProgress) => void): Promise<void> {
    services.forEach((s) => this.command(s));
    await Promise.all(services.map(async (s) => {
      onProgress?.({ service: s.name, step: 'stop' });
      await this.stop(s);
    }));
    for (const s of services) {
      onProgress?.({ service: s.name, step: 'start' });
      await this.start(s);
    }
    await this.waitAll(services, onProgress);
  }

  restart(services: ResolvedService[], mode?: RunMode): Promise<void> {
    return this.applyEnv(services, mode);
  }

  async up(services: ResolvedService[], _mode?: RunMode): Promise<void> {
    services.forEach((s) => this.command(s));
    for (const s of services) if (!(await this.running(s))) await this.start(s);
    await this.waitAll(services);
  }

  async down(services: ResolvedService[], _mode?: RunMode): Promise<void> {
    await Promise.all(services.map((s) => this.stop(s)));
  }

  async status(svc: ResolvedService, _mode?: RunMode): Promise<ServiceState> {
    const st = await this.running(svc);
    if (!st) return { running: false, healthy: svc.config.health ? false : null, detail: 'not running' };
    const url = this.healthUrl(svc);
    const healthy = url ? (await checkHealth(url)).ok : null;
    return { running: true, healthy, detail: `running (pid ${st.pid}) since ${st.startedAt}` };
  }

  async logs(svc: ResolvedService, _mode?: RunMode, lines = 100): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.store.logFile(svc), 'utf8');
    } catch {
      throw new KeyhiveError('NOT_FOUND', `no log for service "${svc.name}": Keyhive has not started it natively yet`, { fix: `Start it: keyhive up ${svc.name}` });
    }
    const all = text.split('\n');
    if (all[all.length - 1] === '') all.pop();
    return lines <= 0 ? [] : all.slice(-lines);
  }

  private healthUrl(svc: ResolvedService): string | null {
    const base = svc.config.urls.native;
    return base && svc.config.health ? joinUrl(base, svc.config.health) : null;
  }

  async waitReady(svc: ResolvedService, _mode: RunMode | undefined, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const url = this.healthUrl(svc);
    const since = Date.now();
    let last = 'not started';
    for (;;) {
      const st = await this.running(svc);
      if (!st) throw await this.failure(svc, 'the process exited');
      if (url) {
        const answer = await checkHealth(url);
        if (answer.ok) return;
        last = `GET ${url} -> ${answer.detail}`;
      } else if (Date.now() - since >= STABLE_MS) return;
      else last = 'running, checking it stays up';
      if (Date.now() >= deadline) throw await this.failure(svc, `not ready after ${Math.round(timeoutMs / 1000)} s (${last})`);
      await sleep(POLL_MS);
    }
  }

  async publishedUrl(_svc: ResolvedService, _containerPort: number): Promise<string | null> {
    return null; // only containers publish ports
  }

  private async failure(svc: ResolvedService, why: string): Promise<KeyhiveError> {
    const lines = await this.logs(svc, undefined, 20).catch(() => [] as string[]);
    const logs = lines.length ? `\n  last log lines:\n    ${lines.join('\n    ')}` : '';
    return new KeyhiveError('SERVICE_FAILED', `service "${svc.name}" did not become ready: ${why}${logs}`, {
      fix: `Read the log lines above (keyhive logs ${svc.name}); fix the cause, then run keyhive restart ${svc.name}.`,
    });
  }

  private async waitAll(services: ResolvedService[], onProgress?: (p: ServiceProgress) => void): Promise<void> {
    const results = await Promise.allSettled(
      services.map(async (s) => {
        onProgress?.({ service: s.name, step: 'wait-ready' });
        await this.waitReady(s, 'native', this.readyTimeoutMs);
        onProgress?.({ service: s.name, step: 'ready' });
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
