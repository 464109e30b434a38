import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretDetailView } from '../../../../renderer/src/features/secret-detail/SecretDetailView.js';
import { Toasts } from '../../../../renderer/src/components/Toasts.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';
import type { TransportKind } from '../../../../renderer/src/api/client.js';

const VALUE = 'hsk_live_SECRETVALUE0000';

async function setup(transport: TransportKind = 'desktop') {
  const api = new FakeApi();
  api.probes = [
    { secret: 'hogsend-api-key', kind: 'health', method: 'GET', url: 'http://localhost:3002/health', ok: true, status: 200, latencyMs: 3.4 },
    { secret: 'hogsend-api-key', kind: 'auth-smoke', method: 'GET', url: 'http://localhost:3002/v1/webhooks', ok: false, status: 401, latencyMs: 5, cause: 'The service refused the key.', fix: 'Sync from the keychain.' },
  ];
  const store = await loadedStore(api);
  store.getState().navigate('secret', 'hogsend-api-key');
  const utils = renderWithApi(
    <>
      <SecretDetailView />
      <Toasts />
    </>,
    { api, store, transport },
  );
  return { ...utils, api, store };
}

afterEach(() => vi.useRealTimers());

describe('SecretDetailView', () => {
  it('shows bindings, which file wins, format and fingerprints — no value', async () => {
    const { container } = await setup();
    expect(screen.getByRole('heading', { name: /hogsend-api-key/ })).toHaveTextContent('Drifted');
    expect(screen.getByText('hogsend', { selector: 'code' })).toBeInTheDocument();
    const core = screen.getByRole('article', { name: 'hivecfm-core HOGSEND_API_KEY' });
    const sources = within(core).getByRole('list', { name: /lowest precedence first/ });
    const items = within(sources).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent('.env.local:2');
    expect(items[1]).toHaveTextContent('wins');
    expect(within(core).getByText(/edited by hand/)).toBeInTheDocument();
    expect(container.innerHTML).not.toContain(VALUE);
    expect(screen.getByRole('heading', { name: /hogsend-api-key/ }).parentElement).not.toHaveTextContent('issued by');
  });

  it('names the issuer of an issued key under its title', async () => {
    const { store } = await setup();
    act(() => store.getState().navigate('secret', 'tokenhub-key'));
    expect(await screen.findByText(/issued by/)).toHaveTextContent('issued by tokenhub (tokenhub)');
  });

  it('puts the value in the page only after Reveal, and takes it out again after 20 s', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const { container, api } = await setup();
    expect(api.callsTo('secret.reveal')).toEqual([]);
    expect(container.innerHTML).not.toContain(VALUE);
    await user.click(screen.getByRole('button', { name: 'Reveal' }));
    expect(await screen.findByLabelText('Value of hogsend-api-key')).toHaveTextContent(VALUE);
    expect(screen.getByText(/hides in 20 s/)).toBeInTheDocument();
    for (let i = 0; i < 21; i++)
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1000);
      });
    expect(container.innerHTML).not.toContain(VALUE);
    expect(screen.getByRole('button', { name: 'Reveal' })).toBeInTheDocument();
  });

  it('hides the value on demand', async () => {
    const user = userEvent.setup();
    const { container } = await setup();
    await user.click(screen.getByRole('button', { name: 'Reveal' }));
    await screen.findByLabelText('Value of hogsend-api-key');
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(container.innerHTML).not.toContain(VALUE);
  });

  it('copies through the engine on the desktop (value never in the page)', async () => {
    const user = userEvent.setup();
    const { api, container } = await setup('desktop');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(api.callsTo('secret.copy')).toEqual([{ secret: 'hogsend-api-key' }]);
    expect(api.callsTo('secret.reveal')).toEqual([]);
    expect(await screen.findByText(/clipboard clears in 20 s/)).toBeInTheDocument();
    expect(container.innerHTML).not.toContain(VALUE);
  });

  it('copies in web mode with the clipboard API and clears it after 20 s if unchanged', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let clip = '';
    const writeText = vi.fn(async (t: string) => void (clip = t));
    const readText = vi.fn(async () => clip);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    // after userEvent.setup(), which installs its own clipboard stub
    Object.defineProperty(navigator, 'clipboard', { value: { writeText, readText }, configurable: true });
    const { container } = await setup('web');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(VALUE));
    expect(container.innerHTML).not.toContain(VALUE);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_500);
    });
    expect(clip).toBe('');
  });

  it('runs probes on demand and shows status and latency', async () => {
    const user = userEvent.setup();
    await setup();
    await user.click(screen.getByRole('button', { name: 'Run probes' }));
    expect(await screen.findByText('HTTP 401')).toBeInTheDocument();
    expect(screen.getByText('3 ms')).toBeInTheDocument();
    expect(screen.getByText(/The service refused the key/)).toBeInTheDocument();
  });

  it('lists the secret’s history from the activity log, live', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    expect(await screen.findByText('Nothing has happened to this secret yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sync…' }));
    await user.click(screen.getByRole('button', { name: 'Sync from keychain' }));
    const history = await screen.findByRole('region', { name: 'History' });
    await waitFor(() => expect(within(history).getByText(/Synced hogsend-api-key from the keychain/)).toBeInTheDocument());
    expect(api.callsTo('activity.list').length).toBeGreaterThanOrEqual(2);
  });
});
