import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LeaksView } from '../../../../renderer/src/features/leaks/LeaksView.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

async function setup(api = new FakeApi()) {
  const store = await loadedStore(api);
  return { ...renderWithApi(<LeaksView />, { api, store }), api, store };
}

describe('LeaksView', () => {
  it('lists each finding with where, encoding, since which commit and whether it is still there', async () => {
    await setup();
    const list = await screen.findByRole('list', { name: 'Findings' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-kind'))).toEqual(['managed', 'unignored-env', 'managed', 'pattern']);
    expect(items[0]).toHaveTextContent('hivecfm-hub-api-key leaked');
    expect(items[0]).toHaveTextContent('hivecfm-core/config.json:3 — history, as is');
    expect(items[0]).toHaveTextContent('Since commit 1f2e3d4c5b6a · only in history');
    expect(items[2]).toHaveTextContent('hivecfm-hub/deploy.sh:2 — working tree, base64-encoded');
    expect(items[3]).toHaveTextContent('A tokenhub key nobody manages');
    expect(items[3]).toHaveTextContent('image hivecfm-core:dev · /app/other.cfg:1');
    expect(screen.getByRole('status')).toHaveTextContent('4 findings');
    expect(screen.getByRole('region', { name: 'Documentation examples' })).toHaveTextContent('docs/setup.md:12: an example hogsend key');
    // Never a value.
    expect(document.body.textContent).not.toContain('hub-secret-value-1234567890');
  });

  it('one-click fixes: add to .gitignore, write .env.example, rotate the secret now', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    await user.click(await screen.findByRole('button', { name: 'Add hivecfm-hub/.env to .gitignore' }));
    expect(api.callsTo('scan.fix')).toEqual([{ action: 'gitignore', file: 'hivecfm-hub/.env' }]);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('3 findings'));
    expect(screen.queryByRole('button', { name: /to \.gitignore/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Write .env.example for hivecfm-core' }));
    expect(api.callsTo('scan.fix').at(-1)).toEqual({ action: 'env-example', service: 'hivecfm-core' });
    await waitFor(() => expect(screen.queryByRole('button', { name: /Write \.env\.example/ })).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Rotate hivecfm-hub-api-key now (hivecfm-hub/deploy.sh:2)' }));
    await waitFor(() => expect(api.callsTo('secret.rotate')).toEqual([{ secret: 'hivecfm-hub-api-key' }]));
  });

  it('scans the history and images when asked', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    await screen.findByRole('list', { name: 'Findings' });
    expect(api.callsTo('scan.run')).toEqual([{}]);
    await user.click(screen.getByRole('checkbox', { name: 'Git history' }));
    await user.click(screen.getByRole('checkbox', { name: 'Docker images' }));
    await user.click(screen.getByRole('button', { name: 'Scan' }));
    await waitFor(() => expect(api.callsTo('scan.run').at(-1)).toEqual({ history: true, images: true }));
  });

  it('says so when clean', async () => {
    const api = new FakeApi();
    api.scanReport = { ...api.scanReport, findings: [], placeholders: [], envExamples: [] };
    await setup(api);
    expect(await screen.findByText('No leaks found')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('list', { name: 'Findings' })).not.toBeInTheDocument();
  });

  it('shows a failure with its fix', async () => {
    const failing = new FakeApi();
    failing.failures.set('scan.run', { code: 'BAD_INPUT', message: 'No git repository holds hivecfm-hub.', fix: 'Run the scan inside a git repository.' });
    await setup(failing);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No git repository holds hivecfm-hub.');
    expect(alert).toHaveTextContent('Fix: Run the scan inside a git repository.');
  });
});
