/** Renders the whole app (or one view) against a FakeApi, as the real entry point does. */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { App } from '../../renderer/src/App.js';
import { ApiProvider } from '../../renderer/src/api/context.js';
import type { TransportKind } from '../../renderer/src/api/client.js';
import { connectEvents, createAppStore } from '../../renderer/src/stores/app-store.js';
import type { AppStore } from '../../renderer/src/stores/app-store.js';
import { StoreProvider } from '../../renderer/src/stores/store-context.js';
import { fixedClock } from '../../shared/clock.js';
import { FakeApi } from './fake-api.js';
import { FIXTURE_NOW } from './fixtures.js';

/** The app store as the entry point builds it, with the clock pinned to FIXTURE_NOW. */
export const testStore = (api: FakeApi): AppStore => createAppStore(api, { clock: fixedClock(FIXTURE_NOW) });

export function renderWithApi(ui: ReactNode, opts: { api?: FakeApi; transport?: TransportKind; store?: AppStore } = {}) {
  const api = opts.api ?? new FakeApi();
  const store = opts.store ?? testStore(api);
  const utils = render(
    <ApiProvider client={{ api, transport: opts.transport ?? 'desktop' }}>
      <StoreProvider store={store}>{ui}</StoreProvider>
    </ApiProvider>,
  );
  return { ...utils, api, store };
}

export function renderApp(opts: { api?: FakeApi; transport?: TransportKind } = {}) {
  return renderWithApi(<App />, opts);
}

/** A store already loaded with the fake's status and wired to its events, for one view on its own. */
export async function loadedStore(api: FakeApi): Promise<AppStore> {
  const store = testStore(api);
  connectEvents(api, store);
  await store.getState().load();
  return store;
}
