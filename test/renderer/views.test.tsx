/** Lazy views: a named loading status while a view's code arrives, a clear error and a retry when it cannot. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { lazyView, ViewBoundary } from '../../renderer/src/views.js';
import { renderApp } from './render-app.js';

/** A loader the test settles by hand: the code "arrives" exactly when the test says so. */
function manualLoader() {
  const calls: Array<{ resolve: (c: () => React.ReactNode) => void; reject: (e: Error) => void }> = [];
  const load = () => new Promise<() => React.ReactNode>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

describe('lazy views', () => {
  it('shows a status named after the view until its code has loaded, then the view', async () => {
    const { load, calls } = manualLoader();
    const view = lazyView(load);
    render(<ViewBoundary view="keys" render={() => <view.Component />} />);
    expect(screen.getByRole('status', { name: 'Loading the Keys view…' })).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(() => <h1>Keys</h1>);
    expect(await screen.findByRole('heading', { name: 'Keys' })).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('preloads once: opening the view after a preload fetches nothing more', async () => {
    const { load, calls } = manualLoader();
    const view = lazyView(load);
    void view.preload();
    void view.preload();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(() => <h1>Scopes</h1>);
    render(<ViewBoundary view="scopes" render={() => <view.Component />} />);
    expect(await screen.findByRole('heading', { name: 'Scopes' })).toBeInTheDocument();
    expect(calls).toHaveLength(1);
  });

  it('says when a view cannot be loaded, with the fix, and loads it again on "Try again"', async () => {
    const { load, calls } = manualLoader();
    const view = lazyView(load);
    render(<ViewBoundary view="leaks" render={() => <view.Component />} />);
    calls[0]!.reject(new Error('Failed to fetch dynamically imported module'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The code of the Leaks view could not be loaded');
    expect(alert).toHaveTextContent('Fix: Check that Keyhive (or `keyhive web`) is still running');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('status', { name: 'Loading the Leaks view…' })).toBeInTheDocument();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(() => <h1>Leaks</h1>);
    expect(await screen.findByRole('heading', { name: 'Leaks' })).toBeInTheDocument();
  });

  it('keeps keyboard focus on the navigation while the opened view loads', async () => {
    const user = userEvent.setup();
    renderApp();
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await screen.findByRole('heading', { name: 'Overview' });
    within(nav).getByRole('button', { name: /Overview/ }).focus();
    await user.keyboard('{ArrowDown}{Enter}');
    const secrets = within(nav).getByRole('button', { name: /Secrets/ });
    expect(secrets).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('heading', { name: 'Secrets', level: 1 })).toBeInTheDocument();
    expect(secrets).toHaveFocus();
  });
});
