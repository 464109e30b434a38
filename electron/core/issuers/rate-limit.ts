/**
 * Spacing of calls made with one key so Keyhive never pushes a service over its rate limit and
 * never retries blindly: after an answer with `X-RateLimit-Remaining: 0`, or a 429 with
 * `Retry-After`, the next call waits until the window allows it. Pure: the caller supplies the
 * clock and does the waiting.
 */
export interface RateLimitSignal {
  status: number | null;
  rateLimitRemaining: number | null;
  retryAfterSeconds: number | null;
}

export class ProbeSpacer {
  private notBefore = 0;
  /** The window to assume when a service says "0 remaining" without saying how long to wait. */
  constructor(private readonly defaultWindowMs = 60_000) {}

  record(answer: RateLimitSignal, nowMs: number): void {
    if (answer.retryAfterSeconds !== null) {
      this.notBefore = Math.max(this.notBefore, nowMs + answer.retryAfterSeconds * 1000);
    } else if (answer.status === 429 || answer.rateLimitRemaining === 0) {
      this.notBefore = Math.max(this.notBefore, nowMs + this.defaultWindowMs);
    }
  }

  /** Milliseconds to wait before the next call (0 = go now). */
  delayMs(nowMs: number): number {
    return Math.max(0, this.notBefore - nowMs);
  }
}
