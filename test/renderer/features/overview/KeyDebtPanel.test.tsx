import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KeyDebtPanel } from '../../../../renderer/src/features/overview/KeyDebtPanel.js';
import type { IssuerKeys, KeyDebt } from '../../../../shared/keys.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

const tokenhub: IssuerKeys = {
  issuer: 'tokenhub',
  system: 'tokenhub',
  url: 'http://localhost:8480',
  cacheWindowSeconds: 300,
  credential: { source: 'secret', secret: 'tokenhub-admin-token', stored: true, expiresAt: null, problem: null },
  hierarchy: [],
  secrets: [],
  keys: [],
  canSetEnabled: true,
  canUpdateScopes: false,
  error: null,
};

const debt: KeyDebt[] = [
  { issuer: 'tokenhub', keyId: 'k1', prefix: 'tokenhub_ab12', secret: 'tokenhub-chat-key', code: 'expiring-soon', message: "tokenhub-chat-key's key (tokenhub_ab12…) expires in 5 days (2031-01-07)", fix: 'Rotate it before then: keyhive keys rotate tokenhub-chat-key', action: 'rotate', withinDays: 7 },
  { issuer: 'tokenhub', keyId: 'k2', prefix: 'tokenhub_cd34', secret: 'tokenhub-planner-key', code: 'rotation-overdue', message: "tokenhub-planner-key's key is past its 30 days rotation schedule by 15 days", fix: 'Rotate it: keyhive keys rotate tokenhub-planner-key', action: 'rotate' },
];

describe('KeyDebtPanel', () => {
  it('counts keys past their rotation schedule apart from the other warnings, and lists each with its fix', async () => {
    const api = new FakeApi();
    api.overrides['keys.overview'] = () => ({ checkedAt: '2031-01-02T00:00:00.000Z', issuers: [tokenhub], debt, rechecks: [] });
    const store = await loadedStore(api);
    renderWithApi(<KeyDebtPanel />, { api, store });
    const summary = await screen.findByRole('status', { name: 'Key debt summary' });
    expect(summary).toHaveTextContent('within 7: 1');
    expect(summary).toHaveTextContent('past their rotation schedule: 1');
    expect(summary).toHaveTextContent('other warnings: 0');
    const overdue = screen.getByText(/past its 30 days rotation schedule/).closest('li')!;
    expect(overdue).toHaveAttribute('data-code', 'rotation-overdue');
    expect(overdue).toHaveTextContent('Rotate it: keyhive keys rotate tokenhub-planner-key');
    fireEvent.click(within(overdue).getByRole('button', { name: 'Rotate…' }));
    expect(store.getState().view).toBe('keys');
  });
});
