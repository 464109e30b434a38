/**
 * The main window. Its web preferences are written out literally (so static checkers such as
 * electronegativity can see them): context isolation, sandbox, no Node in the page or its
 * workers/subframes, web security on, nothing insecure or experimental, no <webview>.
 */
import { BrowserWindow } from 'electron';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Keyhive',
    show: false,
    backgroundColor: '#111318',
    webPreferences: {
      preload: opts.preloadPath,
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
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
