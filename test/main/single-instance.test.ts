import { beforeEach, describe, expect, it } from 'vitest';
import { app, BrowserWindow, recorded } from '../support/electron-stand-in/index.js';
import { claimSingleInstance } from '../../electron/main/single-instance.js';

describe('single instance', () => {
  beforeEach(() => recorded.reset());

  it('a second launch quits when the lock is held', () => {
    app.singleInstanceLockAvailable = false;
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance focuses (and restores) its window on second-instance', () => {
    const win = new BrowserWindow({});
    expect(claimSingleInstance(app as never, () => win as never)).toBe(true);
    expect(app.lockRequested).toBe(1);
    win.minimized = true;
    app.emit('second-instance', {}, ['keyhive'], '/');
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
    expect(win.visible).toBe(true);
    expect(app.quitCalls).toBe(0);
  });

  it('ignores second-instance when the window is gone', () => {
    const win = new BrowserWindow({});
    claimSingleInstance(app as never, () => win as never);
    win.close();
    expect(() => app.emit('second-instance', {}, [], '/')).not.toThrow();
    expect(win.focused).toBe(0);
  });
});
