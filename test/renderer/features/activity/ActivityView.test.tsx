import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ActivityView } from '../../../../renderer/src/features/activity/ActivityView.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

async function setup() {
  const api = new FakeApi();
  api.activity = [
    { id: 'a3', at: '2026-11-25T07:03:00.000Z', kind: 'probe', secret: 'hogsend-api-key', summary: 'Probed hogsend: 401 on GET /v1/webhooks', files: [], undoable: false, undone: false },
    { id: 'a2', at: '2026-11-25T07:02:00.000Z', kind: 'rotate', secret: 'hivecfm-hub-api-key', summary: 'Rotated hivecfm-hub-api-key', fingerprintBefore: '3fa9c2d1', fingerprintAfter: '77aa0b12', files: ['/w/hivecfm-hub/.env', '/w/hivecfm-core/.env'], undoable: true, undone: false },
    { id: 'a1', at: '2026-11-25T07:01:00.000Z', kind: 'restart', summary: 'Recreated hivecfm-hub-api', files: [], undoable: false, undone: false },
  ];
  const store = await loadedStore(api);
  return { ...renderWithApi(<ActivityView />, { api, store }), api };
}

const rows = () => within(screen.getByRole('table', { name: 'Activity entries' })).getAllByRole('row').slice(1);

describe('ActivityView', () => {
  it('lists the journal with fingerprints (never values)', async () => {
    await setup();
    await screen.findByRole('table', { name: 'Activity entries' });
    expect(rows()).toHaveLength(3);
    expect(rows()[1]).toHaveTextContent('3fa9c2d1 → 77aa0b12');
    expect(rows()[1]).toHaveTextContent('hivecfm-hub/.env');
  });

  it('filters by kind, secret and text', async () => {
    const user = userEvent.setup();
    await setup();
    await screen.findByRole('table');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'rotate');
    expect(rows()).toHaveLength(1);
    expect(screen.getByText('1 of 3')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), '');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Secret' }), 'hogsend-api-key');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent('401');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Secret' }), '');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'recreated');
    expect(rows()).toHaveLength(1);
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'zzz');
    expect(screen.getByText('No entry matches these filters.')).toBeInTheDocument();
  });

  it('undoes an undoable entry and refreshes live on activity events', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Undo: Rotated hivecfm-hub-api-key' }));
    expect(api.callsTo('activity.undo')).toEqual([{ id: 'a2' }]);
    expect(await screen.findByText('undone')).toBeInTheDocument();
    expect(rows()).toHaveLength(4);
    const entry = { id: 'a9', at: '2026-11-25T07:09:00.000Z', kind: 'sync' as const, summary: 'Synced x', files: [], undoable: false, undone: false };
    api.activity.unshift(entry);
    act(() => api.emit('activity', entry));
    expect(await screen.findByText('5 of 5')).toBeInTheDocument();
  });
});
