import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ScopePlayground } from '../../../../renderer/src/features/scopes/ScopePlayground.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

describe('ScopePlayground', () => {
  it('asks the engine about any system and scope set', async () => {
    const user = userEvent.setup();
    const api = new FakeApi();
    renderWithApi(<ScopePlayground />, { api, store: await loadedStore(api) });
    await user.selectOptions(screen.getByRole('combobox', { name: 'System' }), 'hogsend');
    const scopes = screen.getByRole('textbox', { name: /Scopes/ });
    expect(scopes).toHaveValue('read'); // a real Hogsend scope to start from
    await user.type(scopes, ', contacts:read');
    await user.type(screen.getByLabelText('Can this key call…'), 'POST /v1/plan{Enter}');
    expect(await screen.findByText('plans:write')).toBeInTheDocument();
    expect(api.callsTo('scopes.check')).toEqual([{ system: 'hogsend', scopes: ['read', 'contacts:read'], endpoint: 'POST /v1/plan' }]);
  });
});
