/**
 * Spacing probes by what the server says about its rate limit (pure). Probes never retry
 * blindly: a 429 is reported as such, and the NEXT probe to the same origin waits for the time
 * the server asked for (Retry-After), or is skipped when that is longer than we are willing to wait.
 */

/** Retry-After as seconds (delta-seconds or an HTTP date); null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | null {
  if (value === undefined || value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export interface RateLimitHeaders {
  status: number;
  retryAfter?: string | null;
  remaining?: string | null;
}

/** Default pause when a server says no requests remain but not for how long. */
export const EXHAUSTED_PAUSE_MS = 1000;

/**
 * How long to wait before the next request to the same origin (ms): the Retry-After of a 429
 * (or of a 503 that sends one), a short pause when X-RateLimit-Remaining is 0, else 0.
 */
export function delayBeforeNext(h: RateLimitHeaders, now: number = Date.now()): number {
  const retry = parseRetryAfter(h.retryAfter, now);
  if ((h.status === 429 || h.status === 503) && retry !== null) return retry * 1000;
  if (h.status === 429) return EXHAUSTED_PAUSE_MS;
  const remaining = h.remaining === undefined || h.remaining === null ? null : Number(h.remaining);
  if (remaining !== null && Number.isFinite(remaining) && remaining <= 0) return retry !== null ? retry * 1000 : EXHAUSTED_PAUSE_MS;
  return 0;
}

/** Per-origin schedule: when the next probe to an origin may start. */
export class ProbeSpacer {
  private readonly nextAt = new Map<string, number>();
  constructor(readonly maxWaitMs: number = 30_000) {}

  /** Ms to wait before probing this origin now; Infinity when longer than `maxWaitMs`. */
  waitFor(origin: string, now: number = Date.now()): number {
    const at = this.nextAt.get(origin) ?? 0;
    const wait = Math.max(0, at - now);
    return wait > this.maxWaitMs ? Infinity : wait;
  }

  record(origin: string, h: RateLimitHeaders, now: number = Date.now()): void {
    const d = delayBeforeNext(h, now);
    if (d > 0) this.nextAt.set(origin, Math.max(this.nextAt.get(origin) ?? 0, now + d));
  }
}
