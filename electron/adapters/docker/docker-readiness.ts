/**
 * When is a (re)created container ready? Container health when it declares one; otherwise the
 * service's public health path through its published port; otherwise "running and not
 * restarting" for a moment. A crash loop, an exit or a timeout fails fast with the container's
 * last log lines.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import { checkHealth, joinUrl, portOf } from '../process/health-check.js';
import type { ResolvedService } from '../../core/services/runtime.js';
import type { ContainerInspect, DockerEngine } from './engine-api.js';
import type { ServiceTarget } from './compose-target.js';

// A recreated container usually answers within a few hundred ms: look again soon at first, then
// back off to POLL_MS (each look is two engine API calls and at most one health request).
const FIRST_POLL_MS = 20;
const POLL_MS = 250;
const STABLE_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The newest running container of the service, else the newest one at all. */
export async function currentContainer(engine: DockerEngine, target: ServiceTarget): Promise<ContainerInspect | null> {
  const list = await engine.composeContainers(target.project, target.service);
  const pick = list.find((c) => c.State === 'running') ?? list[0];
  return pick ? engine.inspect(pick.Id) : null;
}

/** http://127.0.0.1:<published port> for a container port, or null when it is not published. */
export function publishedUrlOf(c: ContainerInspect, containerPort: number): string | null {
  const bindings = c.NetworkSettings.Ports?.[`${containerPort}/tcp`];
  const b = bindings?.find((x) => x.HostPort) ?? null;
  if (!b) return null;
  const host = !b.HostIp || b.HostIp === '0.0.0.0' ? '127.0.0.1' : b.HostIp === '::' ? '[::1]' : b.HostIp.includes(':') ? `[${b.HostIp}]` : b.HostIp;
  return `http://${host}:${b.HostPort}`;
}

/** The container port the service's health is served on: from urls.docker, else the first published one. */
export function healthContainerPort(svc: ResolvedService, target: ServiceTarget): number | null {
  if (svc.config.urls.docker) return portOf(svc.config.urls.docker);
  return target.compose.ports.find((p) => p.protocol === 'tcp')?.containerPort ?? null;
}

export function describeState(c: ContainerInspect): string {
  const s = c.State;
  if (s.Restarting) return `restarting (crash loop: ${c.RestartCount} restarts, last exit ${s.ExitCode})`;
  if (s.Running) return `running${s.Health ? ` (${s.Health.Status})` : ''} since ${s.StartedAt}`;
  return `${s.Status} (exit ${s.ExitCode})`;
}

async function failure(engine: DockerEngine, svc: ResolvedService, c: ContainerInspect | null, why: string): Promise<KeyhiveError> {
  const lines = c ? await engine.logs(c.Id, 20, c.Config.Tty).catch(() => [] as string[]) : [];
  const logs = lines.length ? `\n  last log lines:\n    ${lines.join('\n    ')}` : '\n  (no log output)';
  return new KeyhiveError('SERVICE_FAILED', `service "${svc.name}" did not become ready: ${why}${logs}`, {
    fix: `Read the log lines above (keyhive logs ${svc.name}); fix the cause (often a missing or empty env value), then run keyhive restart ${svc.name}.`,
  });
}

export async function waitContainerReady(engine: DockerEngine, svc: ResolvedService, target: ServiceTarget, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const port = svc.config.health ? healthContainerPort(svc, target) : null;
  let baseline: { id: string; restarts: number } | null = null;
  let stableSince: number | null = null;
  let last = 'no container yet';
  let c: ContainerInspect | null = null;
  let pause = FIRST_POLL_MS;
  for (;;) {
    c = await currentContainer(engine, target);
    if (c) {
      if (!baseline || baseline.id !== c.Id) baseline = { id: c.Id, restarts: c.RestartCount };
      const s = c.State;
      if (s.Restarting || c.RestartCount > baseline.restarts) throw await failure(engine, svc, c, `it is crash-looping (${c.RestartCount} restarts, last exit code ${s.ExitCode})`);
      if (s.Status === 'exited' || s.Status === 'dead') throw await failure(engine, svc, c, `the container exited with code ${s.ExitCode}`);
      if (s.Running) {
        if (s.Health) {
          if (s.Health.Status === 'healthy') return;
          if (s.Health.Status === 'unhealthy') throw await failure(engine, svc, c, 'its container health check reports unhealthy');
          last = `container health: ${s.Health.Status}`;
        } else {
          const base = port !== null ? publishedUrlOf(c, port) : null;
          if (base && svc.config.health) {
            const url = joinUrl(base, svc.config.health);
            const answer = await checkHealth(url);
            if (answer.ok) return;
            last = `GET ${url} -> ${answer.detail}`;
          } else {
            stableSince ??= Date.now();
            if (Date.now() - stableSince >= STABLE_MS) return;
            last = 'running, checking it stays up';
          }
        }
      } else {
        last = describeState(c);
      }
    }
    if (Date.now() >= deadline) throw await failure(engine, svc, c, `not ready after ${Math.round(timeoutMs / 1000)} s (${last})`);
    await sleep(pause);
    pause = Math.min(POLL_MS, Math.round(pause * 1.5));
  }
}
