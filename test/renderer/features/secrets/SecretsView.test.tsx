import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SecretsView } from '../../../../renderer/src/features/secrets/SecretsView.js';
import { Toasts } from '../../../../renderer/src/components/Toasts.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

async function setup() {
  const api = new FakeApi();
  const store = await loadedStore(api);
  const utils = renderWithApi(
    <>
      <SecretsView />
      <Toasts />
    </>,
    { api, store },
  );
  return { ...utils, api, store };
}

describe('SecretsView', () => {
  it('shows secret × service with fingerprint, file, line and state — never a value', async () => {
    const { container } = await setup();
    const grid = screen.getByRole('grid', { name: 'Secrets by service' });
    const cell = within(grid).getByRole('cell', { name: 'hogsend-api-key in hivecfm-core' });
    expect(cell).toHaveTextContent('Drifted');
    expect(cell).toHaveTextContent('9c41e0b7');
    expect(cell).toHaveTextContent('HOGSEND_API_KEY');
    expect(cell).toHaveTextContent('hivecfm-core/.env.local:2');
    expect(within(grid).getByRole('cell', { name: 'tokenhub-key in hivecfm-core' })).toHaveTextContent('(absent)');
    expect(container.innerHTML).not.toContain('hsk_live_SECRETVALUE0000');
  });

  it('says which issuer an issued key belongs to; a shared secret names none', async () => {
    await setup();
    const grid = screen.getByRole('grid', { name: 'Secrets by service' });
    expect(within(grid).getByLabelText('tokenhub-key is a key issued by tokenhub')).toHaveTextContent('issued by tokenhub');
    expect(within(grid).queryByLabelText(/hogsend-api-key is a key issued by/)).toBeNull();
  });

  it('syncs from the chosen source in one click, then offers Undo', async () => {
    const user = userEvent.setup();
    const { api, store } = await setup();
    await user.click(screen.getByRole('button', { name: 'Sync hogsend-api-key' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync hogsend-api-key' });
    expect(within(dialog).getByRole('radio', { name: /Keychain/ })).toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: /hogsend/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Sync from hogsend' }));
    expect(api.callsTo('secret.sync')).toEqual([{ secret: 'hogsend-api-key', from: { service: 'hogsend' }, restart: true }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const row = screen.getByRole('row', { name: /hogsend-api-key/ });
    expect(within(row).queryByText('Drifted')).not.toBeInTheDocument();
    expect(store.getState().status!.secrets[1]!.state).toBe('in-sync');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.callsTo('activity.undo')).toEqual([{ id: 'act-1' }]);
    expect(await screen.findByText(/Undone: Synced hogsend-api-key/)).toBeInTheDocument();
  });

  it('shows the rotation step by step until it completes', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    await user.click(screen.getByRole('button', { name: 'Rotate hivecfm-hub-api-key' }));
    const dialog = screen.getByRole('dialog', { name: 'Rotate hivecfm-hub-api-key' });
    expect(within(dialog).getByText(/writes it to 2 files/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Rotate now' }));
    const progress = await within(dialog).findByRole('region', { name: 'Rotation progress' });
    await waitFor(() => expect(within(progress).getByRole('status')).toHaveTextContent('Completed'));
    const steps = within(progress).getAllByRole('listitem');
    expect(steps.map((s) => s.getAttribute('data-state'))).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(steps[3]).toHaveTextContent('Recreate services');
    expect(api.callsTo('secret.rotate')).toEqual([{ secret: 'hivecfm-hub-api-key' }]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Undo' })).toBeInTheDocument();
  });

  it('moves between cells with the arrow keys and opens a secret with Enter', async () => {
    const user = userEvent.setup();
    const { store } = await setup();
    const first = screen.getByRole('button', { name: 'Open hivecfm-hub-api-key' });
    expect(first).toHaveAttribute('tabindex', '0');
    first.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('cell', { name: 'hivecfm-hub-api-key in the keychain' })).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowLeft}');
    expect(screen.getByRole('button', { name: 'Open hogsend-api-key' })).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByRole('button', { name: 'Rotate hogsend-api-key' })).toHaveFocus();
    await user.keyboard('{Home}{Enter}');
    expect(store.getState().view).toBe('secret');
    expect(store.getState().selectedSecret).toBe('hogsend-api-key');
  });

  it('says what went wrong and the fix when a sync fails', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    api.failures.set('secret.sync', { code: 'FILE_CONFLICT', message: 'hivecfm-core/.env changed while Keyhive was writing it.', fix: 'Sync again.', file: '/w/hivecfm-core/.env' });
    await user.click(screen.getByRole('button', { name: 'Sync hogsend-api-key' }));
    await user.click(screen.getByRole('button', { name: 'Sync from keychain' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('changed while Keyhive was writing it');
    expect(alert).toHaveTextContent('Fix: Sync again.');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
