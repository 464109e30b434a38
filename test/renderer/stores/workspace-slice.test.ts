import { describe, expect, it } from 'vitest';
import { connectEvents, createAppStore } from '../../../renderer/src/stores/app-store.js';
import { FakeApi } from '../fake-api.js';
import { demoStatus } from '../fixtures.js';

describe('workspace slice', () => {
  it('loads: empty without a workspace, ready with one, error with the payload', async () => {
    const empty = createAppStore(new FakeApi(null));
    await empty.getState().load();
    expect(empty.getState().phase).toBe('empty');

    const api = new FakeApi();
    const ready = createAppStore(api);
    await ready.getState().load();
    expect(ready.getState()).toMatchObject({ phase: 'ready', status: { workspace: { name: 'hive-local' } } });

    api.failures.set('status.get', { code: 'KEYCHAIN_UNAVAILABLE', message: 'locked', fix: 'unlock' });
    await ready.getState().load();
    expect(ready.getState()).toMatchObject({ phase: 'error', loadError: { code: 'KEYCHAIN_UNAVAILABLE' } });
  });

  it('sync: updates the status, records the operation and offers Undo', async () => {
    const api = new FakeApi();
    const store = createAppStore(api);
    await store.getState().load();
    const r = await store.getState().sync('hogsend-api-key', 'keychain');
    expect(r?.ok).toBe(true);
    expect(store.getState().status!.secrets[1]!.state).toBe('in-sync');
    expect(store.getState().busy).toBeNull();
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'success', undoId: r!.activityId });
    await store.getState().undo(r!.activityId!);
    expect(api.callsTo('activity.undo')).toEqual([{ id: r!.activityId }]);
    expect(store.getState().toasts.at(-1)!.title).toMatch(/^Undone/);
  });

  it('a failed change becomes an error toast with the fix, and clears busy', async () => {
    const api = new FakeApi();
    const store = createAppStore(api);
    await store.getState().load();
    api.failures.set('secret.rotate', { code: 'LOCKED', message: 'Another rotation is running.', fix: 'Wait for it to finish.' });
    expect(await store.getState().rotate('hogsend-api-key')).toBeNull();
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'error', detail: 'Another rotation is running.', fix: 'Wait for it to finish.' });
    expect(store.getState().busy).toBeNull();
  });

  it('follows status.changed and progress events once connected, and stops after disconnect', async () => {
    const api = new FakeApi();
    const store = createAppStore(api);
    const off = connectEvents(api, store);
    const s = demoStatus();
    s.workspace.name = 'renamed';
    api.emit('status.changed', s);
    expect(store.getState()).toMatchObject({ phase: 'ready', status: { workspace: { name: 'renamed' } } });
    off();
    s.workspace.name = 'after';
    api.emit('status.changed', s);
    expect(store.getState().status!.workspace.name).toBe('renamed');
  });
});
