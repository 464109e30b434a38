import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { breadcrumbOf, FolderChooser, type ChosenFolder } from '../../../../renderer/src/features/workspace/FolderChooser.js';
import { FakeApi } from '../../fake-api.js';
import { renderWithApi } from '../../render-app.js';

function renderChooser(api = new FakeApi(null)) {
  const chosen: ChosenFolder[] = [];
  const onClose = vi.fn();
  const onChoose = async (f: ChosenFolder) => (chosen.push(f), null);
  const utils = renderWithApi(<FolderChooser onChoose={onChoose} onClose={onClose} />, { api, transport: 'web' });
  return { ...utils, chosen, onClose };
}

const listIn = (dir: string) => screen.findByRole('listbox', { name: `Folders in ${dir}` });
const selected = () => screen.getByRole('option', { selected: true });

describe('breadcrumbOf', () => {
  it('splits POSIX and Windows paths into clickable prefixes', () => {
    expect(breadcrumbOf('/')).toEqual([{ label: '/', path: '/' }]);
    expect(breadcrumbOf('/home/dev/code')).toEqual([
      { label: '/', path: '/' },
      { label: 'home', path: '/home' },
      { label: 'dev', path: '/home/dev' },
      { label: 'code', path: '/home/dev/code' },
    ]);
    expect(breadcrumbOf('C:\\Users\\dev')).toEqual([
      { label: 'C:', path: 'C:\\' },
      { label: 'Users', path: 'C:\\Users' },
      { label: 'dev', path: 'C:\\Users\\dev' },
    ]);
  });
});

describe('FolderChooser', () => {
  it("starts in the home folder: breadcrumb, sub-folders in order, the list focused", async () => {
    const { api } = renderChooser();
    const list = await listIn('/home/dev');
    expect(api.callsTo('workspace.browse')).toEqual([{}]);
    await waitFor(() => expect(list).toHaveFocus()); // focused by an effect after the first listing renders
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['code', 'Documents']);
    const crumbs = screen.getByRole('navigation', { name: 'Current folder' });
    expect(within(crumbs).getAllByRole('button').map((b) => b.textContent)).toEqual(['/', 'home']);
    expect(within(crumbs).getByText('dev')).toHaveAttribute('aria-current', 'location');
  });

  it('shows badges for what each folder holds', async () => {
    const api = new FakeApi(null);
    api.home = '/home/dev/code/hive';
    renderChooser(api);
    const list = await listIn('/home/dev/code/hive');
    const [core, hub] = within(list).getAllByRole('option');
    expect(core).toHaveTextContent('hivecfm-core');
    expect(within(core!).queryByText('compose')).toBeNull();
    expect(within(core!).getByText('.env')).toBeInTheDocument();
    expect(within(hub!).getByText('compose')).toBeInTheDocument();
    expect(within(hub!).getByText('.env')).toBeInTheDocument();
    expect(within(hub!).queryByText('keyhive.yaml')).toBeNull();
  });

  it('moves with the arrow keys, Home and End; Enter goes in, Backspace goes back up with the folder selected', async () => {
    const user = userEvent.setup();
    renderChooser();
    await listIn('/home/dev');
    expect(selected()).toHaveTextContent('code');
    await user.keyboard('{ArrowDown}');
    expect(selected()).toHaveTextContent('Documents');
    await user.keyboard('{ArrowDown}'); // stays on the last
    expect(selected()).toHaveTextContent('Documents');
    await user.keyboard('{Home}');
    expect(selected()).toHaveTextContent('code');
    await user.keyboard('{Enter}');
    const code = await listIn('/home/dev/code');
    expect(within(code).getAllByRole('option').map((o) => o.firstChild?.textContent)).toEqual(['existing', 'hive', 'notes']);
    expect(within(code).getByRole('option', { name: /existing/ })).toHaveTextContent('keyhive.yaml');
    await user.keyboard('{End}');
    expect(selected()).toHaveTextContent('notes');
    await user.keyboard('{ArrowUp}{Enter}');
    await listIn('/home/dev/code/hive');
    await user.keyboard('{Backspace}');
    await listIn('/home/dev/code');
    expect(selected()).toHaveTextContent('hive');
  });

  it('goes up with Up and to any ancestor from the breadcrumb; Up is disabled at the root', async () => {
    const user = userEvent.setup();
    renderChooser();
    await listIn('/home/dev');
    await user.click(screen.getByRole('button', { name: 'Up' }));
    await listIn('/home');
    expect(selected()).toHaveTextContent('dev');
    await user.click(within(screen.getByRole('navigation', { name: 'Current folder' })).getByRole('button', { name: '/' }));
    await listIn('/');
    expect(screen.getByRole('button', { name: 'Up' })).toBeDisabled();
  });

  it('goes in on a double-click, and chooses the current folder with "Use this folder"', async () => {
    const user = userEvent.setup();
    const { chosen } = renderChooser();
    await listIn('/home/dev');
    await user.dblClick(screen.getByRole('option', { name: /code/ }));
    await listIn('/home/dev/code');
    await user.click(screen.getByRole('option', { name: /notes/ }));
    expect(selected()).toHaveTextContent('notes'); // a single click only selects
    await user.click(screen.getByRole('button', { name: 'Use this folder' }));
    expect(chosen).toEqual([{ dir: '/home/dev/code', workspaceFile: null }]);
  });

  it('offers "Open workspace" where a keyhive.yaml already is', async () => {
    const user = userEvent.setup();
    const api = new FakeApi(null);
    api.home = '/home/dev/code/existing';
    const { chosen } = renderChooser(api);
    await listIn('/home/dev/code/existing');
    expect(screen.getByText('No sub-folders here.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Use this folder' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open workspace' }));
    expect(chosen).toEqual([{ dir: '/home/dev/code/existing', workspaceFile: '/home/dev/code/existing/keyhive.yaml' }]);
  });

  it('shows what went wrong and the fix when a folder cannot be listed, keeping the current one', async () => {
    const user = userEvent.setup();
    const api = new FakeApi(null);
    api.folders.delete('/home/dev/Documents');
    renderChooser(api);
    await listIn('/home/dev');
    await user.keyboard('{End}{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The folder /home/dev/Documents does not exist.');
    expect(alert).toHaveTextContent('Fix:');
    expect(screen.getByRole('listbox', { name: 'Folders in /home/dev' })).toBeInTheDocument();
  });

  it('offers the top folder when the home folder cannot be listed', async () => {
    const user = userEvent.setup();
    const api = new FakeApi(null);
    api.home = '/home/gone';
    renderChooser(api);
    expect(await screen.findByRole('alert')).toHaveTextContent('The folder /home/gone does not exist.');
    expect(screen.getByRole('button', { name: 'Use this folder' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Start at the top folder (/)' }));
    await listIn('/');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start at the top folder (/)' })).toBeNull();
  });

  it('closes on Cancel and on Escape', async () => {
    const user = userEvent.setup();
    const { onClose } = renderChooser();
    await listIn('/home/dev');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
