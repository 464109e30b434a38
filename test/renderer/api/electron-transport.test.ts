import { describe, expect, it } from 'vitest';
import type { KeyhiveApi } from '../../../shared/api.js';
import { createElectronApi } from '../../../renderer/src/api/electron-transport.js';
import { createApiClient } from '../../../renderer/src/api/client.js';
import { FakeApi } from '../fake-api.js';

describe('createElectronApi', () => {
  it('forwards to the preload bridge and validates its answers', async () => {
    const api = createElectronApi(new FakeApi());
    const r = await api.invoke('status.get', {});
    expect(r.ok && r.value.secrets.length).toBe(3);
  });

  it('turns a rejected IPC call into an error payload with a fix', async () => {
    const bridge = { invoke: async () => Promise.reject(new Error('IPC channel closed')), on: () => () => undefined } as unknown as KeyhiveApi;
    const r = await createElectronApi(bridge).invoke('status.get', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('IPC channel closed'), fix: expect.any(String) } });
  });

  it('drops events that do not match their schema', () => {
    const fake = new FakeApi();
    const seen: string[] = [];
    createElectronApi(fake).on('progress', (e) => seen.push(e.step));
    fake.emit('progress', { operationId: 'o', operation: 'rotate', step: 'write', label: 'Write', state: 'done', at: '2026-11-25T07:00:00.000Z' });
    expect(seen).toEqual(['write']);
  });
});

describe('createApiClient', () => {
  it('uses the desktop bridge when the preload exposed one, else web mode', () => {
    expect(createApiClient({ keyhive: new FakeApi() } as unknown as Window).transport).toBe('desktop');
    expect(createApiClient({} as Window).transport).toBe('web');
  });
});
