/**
 * Service control for the whole app: one ServiceController that sends each call to the Docker
 * Compose adapter or the native-process adapter by run mode, plus the use cases behind
 * `keyhive restart|up|down|logs` and the `services.restart` channel (names → services, with a
 * clear NOT_FOUND for an unknown one). Rotation, sync and the doctor use the same controller.
 */
import type { RunMode } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { DockerServiceController, type DockerControllerOptions } from '../../adapters/docker/docker-controller.js';
import { NativeServiceController, type NativeControllerOptions } from '../../adapters/process/native-controller.js';
import type { ResolvedService, ServiceController, ServiceProgress, ServiceState } from '../../core/services/runtime.js';
import type { Workspace } from '../../core/workspace/workspace.js';

export interface ServiceControlOptions {
  docker?: DockerControllerOptions;
  native?: NativeControllerOptions;
  /** Inject adapters (tests). */
  controllers?: Partial<Record<RunMode, ServiceController & { close?: () => Promise<void> }>>;
}

/** A ServiceController that picks the Docker or native adapter per call, by run mode. */
export class ModeServiceController implements ServiceController {
  private readonly made: Partial<Record<RunMode, ServiceController & { close?: () => Promise<void> }>> = {};

  constructor(private readonly opts: ServiceControlOptions = {}) {
    Object.assign(this.made, opts.controllers ?? {});
  }

  private pick(mode: RunMode): ServiceController {
    let c = this.made[mode];
    if (!c) {
      c = mode === 'docker' ? new DockerServiceController(this.opts.docker) : new NativeServiceController(this.opts.native);
      this.made[mode] = c;
    }
    return c;
  }

  runningEnv(svc: ResolvedService, mode: RunMode): Promise<Record<string, string> | null> {
    return this.pick(mode).runningEnv(svc, mode);
  }
  applyEnv(services: ResolvedService[], mode: RunMode, onProgress?: (p: ServiceProgress) => void): Promise<void> {
    return this.pick(mode).applyEnv(services, mode, onProgress);
  }
  restart(services: ResolvedService[], mode: RunMode): Promise<void> {
    return this.pick(mode).restart(services, mode);
  }
  up(services: ResolvedService[], mode: RunMode): Promise<void> {
    return this.pick(mode).up(services, mode);
  }
  down(services: ResolvedService[], mode: RunMode): Promise<void> {
    return this.pick(mode).down(services, mode);
  }
  status(svc: ResolvedService, mode: RunMode): Promise<ServiceState> {
    return this.pick(mode).status(svc, mode);
  }
  logs(svc: ResolvedService, mode: RunMode, lines?: number): Promise<string[]> {
    return this.pick(mode).logs(svc, mode, lines);
  }
  waitReady(svc: ResolvedService, mode: RunMode, timeoutMs: number): Promise<void> {
    return this.pick(mode).waitReady(svc, mode, timeoutMs);
  }
  /** Container ports are a Docker notion: always asks the Docker adapter. */
  publishedUrl(svc: ResolvedService, containerPort: number): Promise<string | null> {
    return this.pick('docker').publishedUrl(svc, containerPort);
  }

  async close(): Promise<void> {
    for (const c of Object.values(this.made)) await c.close?.();
  }
}

export function createServiceController(opts: ServiceControlOptions = {}): ModeServiceController {
  return new ModeServiceController(opts);
}

/**
 * The named services (all that can run in this mode when `names` is empty), in the order given.
 * Unknown names → NOT_FOUND listing the known ones; a service without a way to run in this
 * mode → BAD_INPUT with the fix.
 */
export function selectServices(workspace: Workspace, names: string[], mode: RunMode = workspace.config.runMode): ResolvedService[] {
  const known = [...workspace.services.keys()];
  const runnable = (s: ResolvedService) => (mode === 'docker' ? s.config.docker !== undefined : s.config.native !== undefined);
  if (names.length === 0) return [...workspace.services.values()].filter(runnable);
  const out: ResolvedService[] = [];
  for (const name of new Set(names)) {
    const svc = workspace.services.get(name);
    if (!svc) {
      throw new KeyhiveError('NOT_FOUND', `no service named "${name}" in the workspace`, {
        file: workspace.file,
        fix: known.length ? `Use one of: ${known.join(', ')}.` : 'Add the service under `services:` in keyhive.yaml.',
      });
    }
    if (!runnable(svc)) {
      throw new KeyhiveError('BAD_INPUT', `service "${name}" has no ${mode}: section, so it cannot be run in ${mode} mode`, {
        file: workspace.file,
        fix: mode === 'docker' ? `Add docker: {composeFile, service} to services.${name}, or use runMode: native.` : `Add native: {command} to services.${name}, or use runMode: docker.`,
      });
    }
    out.push(svc);
  }
  return out;
}

export interface ServiceReport {
  service: string;
  state: ServiceState;
}

/** Status of each service after an operation, for the CLI and the UI. */
export async function reportServices(controller: ServiceController, services: ResolvedService[], mode: RunMode): Promise<ServiceReport[]> {
  return Promise.all(services.map(async (s) => ({ service: s.name, state: await controller.status(s, mode) })));
}
