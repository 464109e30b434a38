import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clipboard, recorded } from '../support/electron-stand-in/index.js';
import { electronClipboard } from '../../electron/main/clipboard.js';
import { createSecretCopier } from '../../electron/app/secrets/clipboard.js';

describe('desktop clipboard', () => {
  beforeEach(() => {
    recorded.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('clears the copied secret after 20 s', () => {
    const copier = createSecretCopier(electronClipboard(clipboard));
    expect(copier.copy('hsk_live_value')).toEqual({ copied: true, clearAfterSeconds: 20 });
    expect(clipboard.readText()).toBe('hsk_live_value');
    vi.advanceTimersByTime(19_000);
    expect(clipboard.readText()).toBe('hsk_live_value');
    vi.advanceTimersByTime(1_000);
    expect(clipboard.readText()).toBe('');
  });

  it('leaves the clipboard alone if the user copied something else since', () => {
    const copier = createSecretCopier(electronClipboard(clipboard));
    copier.copy('hsk_live_value');
    clipboard.writeText('my own notes');
    vi.advanceTimersByTime(20_000);
    expect(clipboard.readText()).toBe('my own notes');
  });
});
