/**
 * Copying a secret to the system clipboard (desktop only): the Clipboard port is implemented by
 * electron/main; the value is cleared after a delay if the clipboard still holds it (never wipes
 * something the user copied since). Web mode has no port: copy answers `copied: false`.
 */
import { SECRET_CLEAR_AFTER_SECONDS } from '../../../shared/api.js';

export interface Clipboard {
  writeText(text: string): void;
  readText(): string;
  clear(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface SecretCopier {
  /** False in web mode (no system clipboard here): the page copies with the browser's. */
  readonly available: boolean;
  copy(value: string): { copied: boolean; clearAfterSeconds: number };
  /** Clears now if the clipboard still holds the last copied secret (on quit). */
  flush(): void;
}

export function createSecretCopier(
  clipboard: Clipboard | undefined,
  opts: { clearAfterSeconds?: number; timers?: Timers } = {},
): SecretCopier {
  const seconds = opts.clearAfterSeconds ?? SECRET_CLEAR_AFTER_SECONDS;
  const timers = opts.timers ?? realTimers;
  let pending: { handle: unknown; value: string } | null = null;

  const clearIfStillHeld = (value: string): void => {
    try {
      if (clipboard?.readText() === value) clipboard.clear();
    } catch {
      // The clipboard went away (app quitting): nothing left to clear.
    }
  };

  return {
    available: clipboard !== undefined,
    copy(value) {
      if (!clipboard) return { copied: false, clearAfterSeconds: 0 };
      if (pending) timers.clearTimeout(pending.handle);
      clipboard.writeText(value);
      const entry = { value, handle: undefined as unknown };
      entry.handle = timers.setTimeout(() => {
        if (pending === entry) pending = null;
        clearIfStillHeld(value);
      }, seconds * 1000);
      pending = entry;
      return { copied: true, clearAfterSeconds: seconds };
    },
    flush() {
      if (!pending) return;
      timers.clearTimeout(pending.handle);
      clearIfStillHeld(pending.value);
      pending = null;
    },
  };
}
