/**
 * The main window and its web preferences: context isolation, sandbox, no Node in the page,
 * web security on, nothing insecure or experimental. Every window Keyhive opens uses these.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';

export const SECURE_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  disableBlinkFeatures: 'Auxclick',
});

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Keyhive',
    show: false,
    backgroundColor: '#111318',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  };
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(opts.preloadPath));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
