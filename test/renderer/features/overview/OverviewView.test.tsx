import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DRIFT_STATE_LABEL, DriftState } from '../../../../shared/domain.js';
import { OverviewView } from '../../../../renderer/src/features/overview/OverviewView.js';
import { FakeApi } from '../../fake-api.js';
import { demoStatus } from '../../fixtures.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

describe('OverviewView', () => {
  it('draws one link per shared secret, each with its state in words beside the colour', async () => {
    const api = new FakeApi();
    const { container } = renderWithApi(<OverviewView />, { api, store: await loadedStore(api) });
    const links = container.querySelectorAll('g.link');
    expect(links).toHaveLength(3);
    for (const link of links) {
      const state = link.getAttribute('data-state') as DriftState;
      expect(link.classList.contains(`state-${state}`)).toBe(true);
      expect(link.textContent).toContain(DRIFT_STATE_LABEL[state]);
    }
    const hogsend = screen.getByRole('button', { name: /hogsend-api-key between hivecfm-core and hogsend: Drifted/ });
    expect(hogsend).toHaveAttribute('data-state', 'drifted');
  });

  it('renders every drift state with its words', async () => {
    const status = demoStatus();
    const states = DriftState.options;
    status.secrets = states.map((state, i) => ({
      name: `secret-${i}`, state, format: 'generic', keychainFingerprint: null, warnings: [], issuer: null,
      bindings: [
        { service: 'a', var: 'K', role: 'client', file: '/a/.env', line: 1, fingerprint: null, state, sources: [] },
        { service: 'b', var: 'K', role: 'server', file: '/b/.env', line: 1, fingerprint: null, state, sources: [] },
      ],
    }));
    const api = new FakeApi(status);
    renderWithApi(<OverviewView />, { api, store: await loadedStore(api) });
    for (const s of states) expect(screen.getAllByText(new RegExp(DRIFT_STATE_LABEL[s])).length).toBeGreaterThan(0);
  });

  it('lists what needs attention and opens the secret on click', async () => {
    const api = new FakeApi();
    const store = await loadedStore(api);
    renderWithApi(<OverviewView />, { api, store });
    const list = screen.getByRole('region', { name: 'Needs attention' });
    expect(within(list).getAllByRole('button', { name: /Open details/ })).toHaveLength(2);
    await userEvent.click(within(list).getByRole('button', { name: /hogsend-api-key: Drifted/ }));
    expect(store.getState().view).toBe('secret');
    expect(store.getState().selectedSecret).toBe('hogsend-api-key');
  });

  it('opens a secret from a link with the keyboard', async () => {
    const api = new FakeApi();
    const store = await loadedStore(api);
    renderWithApi(<OverviewView />, { api, store });
    screen.getByRole('button', { name: /hivecfm-hub-api-key between/ }).focus();
    await userEvent.keyboard('{Enter}');
    expect(store.getState().selectedSecret).toBe('hivecfm-hub-api-key');
  });
});
