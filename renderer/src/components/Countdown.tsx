/** Seconds left until a time, ticking each second (an issuer's cache window); the clock is a prop. */
import { useEffect, useState } from 'react';

export function secondsLeft(until: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
}

/** Give it `key={until}` when `until` can change, so the count restarts. */
export function Countdown({ until, label, now = Date.now }: { until: string; label: string; now?: () => number }) {
  const [left, setLeft] = useState(() => secondsLeft(until, now()));
  useEffect(() => {
    const t = setInterval(() => setLeft(secondsLeft(until, now())), 1000);
    return () => clearInterval(t);
  }, [until, now]);
  return (
    <span className="countdown" role="timer" aria-live="off" data-seconds={left}>
      {left > 0 ? `${label} in ${left} s` : `${label} now`}
    </span>
  );
}
