import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TroubleshootView } from '../../../../renderer/src/features/troubleshoot/TroubleshootView.js';
import type { DoctorFinding } from '../../../../shared/domain.js';
import { FakeApi } from '../../fake-api.js';
import { loadedStore, renderWithApi } from '../../render-app.js';

const stale: DoctorFinding = {
  secret: 'hivecfm-hub-api-key',
  id: 'stale-process:hivecfm-hub',
  title: 'Running process holds the file value',
  severity: 'error',
  cause: 'stale-process',
  what: 'hivecfm-hub is served by `node hub.mjs` (pid 4242, port 8090), started by hand, not by Keyhive.',
  fix: 'Restart it with its configured command after you confirm.',
  fixAction: 'restart-stale-process',
};
const ok: DoctorFinding = { secret: 'hivecfm-hub-api-key', id: 'sides-set', title: 'Both sides set', severity: 'ok', what: 'Every side holds a value.' };

async function setup(findings: DoctorFinding[]) {
  const api = new FakeApi();
  api.findings = findings;
  const store = await loadedStore(api);
  return { ...renderWithApi(<TroubleshootView />, { api, store }), api };
}

describe('TroubleshootView — the cause first', () => {
  it('names the most likely cause above the checklist, in plain words', async () => {
    await setup([stale, ok]);
    const note = await screen.findByRole('note', { name: 'Most likely cause' });
    expect(note).toHaveTextContent('Most likely cause: a process still runs with the old key');
    expect(note.getAttribute('data-cause')).toBe('stale-process');
  });

  it('restarting a process Keyhive did not start asks first; Cancel does nothing, confirming calls the fix', async () => {
    const user = userEvent.setup();
    const { api } = await setup([stale, ok]);
    await user.click(await screen.findByRole('button', { name: 'Restart the process… (Running process holds the file value)' }));
    const confirm = screen.getByRole('group', { name: 'Confirm the restart' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('doctor.fix')).toEqual([]);
    await user.click(screen.getByRole('button', { name: /Restart the process…/ }));
    await user.click(within(screen.getByRole('group', { name: 'Confirm the restart' })).getByRole('button', { name: 'Stop and restart' }));
    await waitFor(() => expect(api.callsTo('doctor.fix')).toEqual([{ secret: 'hivecfm-hub-api-key', action: 'restart-stale-process' }]));
  });

  it('no banner when every check passed', async () => {
    await setup([ok]);
    expect(await screen.findByText('Every check passed')).toBeInTheDocument();
    expect(screen.queryByRole('note', { name: 'Most likely cause' })).not.toBeInTheDocument();
  });
});
