import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, clipboard, ipcEvent, ipcMain, protocol, recorded, session, StandInFrame } from '../support/electron-stand-in/index.js';
import { startDesktopApp } from '../../electron/main/app-shell.js';
import { KeytarBroker, keytarFor } from '../../electron/adapters/keychain/keytar-broker.js';
import { createKeyhiveService } from '../../electron/app/keyhive-service.js';
import { accounts } from '../../electron/core/secrets/secret-store.js';
import { channelNames, CONTENT_SECURITY_POLICY, IPC_EVENT_CHANNEL, ipcChannelOf } from '../../shared/api.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

const KEY = 'hub-key-desk0123456789abcdef0123456789abc';

async function demoWorkspace(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'keyhive-shell-'));
  await mkdir(join(root, 'hub'));
  await writeFile(join(root, 'hub', '.env'), `API_KEY=${KEY}\n`);
  await writeFile(join(root, 'keyhive.yaml'), `name: shell\nid: shell-test\nrunMode: native\nservices:\n  hub: { dir: hub }\nsecrets:\n  hub-key:\n    bindings:\n      - { service: hub, var: API_KEY, role: server }\n`);
  return join(root, 'keyhive.yaml');
}

describe('desktop shell (against the electron stand-in)', () => {
  const store = new MemorySecretStore();
  let dataDir: string;
  beforeEach(async () => {
    recorded.reset();
    dataDir = await mkdtemp(join(tmpdir(), 'keyhive-shell-data-'));
    store.entries.set(accounts.secret('shell-test', 'hub-key'), KEY);
  });
  afterEach(() => vi.useRealTimers());

  async function launch() {
    const started = startDesktopApp({
      workspaceFile: await demoWorkspace(),
      rendererDir: '/nonexistent/out/renderer',
      preloadPath: '/app/out/preload/index.cjs',
      context: { store, dataDir },
      createService: (o) => createKeyhiveService({ ...o, store, dataDir }),
    });
    app.makeReady();
    const shell = await started;
    if (!shell) throw new Error('did not start');
    return shell;
  }

  it('starts hardened: scheme, session, every window, IPC for every channel, workspace opened', async () => {
    const shell = await launch();
    expect(recorded.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(session.defaultSession.permissionCheckHandler?.({}, 'media', '', {})).toBe(false);
    let headers: Record<string, string[]> = {};
    session.defaultSession.headersReceived?.({ responseHeaders: {} }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(recorded.windows).toHaveLength(1);
    for (const w of recorded.windows) {
      expect(w.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(w.loadedUrl).toBe('app://keyhive/index.html');
      expect(w.webContents.windowOpenHandler).not.toBeNull(); // hardened through web-contents-created
      expect(w.webContents.listenerCount('will-navigate')).toBe(1);
      expect(w.webContents.listenerCount('will-attach-webview')).toBe(1);
    }
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannelOf).sort());
    const win = shell.window()!;
    const status = await ipcMain.handlers.get(ipcChannelOf('status.get'))!(ipcEvent(recorded.windows[0]!.webContents), {});
    expect(status).toMatchObject({ ok: true, value: { workspace: { name: 'shell' } } });
    expect(win).toBe(recorded.windows[0]);
    // The keychain of the app runs in a utility process (killable), not keytar in-process.
    expect(keytarFor({ electron: '39.0.0' })).toBeInstanceOf(KeytarBroker);
    await shell.service.close();
  });

  it('runs recovery of pending operations on start (service.start), and reports a failure without dying', async () => {
    const starts: string[] = [];
    const lines: string[] = [];
    const started = startDesktopApp({
      workspaceFile: '/nonexistent/keyhive.yaml',
      rendererDir: '/x',
      preloadPath: '/p.cjs',
      log: (l) => lines.push(l),
      context: { store, dataDir },
      createService: (o) => {
        const svc = createKeyhiveService({ ...o, store, dataDir });
        return { ...svc, start: () => (starts.push(o.workspaceFile ?? ''), svc.start()) };
      },
    });
    app.makeReady();
    const shell = await started;
    expect(starts).toEqual(['/nonexistent/keyhive.yaml']);
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatch(/^keyhive: .*keyhive\.yaml/);
    expect(recorded.windows).toHaveLength(1); // the window still opens and shows the problem
    await shell?.service.close();
  });

  it('refuses a foreign sender and an invalid payload; pushes events to the window', async () => {
    const shell = await launch();
    const contents = recorded.windows[0]!.webContents;
    const foreign = await ipcMain.handlers.get(ipcChannelOf('secret.reveal'))!(ipcEvent(contents, new StandInFrame('https://evil.example/')), { secret: 'hub-key' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(JSON.stringify(foreign)).not.toContain(KEY);
    const invalid = await ipcMain.handlers.get(ipcChannelOf('activity.list'))!(ipcEvent(contents), { limit: 'all' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await ipcMain.handlers.get(ipcChannelOf('secret.import'))!(ipcEvent(contents), { secret: 'hub-key', service: 'hub' });
    expect(contents.sent.some((m) => m.channel === IPC_EVENT_CHANNEL && (m.args[0] as { name: string }).name === 'activity')).toBe(true);
    expect(JSON.stringify(contents.sent)).not.toContain(KEY);
    await shell.service.close();
  });

  it('copies through the real clipboard port and clears it after 20 s', async () => {
    const shell = await launch();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const r = await ipcMain.handlers.get(ipcChannelOf('secret.copy'))!(ipcEvent(recorded.windows[0]!.webContents), { secret: 'hub-key' });
    expect(r).toEqual({ ok: true, value: { copied: true, clearAfterSeconds: 20 } });
    expect(clipboard.readText()).toBe(KEY);
    vi.advanceTimersByTime(19_999);
    expect(clipboard.readText()).toBe(KEY);
    vi.advanceTimersByTime(1);
    expect(clipboard.readText()).toBe('');
    vi.useRealTimers();
    await shell.service.close();
  });

  it('a second instance quits; the first focuses its window', async () => {
    const shell = await launch();
    const win = recorded.windows[0]!;
    win.minimized = true;
    app.emit('second-instance', {}, [], '/');
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
    await shell.service.close();
    recorded.reset();
    app.singleInstanceLockAvailable = false;
    let looked = 0;
    const second = await startDesktopApp({ rendererDir: '/x', preloadPath: '/p.cjs', workspaceFile: async () => (looked++, '/never.yaml') });
    expect(second).toBeNull();
    expect(looked).toBe(0); // a second instance sets nothing up (no demo started)
    expect(app.quitCalls).toBe(1);
    expect(recorded.windows).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
    expect(protocol).toBeDefined();
  });

  it('looks for a slow workspace (the demo) only after registering the app:// scheme, then opens it', async () => {
    const file = await demoWorkspace();
    const order: string[] = [];
    const started = startDesktopApp({
      workspaceFile: async () => {
        order.push(`workspace (scheme registered: ${recorded.privilegedSchemes.length > 0})`);
        return file;
      },
      rendererDir: '/nonexistent/out/renderer',
      preloadPath: '/app/out/preload/index.cjs',
      context: { store, dataDir },
      createService: (o) => createKeyhiveService({ ...o, store, dataDir }),
    });
    app.makeReady();
    const shell = await started;
    expect(order).toEqual(['workspace (scheme registered: true)']);
    const status = await ipcMain.handlers.get(ipcChannelOf('status.get'))!(ipcEvent(recorded.windows[0]!.webContents), {});
    expect(status).toMatchObject({ ok: true, value: { workspace: { name: 'shell' } } });
    await shell!.service.close();
  });
});
