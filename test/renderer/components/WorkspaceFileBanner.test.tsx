import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkspaceFileBanner } from '../../../renderer/src/components/WorkspaceFileBanner.js';
import { FakeApi } from '../fake-api.js';
import { renderApp } from '../render-app.js';

const BROKEN = { code: 'WORKSPACE_INVALID' as const, message: 'The workspace file has a problem: YAML syntax error', fix: 'Fix the YAML syntax at that line.', file: '/w/keyhive.yaml', line: 5 };

describe('WorkspaceFileBanner', () => {
  it('renders nothing while keyhive.yaml loads fine', () => {
    const { container } = render(<WorkspaceFileBanner problem={null} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('says what is wrong, where, the fix, and that the page shows the last good version', () => {
    render(<WorkspaceFileBanner problem={BROKEN} />);
    const alert = screen.getByRole('alert', { name: 'Workspace file problem' });
    expect(alert).toHaveTextContent('keyhive.yaml no longer loads');
    expect(alert).toHaveTextContent('last version that did');
    expect(alert).toHaveTextContent('YAML syntax error');
    expect(alert).toHaveTextContent('/w/keyhive.yaml:5');
    expect(alert).toHaveTextContent('Fix: Fix the YAML syntax at that line.');
  });

  it('in the app: appears at once on a workspace.error event, over the current view, and goes when the file loads again', async () => {
    const api = new FakeApi();
    renderApp({ api });
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: 'Workspace file problem' })).not.toBeInTheDocument();
    act(() => api.emit('workspace.error', { file: '/w/keyhive.yaml', error: BROKEN }));
    expect(screen.getByRole('alert', { name: 'Workspace file problem' })).toHaveTextContent('/w/keyhive.yaml:5');
    expect(screen.getByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    act(() => api.emit('workspace.error', { file: '/w/keyhive.yaml', error: { code: 'NOT_FOUND', message: 'No workspace file at /w/keyhive.yaml.', fix: 'Run `keyhive init`.' } }));
    expect(screen.getByRole('alert', { name: 'Workspace file problem' })).toHaveTextContent('No workspace file at /w/keyhive.yaml.');
    act(() => api.emit('workspace.error', { file: '/w/keyhive.yaml', error: null }));
    expect(screen.queryByRole('alert', { name: 'Workspace file problem' })).not.toBeInTheDocument();
  });

  it('opening another workspace clears the banner of the one before', async () => {
    const api = new FakeApi();
    const { store } = renderApp({ api });
    await screen.findByRole('heading', { name: 'Overview' });
    act(() => api.emit('workspace.error', { file: '/w/keyhive.yaml', error: BROKEN }));
    expect(screen.getByRole('alert', { name: 'Workspace file problem' })).toBeInTheDocument();
    await act(async () => {
      expect(await store.getState().openWorkspace('/other/keyhive.yaml')).toBeNull();
    });
    expect(screen.queryByRole('alert', { name: 'Workspace file problem' })).not.toBeInTheDocument();
  });

  it('in the app: a page opened while the file is already broken shows it from the start', async () => {
    const api = new FakeApi();
    api.overrides['workspace.current'] = () => ({ file: '/w/keyhive.yaml', problem: BROKEN });
    renderApp({ api });
    expect(await screen.findByRole('alert', { name: 'Workspace file problem' })).toHaveTextContent('YAML syntax error');
  });
});
