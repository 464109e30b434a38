/** Electron's native folder dialog behind the app's FolderPicker port (`workspace.pickFolder`). */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { FolderPicker } from '../app/workspace/browse-folders.js';

const OPTIONS: OpenDialogOptions = {
  title: 'Choose the folder that holds your services',
  buttonLabel: 'Use this folder',
  properties: ['openDirectory', 'createDirectory'],
};

/** A dialog modal to the main window (or free-standing when there is none); null when cancelled. */
export function electronFolderPicker(dialog: Pick<Dialog, 'showOpenDialog'>, getWindow: () => BrowserWindow | null): FolderPicker {
  return {
    async pickFolder() {
      const win = getWindow();
      const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, OPTIONS) : await dialog.showOpenDialog(OPTIONS);
      const [dir] = result.filePaths;
      return result.canceled || dir === undefined ? null : dir;
    },
  };
}
