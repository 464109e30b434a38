import { describe, expect, it } from 'vitest';
import { createSecretCopier, type Timers } from '../../../electron/app/secrets/clipboard.js';

function manualTimers() {
  const pending = new Map<number, { fn: () => void; at: number }>();
  let now = 0;
  let id = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => (pending.set(++id, { fn, at: now + ms }), id),
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const [k, t] of [...pending]) {
      if (t.at > now) continue;
      pending.delete(k);
      t.fn();
    }
  };
  return { timers, advance, pending };
}

function board() {
  let text = '';
  return { writeText: (t: string) => void (text = t), readText: () => text, clear: () => void (text = '') };
}

describe('secret copier', () => {
  it('without a clipboard (web mode) copies nothing', () => {
    const c = createSecretCopier(undefined);
    expect(c.available).toBe(false);
    expect(c.copy('v')).toEqual({ copied: false, clearAfterSeconds: 0 });
  });

  it('clears after the delay only if the clipboard still holds the secret', () => {
    const { timers, advance } = manualTimers();
    const cb = board();
    const c = createSecretCopier(cb, { timers });
    expect(c.copy('secret-1')).toEqual({ copied: true, clearAfterSeconds: 20 });
    advance(19_999);
    expect(cb.readText()).toBe('secret-1');
    advance(1);
    expect(cb.readText()).toBe('');
    c.copy('secret-2');
    cb.writeText('user text');
    advance(20_000);
    expect(cb.readText()).toBe('user text');
  });

  it('a second copy restarts the delay; flush clears at once (quit)', () => {
    const { timers, advance, pending } = manualTimers();
    const cb = board();
    const c = createSecretCopier(cb, { timers, clearAfterSeconds: 5 });
    c.copy('a');
    advance(4_000);
    c.copy('b');
    expect(pending.size).toBe(1);
    advance(4_000);
    expect(cb.readText()).toBe('b');
    c.flush();
    expect(cb.readText()).toBe('');
    expect(pending.size).toBe(0);
  });
});
