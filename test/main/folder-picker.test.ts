import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { app, BrowserWindow, dialog, ipcEvent, ipcMain, recorded } from '../support/electron-stand-in/index.js';
import { electronFolderPicker } from '../../electron/main/folder-picker.js';
import { startDesktopApp } from '../../electron/main/app-shell.js';
import { createKeyhiveService } from '../../electron/app/keyhive-service.js';
import { ipcChannelOf } from '../../shared/api.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

describe('native folder picker', () => {
  beforeEach(() => recorded.reset());

  it('opens a directory dialog modal to the window and returns the chosen folder', async () => {
    const win = new BrowserWindow();
    const picker = electronFolderPicker(dialog as never, () => win as never);
    recorded.answerDialog('/home/dev/code/hive');
    expect(await picker.pickFolder()).toBe('/home/dev/code/hive');
    expect(recorded.dialogCalls).toHaveLength(1);
    expect(recorded.dialogCalls[0]!.window).toBe(win);
    expect(recorded.dialogCalls[0]!.options).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
  });

  it('returns null when the user cancels', async () => {
    const picker = electronFolderPicker(dialog as never, () => new BrowserWindow() as never);
    recorded.answerDialog(null);
    expect(await picker.pickFolder()).toBeNull();
  });

  it('still opens (free-standing) when the window is gone', async () => {
    const win = new BrowserWindow();
    win.close();
    const picker = electronFolderPicker(dialog as never, () => win as never);
    recorded.answerDialog('/srv/code');
    expect(await picker.pickFolder()).toBe('/srv/code');
    expect(recorded.dialogCalls[0]!.window).toBeNull();
    const none = electronFolderPicker(dialog as never, () => null);
    recorded.answerDialog(null);
    expect(await none.pickFolder()).toBeNull();
  });

  it('is wired into the desktop app: workspace.pickFolder over IPC answers the folder, or null when cancelled', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyhive-picker-data-'));
    const started = startDesktopApp({
      rendererDir: '/nonexistent/out/renderer',
      preloadPath: '/app/out/preload/index.cjs',
      context: { store: new MemorySecretStore(), dataDir },
      createService: (o) => createKeyhiveService({ ...o, store: new MemorySecretStore(), dataDir }),
    });
    app.makeReady();
    const shell = await started;
    if (!shell) throw new Error('did not start');
    try {
      const invoke = ipcMain.handlers.get(ipcChannelOf('workspace.pickFolder'))!;
      const sender = recorded.windows[0]!.webContents;
      recorded.answerDialog('/home/dev/code/hive');
      expect(await invoke(ipcEvent(sender), {})).toEqual({ ok: true, value: { dir: '/home/dev/code/hive' } });
      expect(recorded.dialogCalls[0]!.window).toBe(shell.window());
      recorded.answerDialog(null);
      expect(await invoke(ipcEvent(sender), {})).toEqual({ ok: true, value: { dir: null } });
    } finally {
      await shell.service.close();
    }
  });
});
