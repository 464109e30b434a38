import { beforeEach, describe, expect, it } from 'vitest';
import { ipcRenderer, recorded } from '../support/electron-stand-in/index.js';
import { createPreloadApi } from '../../electron/preload/bridge.js';
import { IPC_EVENT_CHANNEL, ipcChannelOf } from '../../shared/api.js';

describe('preload bridge (window.keyhive)', () => {
  beforeEach(() => recorded.reset());

  it('exposes only window.keyhive, never ipcRenderer', async () => {
    await import('../../electron/preload/index.js');
    expect([...recorded.exposed.keys()]).toEqual(['keyhive']);
    const api = recorded.exposed.get('keyhive') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes declared channels over their IPC name, refuses others locally', async () => {
    ipcRenderer.invokeImpl = async (channel: string) => ({ ok: true, value: { file: channel } });
    const api = createPreloadApi(ipcRenderer as never);
    expect(await api.invoke('workspace.current', {})).toEqual({ ok: true, value: { file: ipcChannelOf('workspace.current') } });
    const r = await api.invoke('shell.exec' as never, {} as never);
    expect(r.ok).toBe(false);
    expect(recorded.rendererInvokes.map((i) => i.channel)).toEqual([ipcChannelOf('workspace.current')]);
  });

  it('delivers only the subscribed event, and unsubscribes', () => {
    const api = createPreloadApi(ipcRenderer as never);
    const got: unknown[] = [];
    const off = api.on('activity', (p) => got.push(p));
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { name: 'progress', payload: 1 });
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { name: 'activity', payload: { id: 'a' } });
    off();
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { name: 'activity', payload: { id: 'b' } });
    expect(got).toEqual([{ id: 'a' }]);
    expect(() => api.on('not-an-event' as never, () => {})).toThrow();
  });
});
