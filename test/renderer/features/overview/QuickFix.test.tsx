import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OverviewView } from '../../../../renderer/src/features/overview/OverviewView.js';
import { FakeApi } from '../../fake-api.js';
import { demoStatus } from '../../fixtures.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

describe('QuickFix', () => {
  it('stores an agreed value in the keychain in one click when there is no entry', async () => {
    const status = demoStatus();
    const hub = status.secrets[0]!;
    hub.state = 'no-keychain-entry';
    hub.keychainFingerprint = null;
    const api = new FakeApi(status);
    const store = await loadedStore(api);
    renderWithApi(<OverviewView />, { api, store });
    await userEvent.click(screen.getByRole('button', { name: 'Store hivecfm-hub-api-key in the keychain from hivecfm-hub' }));
    expect(api.callsTo('secret.import')).toEqual([{ secret: 'hivecfm-hub-api-key', service: 'hivecfm-hub' }]);
    await waitFor(() => expect(store.getState().status!.secrets[0]!.state).toBe('in-sync'));
    expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'success', undoId: expect.any(String) });
  });

  it('opens Sync for a drifted secret, right from the overview', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    renderWithApi(<OverviewView />, { api, store: await loadedStore(api) });
    await user.click(screen.getByRole('button', { name: 'Sync hogsend-api-key…' }));
    await user.click(screen.getByRole('button', { name: 'Sync from keychain' }));
    expect(api.callsTo('secret.sync')).toEqual([{ secret: 'hogsend-api-key', from: 'keychain', restart: true }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
