/**
 * The Docker Engine API over its socket (undici), for what the Compose CLI does not tell us
 * reliably: which containers belong to a Compose service (by label, never by name), the
 * environment a running container really has, its state, published ports and logs.
 * Honours DOCKER_HOST (unix:// or tcp://); every request has a timeout.
 */
import { Agent, request } from '../http/undici-lite.js';
import { KeyhiveError } from '../../../shared/errors.js';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';

export interface ContainerSummary {
  Id: string;
  Names: string[];
  State: string;
  Status: string;
  Labels: Record<string, string>;
  Created: number;
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  RestartCount: number;
  Config: { Env: string[] | null; Tty: boolean; Labels: Record<string, string> | null };
  State: {
    Status: string;
    Running: boolean;
    Restarting: boolean;
    ExitCode: number;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string; FailingStreak?: number; Log?: Array<{ Output: string; ExitCode: number }> };
  };
  NetworkSettings: { Ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null };
}

const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface EngineEndpoint {
  /** What to show the user, e.g. unix:///var/run/docker.sock. */
  display: string;
  origin: string;
  socketPath?: string;
}

export function engineEndpoint(dockerHost = process.env.DOCKER_HOST): EngineEndpoint {
  const host = dockerHost?.trim() || `unix://${DEFAULT_SOCKET}`;
  if (host.startsWith('unix://')) return { display: host, origin: 'http://docker', socketPath: host.slice('unix://'.length) };
  if (host.startsWith('tcp://') || host.startsWith('http://')) return { display: host, origin: host.replace(/^tcp:/, 'http:') };
  throw new KeyhiveError('DOCKER_UNAVAILABLE', `DOCKER_HOST=${host} is not a unix:// or tcp:// address Keyhive can use`, {
    fix: 'Set DOCKER_HOST to unix:///path/to/docker.sock or tcp://host:port, or unset it to use /var/run/docker.sock.',
  });
}

export class DockerEngine {
  private readonly agent: Agent;
  readonly endpoint: EngineEndpoint;

  constructor(dockerHost?: string, private readonly timeoutMs = 10_000) {
    this.endpoint = engineEndpoint(dockerHost);
    this.agent = new Agent({
      connect: { timeout: Math.min(timeoutMs, 3000), ...(this.endpoint.socketPath ? { socketPath: this.endpoint.socketPath } : {}) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private unavailable(cause: unknown): KeyhiveError {
    const code = (cause as { code?: string }).code ?? (cause as Error).name;
    return new KeyhiveError('DOCKER_UNAVAILABLE', `the Docker engine at ${this.endpoint.display} is not answering (${code})`, {
      fix: 'Start Docker (e.g. `sudo systemctl start docker` or Docker Desktop), or point DOCKER_HOST at a running engine.',
      cause,
    });
  }

  /** GET a path as a stream of chunks (for large answers such as an image export). */
  async stream(path: string): Promise<{ status: number; body: AsyncIterable<Buffer> }> {
    try {
      const res = await request(this.endpoint.origin + path, { method: 'GET', dispatcher: this.agent });
      return { status: res.statusCode, body: res.body as AsyncIterable<Buffer> };
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  /** GET a path; returns status and raw body. Connection problems become DOCKER_UNAVAILABLE. */
  async get(path: string, timeoutMs = this.timeoutMs): Promise<{ status: number; body: Buffer }> {
    try {
      const res = await request(this.endpoint.origin + path, { method: 'GET', dispatcher: this.agent, signal: AbortSignal.timeout(timeoutMs) });
      const body = Buffer.from(await res.body.arrayBuffer());
      return { status: res.statusCode, body };
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  /** POST a path with no body (container stop/start…); returns the status. Connection problems become DOCKER_UNAVAILABLE. */
  async post(path: string, timeoutMs = this.timeoutMs): Promise<number> {
    try {
      const res = await request(this.endpoint.origin + path, { method: 'POST', dispatcher: this.agent, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
      await res.body.dump();
      return res.statusCode;
    } catch (e) {
      throw this.unavailable(e);
    }
  }

  private async getJson<T>(path: string): Promise<T | null> {
    const { status, body } = await this.get(path);
    if (status === 404) return null;
    if (status >= 400) {
      throw new KeyhiveError('DOCKER_UNAVAILABLE', `the Docker engine answered ${status} to GET ${path.split('?')[0]}: ${body.toString('utf8').slice(0, 200)}`, {
        fix: 'Check that the Docker engine is healthy (`docker info`).',
      });
    }
    return JSON.parse(body.toString('utf8')) as T;
  }

  async ping(timeoutMs = 3000): Promise<void> {
    const { status } = await this.get('/_ping', timeoutMs);
    if (status !== 200) throw this.unavailable(new Error(`/_ping answered ${status}`));
  }

  /** How many containers (any state) a Compose project still has. */
  async projectContainerCount(project: string): Promise<number> {
    const filters = JSON.stringify({ label: [`${PROJECT_LABEL}=${project}`] });
    return ((await this.getJson<ContainerSummary[]>(`/containers/json?all=1&filters=${encodeURIComponent(filters)}`)) ?? []).length;
  }

  /** Containers of one Compose service (all states), newest first. */
  async composeContainers(project: string, service: string): Promise<ContainerSummary[]> {
    const filters = JSON.stringify({ label: [`${PROJECT_LABEL}=${project}`, `${SERVICE_LABEL}=${service}`] });
    const list = (await this.getJson<ContainerSummary[]>(`/containers/json?all=1&filters=${encodeURIComponent(filters)}`)) ?? [];
    return list.filter((c) => c.Labels['com.docker.compose.oneoff'] !== 'True').sort((a, b) => b.Created - a.Created);
  }

  inspect(id: string): Promise<ContainerInspect | null> {
    return this.getJson<ContainerInspect>(`/containers/${encodeURIComponent(id)}/json`);
  }

  /** The last `tail` log lines (stdout and stderr interleaved), oldest first. */
  async logs(id: string, tail: number, tty: boolean): Promise<string[]> {
    const { status, body } = await this.get(`/containers/${encodeURIComponent(id)}/logs?stdout=1&stderr=1&tail=${Math.max(0, Math.floor(tail))}`);
    if (status >= 400) return [];
    const text = tty ? body.toString('utf8') : demuxLogStream(body);
    return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1).map((l) => l.replace(/\r$/, ''));
  }
}

/** Docker's multiplexed log stream: frames of [stream, 0, 0, 0, size(4 bytes BE)] + payload. */
export function demuxLogStream(buf: Buffer): string {
  const parts: Buffer[] = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    const kind = buf[off]!;
    const size = buf.readUInt32BE(off + 4);
    if (kind > 2 || buf[off + 1] !== 0 || buf[off + 2] !== 0 || buf[off + 3] !== 0) return buf.toString('utf8'); // not multiplexed
    parts.push(buf.subarray(off + 8, off + 8 + size));
    off += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** `["K=V", …]` → record; the value is everything after the first `=`. */
export function envListToRecord(list: readonly string[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq > 0) out[item.slice(0, eq)] = item.slice(eq + 1);
    else if (eq < 0) out[item] = '';
  }
  return out;
}
