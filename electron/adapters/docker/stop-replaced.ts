/**
 * `compose up --force-recreate` stops each old container itself, one service after another in
 * dependency order, and only once Compose has started (a Python Compose v1 takes most of a
 * second to get there). The containers it will replace are known before it runs, so Keyhive asks
 * the engine to stop them at once while Compose starts: the same stop Compose would send (the
 * container's own stop signal, the service's `stop_grace_period` or Compose's 10 s default), only
 * earlier. Compose then finds them stopped and recreates them. When Compose fails, every container
 * stopped here that nothing replaced is started again, so a failed recreate leaves the services
 * as they were (running, with the env they had).
 */
import type { DockerEngine } from './engine-api.js';
import type { ServiceTarget } from './compose-target.js';

/** Compose's default stop timeout (`docker compose up -t`), in seconds. */
const COMPOSE_STOP_SECONDS = 10;
const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };

/** A Compose duration (`1m30s`, `500ms`, `10s`, or plain seconds) in whole seconds, rounded up; null when unreadable. */
export function durationSeconds(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|\u00b5s|ns))+$/.test(t)) return null;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|\u00b5s|ns)/g)) total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
  return Math.ceil(total);
}

export interface StoppedContainer {
  id: string;
  project: string;
  service: string;
}

/**
 * Stops the running containers of these services (those `up --force-recreate` replaces), all at
 * once; resolves with the ones it stopped. Never throws: Compose does the authoritative stop.
 */
export async function stopReplaced(engine: DockerEngine, targets: ServiceTarget[]): Promise<StoppedContainer[]> {
  const stopped = await Promise.all(targets.map(async (t): Promise<StoppedContainer[]> => {
    const grace = t.compose.stopGracePeriod === undefined ? COMPOSE_STOP_SECONDS : durationSeconds(t.compose.stopGracePeriod);
    if (grace === null) return []; // a period we cannot read: leave the stop to Compose
    const running = await engine.composeContainers(t.project, t.service).then((list) => list.filter((c) => c.State === 'running'), () => []);
    const out = await Promise.all(running.map(async (c) => {
      // The engine waits `t` seconds for the container's own stop signal, then kills it.
      const status = await engine.post(`/containers/${encodeURIComponent(c.Id)}/stop?t=${grace}`, (grace + 30) * 1000).catch(() => 0);
      return status === 204 ? [{ id: c.Id, project: t.project, service: t.service }] : [];
    }));
    return out.flat();
  }));
  return stopped.flat();
}

/** After a failed Compose run: starts again each container stopped above whose service has no running container. */
export async function restartLeftStopped(engine: DockerEngine, stopped: StoppedContainer[]): Promise<void> {
  await Promise.all(stopped.map(async (s) => {
    const list = await engine.composeContainers(s.project, s.service).catch(() => null);
    if (!list || list.some((c) => c.State === 'running') || !list.some((c) => c.Id === s.id)) return;
    await engine.post(`/containers/${encodeURIComponent(s.id)}/start`).catch(() => 0);
  }));
}
