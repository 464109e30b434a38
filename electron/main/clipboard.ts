/** Electron's clipboard behind the app's Clipboard port (the 20 s clear lives in electron/app). */
import type { Clipboard as ElectronClipboard } from 'electron';
import type { Clipboard } from '../app/secrets/clipboard.js';

export function electronClipboard(clipboard: Pick<ElectronClipboard, 'writeText' | 'readText' | 'clear'>): Clipboard {
  return {
    writeText: (text) => clipboard.writeText(text),
    readText: () => clipboard.readText(),
    clear: () => clipboard.clear(),
  };
}
