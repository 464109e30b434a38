/**
 * The parts of a Docker Compose file Keyhive needs: per service, which env files it reads,
 * which `environment:` entries it sets, its published ports, labels, image/build, health check
 * and container name. Pure data types; parsing lives in ./parse.ts.
 */

export interface ComposePort {
  /** Host IP the port is published on, e.g. `127.0.0.1` (absent = all interfaces). */
  host?: string;
  /** Published host port; absent when Compose picks a random one. */
  hostPort?: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ComposeEnvFile {
  /** Absolute path (resolved against the compose file's directory). */
  path: string;
  /** `required: false` entries may be missing without Compose failing. */
  required: boolean;
}

export interface ComposeHealthcheck {
  test?: string[] | string;
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
  disable?: boolean;
}

export interface ComposeService {
  /** env_file entries, absolute, in Compose order (a later file wins). */
  envFiles: string[];
  /** The same entries with their `required` flag. */
  envFileEntries: ComposeEnvFile[];
  /** `environment:` (map or list form). null = passed through from the shell running compose. */
  environment: Record<string, string | null>;
  ports: ComposePort[];
  labels: Record<string, string>;
  image?: string;
  /** Build context, absolute. */
  build?: string;
  healthcheck?: ComposeHealthcheck;
  containerName?: string;
  /** `stop_grace_period:` as written (a Compose duration such as `1m30s`), when set. */
  stopGracePeriod?: string;
}

/** A `${VAR}` / `$VAR` reference Compose would interpolate (Keyhive does not evaluate these). */
export interface ComposeInterpolation {
  variable: string;
  /** Where it appears, e.g. `services.hub.environment.API_KEY`. */
  path: string;
  line: number;
}

export interface ComposeFile {
  /** Absolute path of the compose file. */
  file: string;
  /** Top-level `name:` (the project name), when set. */
  name?: string;
  services: Record<string, ComposeService>;
  /** Every interpolation found in the file, reported (never evaluated). */
  interpolations: ComposeInterpolation[];
}
