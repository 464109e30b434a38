/**
 * What time it is, as an input. Every use case and view that shows, stores or compares a
 * calendar time (activity entries, journals, locks, key expiry, "Expires in N days") reads it
 * from an injected Clock, never from `new Date()`; each shell picks `systemClock` where it
 * builds its context, and tests pin `fixedClock(...)`. Durations (time-outs, debounce, TTLs)
 * are timers, not clocks.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that stands still at `at` (an ISO string, epoch ms or Date). */
export function fixedClock(at: string | number | Date): Clock {
  const t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new TypeError(`fixedClock: not a time: ${String(at)}`);
  return () => new Date(t);
}
