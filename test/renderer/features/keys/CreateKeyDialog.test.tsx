import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Toasts } from '../../../../renderer/src/components/Toasts.js';
import { CreateKeyDialog } from '../../../../renderer/src/features/keys/CreateKeyDialog.js';
import type { TransportKind } from '../../../../renderer/src/api/client.js';
import type { IssuerKeys, KeyRow } from '../../../../shared/keys.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

const PLAINTEXT = 'tokenhub_PLAINTEXT_created_just_now_0000';
const NOW = Date.parse('2031-01-02T00:00:00.000Z');

const key: KeyRow = {
  id: 'k9',
  system: 'tokenhub',
  name: 'Chat consumer',
  prefix: 'tokenhub_ab12',
  scopes: ['chat'],
  createdAt: '2031-01-02T00:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  enabled: true,
  state: 'active',
  expandedScopes: ['chat'],
  secret: null,
  heldBy: [],
  debt: [],
};

const issuer: IssuerKeys = {
  issuer: 'tokenhub',
  system: 'tokenhub',
  url: 'http://localhost:8480',
  cacheWindowSeconds: 300,
  credential: { source: 'secret', secret: 'tokenhub-admin-token', stored: true, expiresAt: null, problem: null },
  hierarchy: [{ scope: 'chat', granted: false, children: [] }, { scope: 'plan', granted: false, children: [] }],
  secrets: [{ secret: 'tokenhub-chat-key', endpoints: ['POST /v1/chat'], leastPrivilege: ['chat'] }],
  keys: [],
  canSetEnabled: true,
  canUpdateScopes: false,
  error: null,
};

async function createOne(opts: { target: 'secret' | 'keychain'; transport?: TransportKind }) {
  const api = new FakeApi();
  api.overrides['keys.create'] = (req) => ({ key: { ...key, name: req.name, scopes: req.scopes }, storedAs: req.secret ? `ws/${req.secret}` : 'ws/issued/tokenhub/k9', live: null, probe: null });
  api.overrides['secret.reveal'] = () => ({ value: PLAINTEXT, clearAfterSeconds: 20 });
  api.overrides['keys.reveal'] = () => ({ value: PLAINTEXT, clearAfterSeconds: 20 });
  api.overrides['keys.copy'] = () => ({ copied: true, clearAfterSeconds: 20 });
  const store = await loadedStore(api);
  const onClose = vi.fn();
  const utils = renderWithApi(
    <>
      <CreateKeyDialog issuer={issuer} onClose={onClose} onDone={() => {}} now={() => NOW} />
      <Toasts />
    </>,
    { api, store, transport: opts.transport ?? 'desktop' },
  );
  const dialog = await screen.findByRole('dialog');
  if (opts.target === 'keychain') fireEvent.change(within(dialog).getByRole('combobox', { name: 'For' }), { target: { value: '' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
  await within(dialog).findByText(/Created/);
  return { ...utils, api, dialog, onClose };
}

afterEach(() => vi.useRealTimers());

describe('CreateKeyDialog: the new key is shown once, only if asked', () => {
  it('fetches nothing until asked, shows the bound secret once, then never again', async () => {
    const { api, dialog, container } = await createOne({ target: 'secret' });
    expect(api.callsTo('secret.reveal')).toEqual([]);
    expect(container.innerHTML).not.toContain(PLAINTEXT);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Show the key once' }));
    expect(await within(dialog).findByLabelText('The new key tokenhub_ab12…')).toHaveTextContent(PLAINTEXT);
    expect(api.callsTo('secret.reveal')).toEqual([{ secret: 'tokenhub-chat-key' }]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hide' }));
    expect(container.innerHTML).not.toContain(PLAINTEXT);
    expect(within(dialog).queryByRole('button', { name: 'Show the key once' })).toBeNull();
    expect(within(dialog).getByText(/Shown once; it is not shown here again/)).toBeInTheDocument();
    // The success toast names the prefix, never the value.
    expect(screen.getByText(/Created tokenhub_ab12…/)).toBeInTheDocument();
  });

  it('takes the value off the page after 20 s by itself', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { dialog, container } = await createOne({ target: 'secret' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Show the key once' }));
    await within(dialog).findByLabelText('The new key tokenhub_ab12…');
    for (let i = 0; i < 21; i++)
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1000);
      });
    expect(container.innerHTML).not.toContain(PLAINTEXT);
    expect(within(dialog).queryByRole('button', { name: 'Show the key once' })).toBeNull();
  });

  it('reads a "keychain only" key through keys.reveal by issuer and id, and copies it in the main process', async () => {
    const { api, dialog, container } = await createOne({ target: 'keychain' });
    expect((api.callsTo('keys.create')[0] as { secret?: string }).secret).toBeUndefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/Copied tokenhub_ab12…; the clipboard clears in 20 s/)).toBeInTheDocument();
    expect(api.callsTo('keys.copy')).toEqual([{ issuer: 'tokenhub', id: 'k9' }]);
    expect(api.callsTo('keys.reveal')).toEqual([]);
    expect(container.innerHTML).not.toContain(PLAINTEXT);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Show the key once' }));
    expect(await within(dialog).findByLabelText('The new key tokenhub_ab12…')).toHaveTextContent(PLAINTEXT);
    expect(api.callsTo('keys.reveal')).toEqual([{ issuer: 'tokenhub', id: 'k9' }]);
  });

  it('shows the error with its fix when the keychain has no such key, and no value', async () => {
    const { api, dialog, container } = await createOne({ target: 'keychain' });
    api.failures.set('keys.reveal', { code: 'KEYCHAIN_MISSING', message: 'the keychain holds no key k9 of tokenhub', fix: 'reveal that secret instead' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Show the key once' }));
    expect(await screen.findByText(/the keychain holds no key k9/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Show the key once' })).toBeInTheDocument(); // not used up by a failure
    expect(container.innerHTML).not.toContain(PLAINTEXT);
  });
});
