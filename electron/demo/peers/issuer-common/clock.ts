/**
 * The clock a reference server reads instead of Date.now(), so tests can step over cache
 * windows and rate-limit windows without waiting. `manualClock` stands still until advanced;
 * `systemClock` follows real time plus any offset it has been advanced by.
 */
export interface PeerClock {
  now(): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.parse('2026-06-01T09:00:00.000Z')): PeerClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export function systemClock(): PeerClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}
