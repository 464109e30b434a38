import { describe, expect, it } from 'vitest';
import { delayBeforeNext, parseRetryAfter, ProbeSpacer } from '../../../electron/core/probes/rate-limit.js';

describe('rate limit spacing', () => {
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('32', now)).toBe(32);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
  it('waits Retry-After after a 429, pauses when nothing remains, else goes on', () => {
    expect(delayBeforeNext({ status: 429, retryAfter: '3' })).toBe(3000);
    expect(delayBeforeNext({ status: 429 })).toBe(1000);
    expect(delayBeforeNext({ status: 200, remaining: '0' })).toBe(1000);
    expect(delayBeforeNext({ status: 200, remaining: '5' })).toBe(0);
    expect(delayBeforeNext({ status: 503, retryAfter: '2' })).toBe(2000);
  });
  it('schedules per origin and refuses waits longer than its maximum', () => {
    const s = new ProbeSpacer(10_000);
    s.record('http://a', { status: 429, retryAfter: '2' }, 1000);
    expect(s.waitFor('http://a', 1000)).toBe(2000);
    expect(s.waitFor('http://b', 1000)).toBe(0);
    s.record('http://a', { status: 429, retryAfter: '60' }, 1000);
    expect(s.waitFor('http://a', 1000)).toBe(Infinity);
  });
});
