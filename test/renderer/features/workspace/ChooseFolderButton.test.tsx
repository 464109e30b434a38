import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/src/App.js';
import { FakeApi } from '../../fake-api.js';
import { renderWithApi } from '../../render-app.js';

describe('ChooseFolderButton', () => {
  describe('desktop app: the native picker', () => {
    it('creates a workspace in the picked folder', async () => {
      const user = userEvent.setup();
      const api = new FakeApi(null);
      api.pickAnswers.push('/home/dev/code/hive');
      renderWithApi(<App />, { api, transport: 'desktop' });
      await user.click(await screen.findByRole('button', { name: 'Choose folder…' }));
      expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
      expect(api.callsTo('workspace.pickFolder')).toEqual([{}]);
      expect(api.callsTo('workspace.init')).toEqual([{ dir: '/home/dev/code/hive' }]);
      expect(api.callsTo('workspace.open')).toEqual([]);
      expect(screen.queryByRole('dialog')).toBeNull(); // no web chooser in the desktop app
      expect(screen.getByText('Created /home/dev/code/hive/keyhive.yaml')).toBeInTheDocument();
    });

    it('opens the keyhive.yaml when the picked folder already has one', async () => {
      const user = userEvent.setup();
      const api = new FakeApi(null);
      api.pickAnswers.push('/home/dev/code/existing');
      renderWithApi(<App />, { api, transport: 'desktop' });
      await user.click(await screen.findByRole('button', { name: 'Choose folder…' }));
      expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
      expect(api.callsTo('workspace.open')).toEqual([{ file: '/home/dev/code/existing/keyhive.yaml' }]);
      expect(api.callsTo('workspace.init')).toEqual([]);
    });

    it('does nothing when the user cancels', async () => {
      const user = userEvent.setup();
      const api = new FakeApi(null);
      renderWithApi(<App />, { api, transport: 'desktop' });
      const button = await screen.findByRole('button', { name: 'Choose folder…' });
      await user.click(button);
      await waitFor(() => expect(api.callsTo('workspace.pickFolder')).toHaveLength(1));
      await waitFor(() => expect(button).toBeEnabled());
      expect(api.callsTo('workspace.init')).toEqual([]);
      expect(screen.queryByRole('alert')).toBeNull();
      expect(screen.getByRole('heading', { name: 'No workspace yet' })).toBeInTheDocument();
    });

    it('shows the error and its fix when the folder cannot become a workspace', async () => {
      const user = userEvent.setup();
      const api = new FakeApi(null);
      api.pickAnswers.push('/home/dev/Documents');
      api.failures.set('workspace.init', { code: 'NOT_FOUND', message: 'No .env files under /home/dev/Documents.', fix: 'Pick the folder that holds your services.' });
      renderWithApi(<App />, { api, transport: 'desktop' });
      await user.click(await screen.findByRole('button', { name: 'Choose folder…' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('No .env files under /home/dev/Documents.');
      expect(alert).toHaveTextContent('Fix: Pick the folder that holds your services.');
    });
  });

  describe('web mode: the directory chooser', () => {
    it('never asks for a native picker; browses to a folder and creates the workspace there', async () => {
      const user = userEvent.setup();
      const api = new FakeApi(null);
      renderWithApi(<App />, { api, transport: 'web' });
      await user.click(await screen.findByRole('button', { name: 'Choose folder…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Choose a folder' });
      const list = await within(dialog).findByRole('listbox', { name: 'Folders in /home/dev' });
      expect(list).toHaveFocus();
      await user.keyboard('{Enter}'); // code is first
      await within(dialog).findByRole('listbox', { name: 'Folders in /home/dev/code' });
      await user.dblClick(within(dialog).getByRole('option', { name: /^hive/ }));
      await within(dialog).findByRole('listbox', { name: 'Folders in /home/dev/code/hive' });
      await user.click(within(dialog).getByRole('button', { name: 'Use this folder' }));
      expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
      expect(api.callsTo('workspace.init')).toEqual([{ dir: '/home/dev/code/hive' }]);
      expect(api.callsTo('workspace.pickFolder')).toEqual([]);
      expect(screen.queryByRole('dialog')).toBeNull();
    });

    it('offers "Open workspace" for a folder that has a keyhive.yaml, and opens it', async () => {
      const user = userEvent.setup();
      const api = new FakeApi(null);
      api.home = '/home/dev/code/existing';
      renderWithApi(<App />, { api, transport: 'web' });
      await user.click(await screen.findByRole('button', { name: 'Choose folder…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Choose a folder' });
      await user.click(await within(dialog).findByRole('button', { name: 'Open workspace' }));
      expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
      expect(api.callsTo('workspace.open')).toEqual([{ file: '/home/dev/code/existing/keyhive.yaml' }]);
      expect(api.callsTo('workspace.init')).toEqual([]);
    });

    it('keeps the chooser open with the error when init fails, and closes on Cancel', async () => {
      const user = userEvent.setup();
      const api = new FakeApi(null);
      api.failures.set('workspace.init', { code: 'NOT_FOUND', message: 'No .env files under /home/dev.', fix: 'Pick the folder that holds your services.' });
      renderWithApi(<App />, { api, transport: 'web' });
      await user.click(await screen.findByRole('button', { name: 'Choose folder…' }));
      const dialog = await screen.findByRole('dialog', { name: 'Choose a folder' });
      await within(dialog).findByRole('listbox', { name: 'Folders in /home/dev' });
      await user.click(within(dialog).getByRole('button', { name: 'Use this folder' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent('No .env files under /home/dev.');
      await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(screen.getByRole('heading', { name: 'No workspace yet' })).toBeInTheDocument();
    });
  });
});
