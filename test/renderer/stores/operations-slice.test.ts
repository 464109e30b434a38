import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/stores/app-store.js';
import { FakeApi } from '../fake-api.js';

const ev = (operationId: string, step: string, state: 'running' | 'done' | 'failed', secret = 's') => ({
  operationId, operation: 'rotate' as const, secret, step, label: step, state, at: '2026-11-25T07:00:00.000Z',
});

describe('operations slice', () => {
  it('keeps one row per step, in first-seen order, with its latest state', () => {
    const store = createAppStore(new FakeApi());
    const s = store.getState();
    s.applyProgress(ev('op1', 'generate', 'running'));
    s.applyProgress(ev('op1', 'write', 'running'));
    s.applyProgress(ev('op1', 'generate', 'done'));
    const op = store.getState().operations.op1!;
    expect(op.steps.map((x) => `${x.step}:${x.state}`)).toEqual(['generate:done', 'write:running']);
    expect(op.finished).toBe(false);
  });

  it('finds the newest operation on a secret, only among those started since a point', () => {
    const store = createAppStore(new FakeApi());
    const s = store.getState();
    s.applyProgress(ev('old', 'a', 'done', 'k'));
    const since = store.getState().operationOrder.length;
    expect(store.getState().latestOperationFor('k', ['rotate'], since)).toBeNull();
    s.applyProgress(ev('new', 'a', 'running', 'k'));
    s.finishOperation('new', true, 'Rotated k', 'rotate', 'k');
    const op = store.getState().latestOperationFor('k', ['rotate'], since)!;
    expect(op.operationId).toBe('new');
    expect(op).toMatchObject({ finished: true, ok: true, summary: 'Rotated k' });
    expect(store.getState().latestOperationFor('k', ['sync'])).toBeNull();
  });

  it('records an operation that finished without any progress event', () => {
    const store = createAppStore(new FakeApi());
    store.getState().finishOperation('quiet', false, 'Rolled back', 'sync', 'k');
    expect(store.getState().latestOperationFor('k')).toMatchObject({ operationId: 'quiet', ok: false, steps: [] });
  });
});
