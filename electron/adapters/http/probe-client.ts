/**
 * The HTTP side of probes (undici). One undici Agent with hard limits — connect 2 s, response
 * headers 5 s, body 5 s — so a hung server fails fast instead of hanging Keyhive. Redirects are
 * never followed (a key must not travel to an address nobody vetted). Every target passes the
 * TargetGuard first, and sockets connect only to the vetted addresses. Records latency.
 * Nothing here logs; the caller builds headers and never gets them echoed back.
 */
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { Agent, request } from './undici-lite.js';
import type { NetworkFailure, NetworkFailureKind, ProbeResponse } from '../../core/probes/interpret.js';
import { TargetGuard } from './target-guard.js';

export interface ProbeClientOptions {
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** How much of a body to keep for interpretation. */
  maxBodyBytes?: number;
  /** Parallel connections per origin. */
  connections?: number;
  /** Issuers named with https:// (public addresses allowed over https). */
  httpsIssuerHosts?: ReadonlySet<string>;
}

export interface ProbeRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
}

export type ProbeOutcome = { response: ProbeResponse; latencyMs: number } | { failure: NetworkFailure; latencyMs: number };

export const PROBE_TIMEOUTS = { connectMs: 2000, headersMs: 5000, bodyMs: 5000 } as const;

function classify(e: unknown): NetworkFailureKind {
  const codes: string[] = [];
  for (let x: unknown = e; x && typeof x === 'object' && codes.length < 5; x = (x as { cause?: unknown }).cause) {
    const c = (x as { code?: unknown }).code;
    if (typeof c === 'string') codes.push(c);
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) return 'connect-timeout';
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) return 'headers-timeout';
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) return 'body-timeout';
  if (codes.includes('ECONNREFUSED')) return 'refused';
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) return 'dns';
  if (codes.includes('ECONNRESET') || codes.includes('UND_ERR_SOCKET') || codes.includes('EPIPE')) return 'reset';
  return 'other';
}

/** The body's first `max` bytes as text; the rest is not read (the stream is destroyed). */
function readCapped(body: Readable, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    body.on('data', (chunk: Buffer) => {
      if (size < max) chunks.push(chunk.subarray(0, max - size));
      size += chunk.length;
      if (size >= max) {
        body.destroy();
        done();
      }
    });
    body.once('end', done);
    body.once('error', reject);
  });
}

export class ProbeClient {
  readonly guard: TargetGuard;
  private readonly agent: Agent;
  private readonly maxBodyBytes: number;
  private readonly headersTimeout: number;
  private readonly bodyTimeout: number;
  /** The last target that passed, parsed (a burst of probes goes to one URL). */
  private lastTarget: URL | undefined;

  constructor(allowedHosts: ReadonlySet<string>, opts: ProbeClientOptions = {}) {
    this.guard = new TargetGuard(allowedHosts, opts.httpsIssuerHosts);
    this.maxBodyBytes = opts.maxBodyBytes ?? 4096;
    this.headersTimeout = opts.headersTimeoutMs ?? PROBE_TIMEOUTS.headersMs;
    this.bodyTimeout = opts.bodyTimeoutMs ?? PROBE_TIMEOUTS.bodyMs;
    this.agent = new Agent({
      connect: { timeout: opts.connectTimeoutMs ?? PROBE_TIMEOUTS.connectMs, lookup: this.guard.lookup } as Agent.Options['connect'],
      headersTimeout: this.headersTimeout,
      bodyTimeout: this.bodyTimeout,
      connections: opts.connections ?? 64,
      keepAliveTimeout: 2000,
    });
  }

  /** Vets the target (throws PROBE_TARGET_REFUSED), then sends one request; never follows redirects. */
  async send(req: ProbeRequest): Promise<ProbeOutcome> {
    // A target vetted before passes again at once (no new lookup, no extra wait per probe).
    let target: URL | undefined = this.lastTarget;
    if (target?.href !== req.url) {
      target = URL.canParse(req.url) ? new URL(req.url) : undefined;
      if (!target || !this.guard.passedBefore(target)) await this.guard.vet(req.url); // throws when refused
      this.lastTarget = target;
    }
    const where = target!.host;
    const t0 = performance.now();
    try {
      const res = await request(target!, {
        dispatcher: this.agent,
        method: req.method as 'GET',
        headers: { 'user-agent': 'keyhive-probe', ...(req.headers ?? {}) },
        headersTimeout: this.headersTimeout,
        bodyTimeout: this.bodyTimeout,
      });
      const body = await readCapped(res.body, this.maxBodyBytes);
      const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      return { response: { status: res.statusCode, headers, body }, latencyMs };
    } catch (e) {
      const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
      return { failure: { failure: classify(e), where, message: e instanceof Error ? e.message : String(e) }, latencyMs };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
