/**
 * Guards `npm run test:time-travel` (.ci/time-travel) against a silent no-op: when the run asks
 * for a shifted clock, the worker's calendar clock must really be shifted (by libfaketime) while
 * its monotonic clock — timers — runs at real speed. In a plain run there is nothing to check.
 */
import { describe, expect, it } from 'vitest';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, y: 365 * 86_400_000 };

/** libfaketime's relative offsets: "+1d", "-45d", "+10y", "+90m"… */
export function offsetMs(spec: string): number {
  const m = /^([+-]\d+(?:\.\d+)?)([smhdy]?)$/.exec(spec.trim());
  if (!m) throw new Error(`not a relative FAKETIME offset: ${spec}`);
  return Number(m[1]) * UNIT_MS[m[2] || 's']!;
}

describe('time travel', () => {
  it('reads libfaketime offsets', () => {
    expect([offsetMs('-45d'), offsetMs('+1d'), offsetMs('+400d'), offsetMs('+10y'), offsetMs('+30')]).toEqual([-45 * 86_400_000, 86_400_000, 400 * 86_400_000, 3650 * 86_400_000, 30_000]);
    expect(() => offsetMs('2027-01-01 00:00:00')).toThrow(/relative/);
  });

  it.runIf(process.env.FAKETIME && process.env.KEYHIVE_TEST_REAL_START)('shifts the calendar clock of this worker by FAKETIME, and leaves timers at real speed', async () => {
    const shift = Date.now() - Number(process.env.KEYHIVE_TEST_REAL_START);
    const want = offsetMs(process.env.FAKETIME!);
    // The run started less than an hour (of real time) ago.
    expect(shift - want).toBeGreaterThanOrEqual(0);
    expect(shift - want).toBeLessThan(3_600_000);
    const t0 = performance.now();
    const d0 = Date.now();
    await new Promise((r) => setTimeout(r, 50));
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(Date.now() - d0).toBeLessThan(5_000);
  });
});
