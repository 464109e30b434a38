import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Toasts } from '../../../renderer/src/components/Toasts.js';
import { createAppStore } from '../../../renderer/src/stores/app-store.js';
import { FakeApi } from '../fake-api.js';
import { renderWithApi } from '../render-app.js';

afterEach(() => vi.useRealTimers());

describe('Toasts', () => {
  it('Escape dismisses the newest; Undo calls activity.undo with the entry id', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    api.activity = [{ id: 'e1', at: '2026-11-25T07:00:00.000Z', kind: 'sync', secret: 'x', summary: 'Synced x', files: [], undoable: true, undone: false }];
    const store = createAppStore(api);
    renderWithApi(<Toasts />, { api, store });
    act(() => {
      store.getState().pushToast({ tone: 'success', title: 'Synced x', undoId: 'e1' });
      store.getState().pushToast({ tone: 'info', title: 'Second' });
    });
    await user.keyboard('{Escape}');
    expect(screen.queryByText('Second')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.callsTo('activity.undo')).toEqual([{ id: 'e1' }]);
    expect(await screen.findByText('Undone: Synced x')).toBeInTheDocument();
  });

  it('success toasts leave by themselves; errors stay until dismissed', async () => {
    vi.useFakeTimers();
    const api = new FakeApi();
    const store = createAppStore(api);
    renderWithApi(<Toasts />, { api, store });
    act(() => {
      store.getState().pushToast({ tone: 'success', title: 'Done' });
      store.getState().pushError({ code: 'INTERNAL', message: 'Broke', fix: 'Report it' });
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(16_000);
    });
    expect(screen.queryByText('Done')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Fix: Report it');
  });
});
