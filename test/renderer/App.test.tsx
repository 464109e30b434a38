import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeApi } from './fake-api.js';
import { demoStatus } from './fixtures.js';
import { renderApp } from './render-app.js';

describe('App', () => {
  it('loads the workspace and shows the overview with drift states in words', async () => {
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Summary' })).toHaveTextContent('1 of 3 secrets in sync');
  });

  it('teaches the empty state when no workspace is open', async () => {
    renderApp({ api: new FakeApi(null) });
    expect(await screen.findByRole('heading', { name: 'No workspace yet' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('shows a load error with its fix and retries', async () => {
    const api = new FakeApi();
    api.failures.set('workspace.current', { code: 'WORKSPACE_INVALID', message: 'keyhive.yaml: secrets.x.bindings is empty', fix: 'Add at least one binding.', file: '/w/keyhive.yaml', line: 7 });
    renderApp({ api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('secrets.x.bindings is empty');
    expect(alert).toHaveTextContent('/w/keyhive.yaml:7');
    expect(alert).toHaveTextContent('Fix: Add at least one binding.');
    api.failures.clear();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
  });

  it('moves through the navigation with the arrow keys and opens a view with Enter', async () => {
    const user = userEvent.setup();
    renderApp();
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const overview = within(nav).getByRole('button', { name: /Overview/ });
    expect(overview).toHaveAttribute('aria-current', 'page');
    overview.focus();
    await user.keyboard('{ArrowDown}');
    expect(within(nav).getByRole('button', { name: /Secrets/ })).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(within(nav).getByRole('button', { name: /Settings/ })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeInTheDocument();
  });

  it('updates live when the engine reports a file change (status.changed)', async () => {
    const api = new FakeApi();
    renderApp({ api });
    await screen.findByRole('heading', { name: 'Overview' });
    const changed = demoStatus();
    changed.secrets[0]!.state = 'drifted';
    changed.secrets[0]!.bindings[1]!.state = 'drifted';
    act(() => api.emit('status.changed', changed));
    expect(screen.getByRole('status', { name: 'Summary' })).toHaveTextContent('0 of 3 secrets in sync');
  });

  it('toggles the theme and keeps the choice in localStorage', async () => {
    localStorage.removeItem('keyhive.theme');
    const user = userEvent.setup();
    renderApp();
    const toggle = await screen.findByRole('button', { name: /Switch to (dark|light) theme/ });
    const before = document.documentElement.dataset.theme;
    await user.click(toggle);
    const after = document.documentElement.dataset.theme;
    expect(after).not.toBe(before);
    expect(localStorage.getItem('keyhive.theme')).toBe(after);
  });
});
