import { describe, expect, it } from 'vitest';
import { ProbeSpacer } from '../../../electron/core/issuers/rate-limit.js';

describe('ProbeSpacer', () => {
  it('lets calls go while the window has room', () => {
    const s = new ProbeSpacer();
    s.record({ status: 200, rateLimitRemaining: 5, retryAfterSeconds: null }, 1000);
    expect(s.delayMs(1000)).toBe(0);
  });
  it('waits Retry-After after a 429, counted from the answer', () => {
    const s = new ProbeSpacer();
    s.record({ status: 429, rateLimitRemaining: 0, retryAfterSeconds: 32 }, 10_000);
    expect(s.delayMs(10_000)).toBe(32_000);
    expect(s.delayMs(40_000)).toBe(2000);
    expect(s.delayMs(42_000)).toBe(0);
  });
  it('waits a whole window when nothing remains and no Retry-After was sent', () => {
    const s = new ProbeSpacer(60_000);
    s.record({ status: 200, rateLimitRemaining: 0, retryAfterSeconds: null }, 0);
    expect(s.delayMs(0)).toBe(60_000);
  });
});
