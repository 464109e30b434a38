/**
 * How Keyhive controls the running services: the ports drift, rotation, the doctor and the CLI
 * use to see which env a service really runs with and to make a new key live. Pure interfaces;
 * the Docker (electron/adapters/docker) and native-process (electron/adapters/process)
 * adapters implement them, electron/app/services/service-control.ts picks one per run mode.
 */
import type { RunMode } from '../../../shared/domain.js';
import type { ResolvedService } from '../workspace/workspace.js';

export type { ResolvedService };

/** One step of applying env / restarting, for progress reporting. Never carries a value. */
export interface ServiceProgress {
  service: string;
  step: string;
  detail?: string;
}

export interface ServiceState {
  running: boolean;
  /** null when the service declares no health check (and the container has none). */
  healthy: boolean | null;
  /** Plain words: "running (healthy), up 2m", "exited (1)", "not started". Never a value. */
  detail: string;
}

export interface RuntimeEnvReader {
  /** The environment the running service really has; null = not running. */
  runningEnv(service: ResolvedService, mode: RunMode): Promise<Record<string, string> | null>;
}

export interface ServiceController extends RuntimeEnvReader {
  /**
   * Make the current .env values live. Docker: ONE `up -d --force-recreate --no-deps a b`;
   * native: stop the process groups, start again. Then wait until every service is ready.
   */
  applyEnv(services: ResolvedService[], mode: RunMode, onProgress?: (p: ServiceProgress) => void): Promise<void>;
  /** Same as applyEnv (a plain `docker compose restart` keeps the old env — never used). */
  restart(services: ResolvedService[], mode: RunMode): Promise<void>;
  /** Start services that are not running (leaves running ones alone), then wait until ready. */
  up(services: ResolvedService[], mode: RunMode): Promise<void>;
  /** Stop and remove the services (docker: `rm -sf`; native: stop the process group). */
  down(services: ResolvedService[], mode: RunMode): Promise<void>;
  status(service: ResolvedService, mode: RunMode): Promise<ServiceState>;
  /** The last `lines` log lines (default 100), oldest first. */
  logs(service: ResolvedService, mode: RunMode, lines?: number): Promise<string[]>;
  /** Health probe or container health; on failure KeyhiveError SERVICE_FAILED with the last log lines. */
  waitReady(service: ResolvedService, mode: RunMode, timeoutMs: number): Promise<void>;
  /** Docker mode: the host URL for a container port (http://127.0.0.1:<published>); null if not published. */
  publishedUrl(service: ResolvedService, containerPort: number): Promise<string | null>;
}
