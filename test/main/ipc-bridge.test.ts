import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, ipcEvent, ipcMain, recorded, StandInFrame } from '../support/electron-stand-in/index.js';
import { forwardEvents, isSameOrigin, registerIpcHandlers, trustedSenderCheck } from '../../electron/main/ipc-bridge.js';
import { channelNames, IPC_EVENT_CHANNEL, ipcChannelOf } from '../../shared/api.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyhiveService } from '../../electron/app/keyhive-service.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';
import { createEventBus } from '../../electron/app/events.js';

const ORIGIN = 'app://keyhive';

function setUp() {
  const win = new BrowserWindow({});
  void win.loadURL('app://keyhive/index.html');
  const service = createKeyhiveService({ workspaceFile: '/nonexistent/keyhive.yaml', store: new MemorySecretStore(), dataDir: mkdtempSync(join(tmpdir(), 'keyhive-ipc-')) });
  registerIpcHandlers(ipcMain, service.invoke, trustedSenderCheck(() => win as never, ORIGIN));
  const call = (channel: string, event: unknown, payload: unknown) => {
    const h = ipcMain.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, payload) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  };
  return { win, service, call };
}

describe('IPC bridge', () => {
  beforeEach(() => recorded.reset());

  it('registers one handler per channel of shared/api.ts, and nothing else', () => {
    setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannelOf).sort());
  });

  it('answers our own window’s main frame', async () => {
    const { win, call } = setUp();
    const r = await call(ipcChannelOf('workspace.current'), ipcEvent(win.webContents), {});
    expect(r).toEqual({ ok: true, value: { file: '/nonexistent/keyhive.yaml' } });
  });

  it('rejects another webContents, a subframe, and a frame at another URL with UNAUTHORIZED', async () => {
    const { win, call } = setUp();
    const other = new BrowserWindow({});
    void other.loadURL('app://keyhive/index.html');
    const sub = new StandInFrame('app://keyhive/index.html');
    sub.parent = win.webContents.mainFrame;
    const cases = [
      ipcEvent(other.webContents),
      ipcEvent(win.webContents, sub),
      ipcEvent(win.webContents, new StandInFrame('https://evil.example/')),
      ipcEvent(win.webContents, null),
      // Another top-level frame object at our URL that is not the window's main frame.
      ipcEvent(win.webContents, new StandInFrame('app://keyhive/index.html')),
    ];
    // Our own window after it navigated elsewhere (navigation is denied, but belt and braces).
    for (const event of cases) {
      const r = await call(ipcChannelOf('workspace.current'), event, {});
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('UNAUTHORIZED');
      expect(r).not.toHaveProperty('value');
    }
    win.webContents.mainFrame = new StandInFrame('https://evil.example/');
    const r = await call(ipcChannelOf('status.get'), ipcEvent(win.webContents), {});
    expect(r.error?.code).toBe('UNAUTHORIZED');
  });

  it('rejects invalid payloads with BAD_INPUT, without echoing them', async () => {
    const { win, call } = setUp();
    const r = await call(ipcChannelOf('secret.reveal'), ipcEvent(win.webContents), { secret: 42, smuggled: 'x' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('BAD_INPUT');
    const r2 = await call(ipcChannelOf('workspace.current'), ipcEvent(win.webContents), { unexpected: 'hsk_abc' });
    expect(r2.error?.code).toBe('BAD_INPUT');
    expect(JSON.stringify(r2)).not.toContain('hsk_abc');
  });

  it('same-origin check compares scheme and host (with port)', () => {
    expect(isSameOrigin('app://keyhive/index.html', 'app://keyhive')).toBe(true);
    expect(isSameOrigin('app://keyhive.evil/index.html', 'app://keyhive')).toBe(false);
    expect(isSameOrigin('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isSameOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isSameOrigin('file:///index.html', 'app://keyhive')).toBe(false);
  });

  it('forwards engine events to the window on the event channel', () => {
    const win = new BrowserWindow({});
    const bus = createEventBus();
    const off = forwardEvents(bus, () => win as never);
    const progress = { operationId: 'op1', operation: 'sync' as const, step: 'write', label: 'Write files', state: 'running' as const, at: new Date().toISOString() };
    bus.emit('progress', progress);
    expect(win.webContents.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, args: [{ name: 'progress', payload: progress }] }]);
    off();
    bus.emit('progress', progress);
    expect(win.webContents.sent).toHaveLength(1);
    win.close();
    const off2 = forwardEvents(bus, () => win as never);
    expect(() => bus.emit('progress', progress)).not.toThrow();
    off2();
  });
});
