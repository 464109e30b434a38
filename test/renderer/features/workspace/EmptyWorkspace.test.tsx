import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/src/App.js';
import { FakeApi } from '../../fake-api.js';
import { renderWithApi } from '../../render-app.js';

describe('EmptyWorkspace', () => {
  it('teaches what a workspace is and creates one from a folder path', async () => {
    const user = userEvent.setup();
    const api = new FakeApi(null);
    renderWithApi(<App />, { api, transport: 'web' });
    expect(await screen.findByText(/A workspace is one/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Create a workspace from a folder'), '/home/dev/code/hive');
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect(api.callsTo('workspace.init')).toEqual([{ dir: '/home/dev/code/hive' }]);
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    expect(screen.getByText('Created /home/dev/code/hive/keyhive.yaml')).toBeInTheDocument();
  });

  it('shows the error and its fix when the folder cannot be used', async () => {
    const user = userEvent.setup();
    const api = new FakeApi(null);
    api.failures.set('workspace.init', { code: 'NOT_FOUND', message: 'No .env files under /tmp/empty.', fix: 'Pick the folder that holds your services.' });
    renderWithApi(<App />, { api });
    await user.type(await screen.findByLabelText('Create a workspace from a folder'), '/tmp/empty');
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No .env files under /tmp/empty.');
    expect(alert).toHaveTextContent('Fix: Pick the folder that holds your services.');
  });

  it('opens an existing keyhive.yaml', async () => {
    const user = userEvent.setup();
    const api = new FakeApi(null);
    renderWithApi(<App />, { api });
    await user.type(await screen.findByLabelText('Or open an existing keyhive.yaml'), '/home/dev/code/hive/keyhive.yaml');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
  });
});
