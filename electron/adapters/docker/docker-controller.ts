/**
 * ServiceController for Docker Compose. A new key goes live with ONE
 * `up -d --force-recreate --no-deps a b` per compose project (a plain `restart` keeps the
 * container's old env), the old containers being stopped while Compose starts up; the env a container really runs with is read from the Engine API, so
 * a container started before a .env edit shows up as stale. Containers are found by their
 * Compose labels, never by name.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import type { RunMode } from '../../../shared/domain.js';
import type { ResolvedService, ServiceController, ServiceProgress, ServiceState } from '../../core/services/runtime.js';
import { checkHealth, joinUrl } from '../process/health-check.js';
import { detectCompose, runCompose } from './compose-cli.js';
import { groupByProject, resolveComposeTarget, type ServiceTarget } from './compose-target.js';
import { currentContainer, describeState, healthContainerPort, publishedUrlOf, waitContainerReady } from './docker-readiness.js';
import { DockerEngine, envListToRecord } from './engine-api.js';
import { restartLeftStopped, stopReplaced } from './stop-replaced.js';

export interface DockerControllerOptions {
  /** How long applyEnv/up wait for each service to be ready (default 60 s). */
  readyTimeoutMs?: number;
  /** DOCKER_HOST to use (default: the environment's). */
  dockerHost?: string;
}

interface Targeted {
  svc: ResolvedService;
  target: ServiceTarget;
}

export class DockerServiceController implements ServiceController {
  private readonly readyTimeoutMs: number;
  private engineInstance: DockerEngine | null = null;

  constructor(private readonly opts: DockerControllerOptions = {}) {
    this.readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
  }

  private get engine(): DockerEngine {
    this.engineInstance ??= new DockerEngine(this.opts.dockerHost ?? process.env.DOCKER_HOST);
    return this.engineInstance;
  }

  async close(): Promise<void> {
    await this.engineInstance?.close();
    this.engineInstance = null;
  }

  private async targets(services: ResolvedService[]): Promise<Targeted[]> {
    // Fail fast and clearly when the daemon is down; meanwhile find the compose command (cached).
    const [, items] = await Promise.all([this.engine.ping(), Promise.all(services.map(async (svc) => ({ svc, target: await resolveComposeTarget(svc) }))), detectCompose().catch(() => null)]);
    return items;
  }

  async runningEnv(svc: ResolvedService, _mode?: RunMode): Promise<Record<string, string> | null> {
    const target = await resolveComposeTarget(svc);
    const c = await currentContainer(this.engine, target);
    if (!c || !c.State.Running) return null;
    return envListToRecord(c.Config.Env);
  }

  async applyEnv(services: ResolvedService[], _mode?: RunMode, onProgress?: (p: ServiceProgress) => void): Promise<void> {
    if (services.length === 0) return;
    const items = await this.targets(services);
    for (const group of groupByProject(items)) {
      const names = unique(group.map((g) => g.target.service));
      for (const g of group) onProgress?.({ service: g.svc.name, step: 'recreate', detail: `up -d --force-recreate --no-deps (project ${g.target.project})` });
      // The old containers stop while Compose starts up (stop-replaced.ts); Compose recreates them.
      const stopping = stopReplaced(this.engine, group.map((g) => g.target));
      try {
        await runCompose(group[0]!.target, ['up', '-d', '--force-recreate', '--no-deps', ...names]);
      } catch (e) {
        await restartLeftStopped(this.engine, await stopping);
        throw e;
      }
      await stopping;
    }
    await this.waitAll(items, onProgress);
  }

  restart(services: ResolvedService[], mode?: RunMode): Promise<void> {
    return this.applyEnv(services, mode);
  }

  async up(services: ResolvedService[], _mode?: RunMode): Promise<void> {
    if (services.length === 0) return;
    const items = await this.targets(services);
    for (const group of groupByProject(items)) await runCompose(group[0]!.target, ['up', '-d', ...unique(group.map((g) => g.target.service))]);
    await this.waitAll(items);
  }

  async down(services: ResolvedService[], _mode?: RunMode): Promise<void> {
    if (services.length === 0) return;
    const items = await this.targets(services);
    for (const group of groupByProject(items)) {
      const target = group[0]!.target;
      await runCompose(target, ['rm', '-s', '-f', ...unique(group.map((g) => g.target.service))], 120_000);
      // The last service of its project gone: its network goes too, as with `compose down`
      // (a network left behind holds one of the engine's address pools).
      if ((await this.engine.projectContainerCount(target.project).catch(() => 1)) === 0) await runCompose(target, ['down', '--remove-orphans'], 120_000);
    }
  }

  async status(svc: ResolvedService, _mode?: RunMode): Promise<ServiceState> {
    const target = await resolveComposeTarget(svc);
    const c = await currentContainer(this.engine, target);
    if (!c) return { running: false, healthy: null, detail: `not created (project ${target.project}): run keyhive up ${svc.name}` };
    let healthy: boolean | null = null;
    if (c.State.Running) {
      if (c.State.Health) healthy = c.State.Health.Status === 'healthy';
      else if (svc.config.health) {
        const port = healthContainerPort(svc, target);
        const base = port !== null ? publishedUrlOf(c, port) : null;
        if (base) healthy = (await checkHealth(joinUrl(base, svc.config.health))).ok;
      }
    } else if (svc.config.health || c.State.Health) healthy = false;
    return { running: c.State.Running && !c.State.Restarting, healthy, detail: describeState(c) };
  }

  async logs(svc: ResolvedService, _mode?: RunMode, lines = 100): Promise<string[]> {
    const target = await resolveComposeTarget(svc);
    const c = await currentContainer(this.engine, target);
    if (!c) {
      throw new KeyhiveError('NOT_FOUND', `service "${svc.name}" has no container in Compose project ${target.project}`, {
        file: target.composeFile,
        fix: `Start it first: keyhive up ${svc.name}`,
      });
    }
    return this.engine.logs(c.Id, lines, c.Config.Tty);
  }

  async waitReady(svc: ResolvedService, _mode: RunMode | undefined, timeoutMs: number): Promise<void> {
    await waitContainerReady(this.engine, svc, await resolveComposeTarget(svc), timeoutMs);
  }

  async publishedUrl(svc: ResolvedService, containerPort: number): Promise<string | null> {
    const c = await currentContainer(this.engine, await resolveComposeTarget(svc));
    return c ? publishedUrlOf(c, containerPort) : null;
  }

  private async waitAll(items: Targeted[], onProgress?: (p: ServiceProgress) => void): Promise<void> {
    const results = await Promise.allSettled(
      items.map(async ({ svc, target }) => {
        onProgress?.({ service: svc.name, step: 'wait-ready' });
        await waitContainerReady(this.engine, svc, target, this.readyTimeoutMs);
        onProgress?.({ service: svc.name, step: 'ready' });
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

const unique = (xs: string[]): string[] => [...new Set(xs)];
