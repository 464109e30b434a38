import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/stores/app-store.js';
import { FakeApi } from '../fake-api.js';

describe('toast slice', () => {
  it('shows what, where and the fix of an error payload', () => {
    const store = createAppStore(new FakeApi());
    store.getState().pushError({ code: 'ENV_PARSE', message: 'Unclosed quote.', fix: 'Close the quote on that line.', file: '/w/.env', line: 3 });
    expect(store.getState().toasts[0]).toMatchObject({ tone: 'error', detail: 'Unclosed quote. (/w/.env:3)', fix: 'Close the quote on that line.' });
  });

  it('keeps at most five, dismisses by id and the newest first', () => {
    const store = createAppStore(new FakeApi());
    const ids = Array.from({ length: 7 }, (_, i) => store.getState().pushToast({ tone: 'info', title: `t${i}` }));
    expect(store.getState().toasts.map((t) => t.title)).toEqual(['t2', 't3', 't4', 't5', 't6']);
    store.getState().dismissToast(ids[3]!);
    store.getState().dismissLatestToast();
    expect(store.getState().toasts.map((t) => t.title)).toEqual(['t2', 't4', 't5']);
  });
});
