import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ScopesView } from '../../../../renderer/src/features/scopes/ScopesView.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

async function setup(api = new FakeApi()) {
  const store = await loadedStore(api);
  return { ...renderWithApi(<ScopesView />, { api, store }), api };
}

describe('ScopesView', () => {
  it('lists only issued keys and shows their scopes as a tree', async () => {
    await setup();
    const select = await screen.findByRole('combobox', { name: 'Key' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['hogsend-api-key']);
    const tree = screen.getByRole('tree', { name: 'Scopes of hogsend-api-key' });
    expect(within(tree).getByRole('treeitem', { name: 'messages:send, granted' })).toHaveTextContent('Granted');
    expect(within(tree).getByRole('treeitem', { name: 'messages:read, not granted' })).toHaveTextContent('Not granted');
    expect(within(tree).getByRole('treeitem', { name: 'messages, not granted' })).toHaveAttribute('aria-level', '1');
  });

  it('answers "can this key call POST /v1/plan?" naming the missing scope', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    await user.type(await screen.findByLabelText('Can this key call…'), 'POST /v1/plan');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    const answer = await screen.findByText('No');
    expect(answer.parentElement).toHaveTextContent('POST /v1/plan needs the scope plans:write');
    expect(api.callsTo('scopes.check')).toEqual([{ system: 'hogsend', scopes: ['messages:send', 'contacts:read'], endpoint: 'POST /v1/plan' }]);
    await user.clear(screen.getByLabelText('Can this key call…'));
    await user.type(screen.getByLabelText('Can this key call…'), 'POST /v1/messages{Enter}');
    expect((await screen.findByText('Yes')).parentElement).toHaveTextContent('is covered');
  });

  it('expands and collapses the tree with the keyboard', async () => {
    const user = userEvent.setup();
    await setup();
    const tree = await screen.findByRole('tree');
    const messages = within(tree).getAllByRole('treeitem')[0]!;
    expect(messages).toHaveAttribute('aria-expanded', 'true');
    messages.focus();
    await user.keyboard('{ArrowLeft}');
    expect(messages).toHaveAttribute('aria-expanded', 'false');
    expect(within(tree).queryByRole('treeitem', { name: 'messages:send, granted' })).not.toBeInTheDocument();
    await user.keyboard('{ArrowDown}');
    expect(within(tree).getByRole('treeitem', { name: 'contacts, not granted' })).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowRight}');
    expect(messages).toHaveAttribute('aria-expanded', 'true');
  });

  it('suggests least privilege and shows expiry and last-used badges', async () => {
    await setup();
    const lp = await screen.findByRole('region', { name: 'Least privilege' });
    expect(lp).toHaveTextContent('Consider dropping contacts:read');
    const facts = screen.getByRole('list', { name: 'Key facts' });
    expect(facts).toHaveTextContent('Expires in 6 days'); // 2026-12-01 from the pinned 2026-11-25T07:00Z
    expect(facts).toHaveTextContent('Never used');
    expect(facts).toHaveTextContent('hsk_live_9c41…');
  });

  it('teaches what to add when no secret is an issued key', async () => {
    const api = new FakeApi();
    api.overrides['scopes.forSecret'] = () => {
      throw new Error('not an issued key');
    };
    await setup(api);
    expect(await screen.findByText('No secret in this workspace is an issued key.')).toBeInTheDocument();
  });
});
