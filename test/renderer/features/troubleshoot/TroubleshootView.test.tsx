import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TroubleshootView } from '../../../../renderer/src/features/troubleshoot/TroubleshootView.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

async function setup(api = new FakeApi()) {
  const store = await loadedStore(api);
  return { ...renderWithApi(<TroubleshootView />, { api, store }), api };
}

describe('TroubleshootView', () => {
  it('shows the doctor as a checklist with what, why and the fix', async () => {
    await setup();
    const list = await screen.findByRole('list', { name: 'Checklist' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-severity'))).toEqual(['ok', 'error', 'warning']);
    expect(items[1]).toHaveTextContent('Problem');
    expect(items[1]).toHaveTextContent('.env.local wins over .env');
    expect(items[1]).toHaveTextContent('Fix: Write the keychain value to hivecfm-core.');
    expect(screen.getByText('2 steps need attention')).toBeInTheDocument();
  });

  it('applies a finding’s fix with its button and re-checks', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    await user.click(await screen.findByRole('button', { name: 'Sync from keychain (Every side holds the same key)' }));
    expect(api.callsTo('doctor.fix')).toEqual([{ secret: 'hogsend-api-key', action: 'sync-from-keychain' }]);
    await waitFor(() => expect(screen.getByText('1 step needs attention')).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: /Sync from keychain/ })).not.toBeInTheDocument();
  });

  it('runs for one secret when chosen', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    await screen.findByRole('list', { name: 'Checklist' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Secret' }), 'hivecfm-hub-api-key');
    await waitFor(() => expect(api.callsTo('doctor.run').at(-1)).toEqual({ secret: 'hivecfm-hub-api-key' }));
    expect(await screen.findByText('Every check passed')).toBeInTheDocument();
  });

  it('renders a doctor failure with its fix', async () => {
    const api = new FakeApi();
    api.failures.set('doctor.run', { code: 'KEYCHAIN_UNAVAILABLE', message: 'The Secret Service is locked.', fix: 'Unlock your login keyring, then check again.' });
    await setup(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The Secret Service is locked.');
    expect(alert).toHaveTextContent('Fix: Unlock your login keyring');
  });
});
