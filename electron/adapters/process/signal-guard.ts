/**
 * Critical sections that a Ctrl-C, SIGTERM or SIGHUP cannot cut in half. While one runs, those
 * signals are noted instead of ending the process; when the last section ends (committed or
 * rolled back), the first noted signal is raised again, so the process then ends the way the
 * signal asked. A SIGKILL cannot be caught: the change's journal and `keyhive recover` cover it.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Caught = (typeof SIGNALS)[number];

let depth = 0;
let noted: Caught | null = null;
const listeners = new Map<Caught, () => void>();

function enter(): void {
  if (depth++ > 0) return;
  noted = null;
  for (const sig of SIGNALS) {
    const l = (): void => {
      noted ??= sig;
    };
    listeners.set(sig, l);
    process.on(sig, l);
  }
}

function leave(): void {
  if (--depth > 0) return;
  for (const [sig, l] of listeners) process.off(sig, l);
  listeners.clear();
  const sig = noted;
  noted = null;
  // Re-raised after the listeners are gone: the process's own handlers (or the default) act now.
  if (sig) setImmediate(() => process.kill(process.pid, sig));
}

/** Runs `fn` with SIGINT/SIGTERM/SIGHUP held back until it settles. */
export async function withSignalsHeld<T>(fn: () => Promise<T>): Promise<T> {
  enter();
  try {
    return await fn();
  } finally {
    leave();
  }
}
