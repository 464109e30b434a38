import { beforeEach, describe, expect, it } from 'vitest';
import { recorded, type BrowserWindow as StandInWindow } from '../support/electron-stand-in/index.js';
import { createMainWindow } from '../../electron/main/window.js';

describe('main window', () => {
  beforeEach(() => recorded.reset());

  it('creates every window with isolation, sandbox, no node and web security on', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', url: 'app://keyhive/index.html' });
    expect(recorded.windows).toHaveLength(1);
    for (const w of recorded.windows) {
      const prefs = w.options['webPreferences'] as Record<string, unknown>;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        webviewTag: false,
        preload: '/app/out/preload/index.cjs',
      });
      expect(prefs['allowRunningInsecureContent']).not.toBe(true);
      expect(prefs['experimentalFeatures']).not.toBe(true);
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(w.loadedUrl).toBe('app://keyhive/index.html');
    }
  });

  it('shows the window only when it is ready (no white flash)', () => {
    const win = createMainWindow({ preloadPath: '/p.cjs', url: 'app://keyhive/index.html' }) as unknown as StandInWindow;
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });
});
