import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../../../../renderer/src/features/settings/SettingsView.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

async function setup() {
  const api = new FakeApi();
  const store = await loadedStore(api);
  const onToggleTheme = vi.fn();
  return { ...renderWithApi(<SettingsView theme="light" onToggleTheme={onToggleTheme} />, { api, store }), api, store, onToggleTheme };
}

describe('SettingsView', () => {
  it('switches the run mode between Docker and native', async () => {
    const user = userEvent.setup();
    const { api, store } = await setup();
    expect(screen.getByRole('radio', { name: /Docker/ })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /Native/ }));
    expect(api.callsTo('workspace.setRunMode')).toEqual([{ runMode: 'native' }]);
    expect(await screen.findByRole('radio', { name: /Native/ })).toBeChecked();
    expect(store.getState().status!.workspace.runMode).toBe('native');
  });

  it('shows the open workspace and opens another, showing the error and its fix', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    expect(screen.getByText('/home/dev/code/hive/keyhive.yaml')).toBeInTheDocument();
    api.failures.set('workspace.open', { code: 'NOT_FOUND', message: '/nope/keyhive.yaml does not exist.', fix: 'Check the path.' });
    await user.type(screen.getByLabelText('Open another keyhive.yaml'), '/nope/keyhive.yaml');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('/nope/keyhive.yaml does not exist.');
    expect(alert).toHaveTextContent('Fix: Check the path.');
  });

  it('toggles the theme', async () => {
    const user = userEvent.setup();
    const { onToggleTheme } = await setup();
    await user.click(screen.getByRole('button', { name: 'Switch to dark theme' }));
    expect(onToggleTheme).toHaveBeenCalledOnce();
  });
});
