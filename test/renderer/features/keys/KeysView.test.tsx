import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KeysView } from '../../../../renderer/src/features/keys/KeysView.js';
import type { ScopeNodeT } from '../../../../shared/domain.js';
import type { IssuerKeys, KeysOverview, KeyRow } from '../../../../shared/keys.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

const node = (scope: string, children: ScopeNodeT[] = []): ScopeNodeT => ({ scope, granted: false, children });
const HOGSEND_TREE = [node('full-admin', [node('journey-admin', [node('read')])])];

const row = (over: Partial<KeyRow>): KeyRow => ({
  id: 'k1',
  system: 'hogsend',
  name: 'Monitoring job',
  prefix: 'hsk_ab12',
  scopes: ['journey-admin'],
  createdAt: '2031-01-01T00:00:00.000Z',
  expiresAt: '2031-04-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  enabled: true,
  state: 'active',
  expandedScopes: ['journey-admin', 'read'],
  secret: 'hogsend-monitor-key',
  heldBy: [{ secret: 'hogsend-monitor-key', service: 'hogsend-monitor', var: 'HOGSEND_API_KEY', fingerprint: '0a1b2c3d' }],
  debt: [],
  ...over,
});

function issuer(over: Partial<IssuerKeys>): IssuerKeys {
  return {
    issuer: 'hogsend',
    system: 'hogsend',
    url: 'http://localhost:3402',
    cacheWindowSeconds: 60,
    credential: { source: 'secret', secret: 'hogsend-admin-api-key', stored: true, expiresAt: null, problem: null },
    hierarchy: HOGSEND_TREE,
    secrets: [{ secret: 'hogsend-monitor-key', endpoints: ['GET /v1/admin/contacts'], leastPrivilege: ['read'] }],
    keys: [row({})],
    canSetEnabled: false,
    canUpdateScopes: false,
    error: null,
    ...over,
  };
}

async function setUp(overview: Omit<KeysOverview, 'rechecks'>) {
  const api = new FakeApi();
  api.overrides['keys.overview'] = () => ({ rechecks: [], ...overview });
  const store = await loadedStore(api);
  renderWithApi(<KeysView />, { api, store });
  await screen.findByRole('heading', { name: /hogsend|hiveforge/ });
  return api;
}

describe('KeysView', () => {
  it('lists each key with its expanded scopes, holder fingerprint and debt, never a value', async () => {
    const debt = [{ issuer: 'hogsend', keyId: 'k1', prefix: 'hsk_ab12', secret: 'hogsend-monitor-key', code: 'broader-than-needed', message: 'hogsend-monitor-key grants more than its consumer calls', fix: 'Issue the key with [read] instead.', action: 'narrow' as const }];
    await setUp({ checkedAt: '2031-01-02T00:00:00.000Z', issuers: [issuer({ keys: [row({ debt })] })], debt });
    const table = screen.getByRole('table', { name: 'hogsend keys' });
    expect(table).toHaveTextContent('hsk_ab12…');
    expect(table).toHaveTextContent('→ journey-admin, read');
    expect(within(table).getByLabelText('hogsend-monitor HOGSEND_API_KEY: 0a1b2c3d')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Warnings for Monitoring job' })).toHaveTextContent('Issue the key with [read] instead.');
  });

  it('creates a key with the least-privilege scopes from the hierarchy picker, for the chosen secret', async () => {
    const api = await setUp({ checkedAt: '2031-01-02T00:00:00.000Z', issuers: [issuer({})], debt: [] });
    api.overrides['keys.create'] = (req) => ({
      key: { ...row({}), scopes: req.scopes, name: req.name, prefix: 'hsk_new1' },
      storedAs: 'ws/hogsend-monitor-key',
      live: 'restarted hogsend-monitor in one step',
      probe: { ok: true, detail: 'GET /v1/admin/contacts → 200' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create key…' }));
    const dialog = await screen.findByRole('dialog');
    const read = within(dialog).getByRole('checkbox', { name: /read/ });
    expect(read).toBeChecked(); // the least-privilege suggestion is the starting point
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /full-admin/ }));
    expect(within(dialog).getByRole('checkbox', { name: /journey-admin/ })).toBeDisabled(); // included by full-admin
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use least privilege' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    await within(dialog).findByText(/Probe passed/);
    const call = api.calls.find((c) => c.channel === 'keys.create')!.request as { scopes: string[]; secret: string; expiresAt: string };
    expect(call.scopes).toEqual(['read']);
    expect(call.secret).toBe('hogsend-monitor-key');
    expect(call.expiresAt).toMatch(/Z$/);
  });

  it('names the consumers when revoking a key in use, and shows the refusal', async () => {
    const api = await setUp({ checkedAt: '2031-01-02T00:00:00.000Z', issuers: [issuer({})], debt: [] });
    api.failures.set('keys.revoke', { code: 'BAD_INPUT', message: 'revoking hsk_ab12… ("Monitoring job") is refused: hogsend-monitor:HOGSEND_API_KEY (hogsend-monitor-key) still uses it' });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getAllByRole('alert')[0]).toHaveTextContent('hogsend-monitor (HOGSEND_API_KEY) still uses this key');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(within(dialog).getByText(/is refused/)).toBeInTheDocument());
    expect((api.calls.find((c) => c.channel === 'keys.revoke')!.request as { force: boolean }).force).toBe(false);
  });

  it('asks for an expired HiveForge JWT instead of showing a 401, and clears the field once stored', async () => {
    const problem = 'the hiveforge JWT expired on 2031-01-01 00:00 UTC — sign in to hiveforge again and store the new one';
    const hf = issuer({ issuer: 'hiveforge', system: 'hiveforge', credential: { source: 'keychain', secret: null, stored: true, expiresAt: '2031-01-01T00:00:00.000Z', problem }, keys: [], error: { code: 'KEYCHAIN_MISSING', message: problem } });
    const api = await setUp({ checkedAt: '2031-01-02T00:00:00.000Z', issuers: [hf], debt: [] });
    api.overrides['keys.setCredential'] = () => ({ account: 'ws/issuer/hiveforge' });
    const form = screen.getByRole('form', { name: 'hiveforge credential' });
    expect(within(form).getByRole('alert')).toHaveTextContent('JWT expired');
    const input = within(form).getByLabelText(/owner or admin JWT/);
    fireEvent.change(input, { target: { value: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Store in the keychain' }));
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'keys.setCredential')).toBe(true));
    expect(input).toHaveValue('');
    expect(document.body.innerHTML).not.toContain('eyJhbGciOiJIUzI1NiJ9.e30.c2ln');
  });

  it('changes a HiveForge key\'s scopes in place along the hierarchy', async () => {
    const hfTree = [node('admin', [node('read'), node('deployments', [node('deployments:read'), node('deployments:write')])])];
    const hf = issuer({
      issuer: 'hiveforge',
      system: 'hiveforge',
      hierarchy: hfTree,
      canUpdateScopes: true,
      secrets: [{ secret: 'hiveforge-integration-key', endpoints: ['GET /api/v1/deployments'], leastPrivilege: ['deployments:read'] }],
      keys: [row({ id: 'h1', system: 'hiveforge', prefix: 'hf_test_ab', scopes: ['deployments'], expandedScopes: ['deployments', 'deployments:read', 'deployments:write'], secret: 'hiveforge-integration-key' })],
    });
    const api = await setUp({ checkedAt: '2031-01-02T00:00:00.000Z', issuers: [hf], debt: [] });
    api.overrides['keys.updateScopes'] = (req) => ({ ...row({ id: 'h1', system: 'hiveforge', prefix: 'hf_test_ab' }), scopes: req.scopes });
    fireEvent.click(screen.getByRole('button', { name: 'Scopes…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('checkbox', { name: /^deployments:read/ })).toBeDisabled(); // included by deployments
    fireEvent.click(within(dialog).getByRole('button', { name: 'Use least privilege' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save scopes' }));
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'keys.updateScopes')).toBe(true));
    expect((api.calls.find((c) => c.channel === 'keys.updateScopes')!.request as { scopes: string[] }).scopes).toEqual(['deployments:read']);
  });
});
