import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { portsOf } from '../../../electron/app/sync/apply-change-ports.js';
import { liveHubWorkspace, SECRET, type LiveHubWorkspace } from '../live-hub.js';

let w: LiveHubWorkspace;
beforeEach(async () => {
  w = await liveHubWorkspace();
});
afterEach(async () => {
  await w.cleanup();
});

describe('portsOf', () => {
  it('exposes the session’s workspace, keychain, sync and status to the operations', async () => {
    const ports = portsOf(w.session, null);
    expect(ports.workspace).toBe(w.session.workspace);
    expect(ports.store).toBe(w.session.store);
    expect(ports.controller).toBeNull();
    const r = await ports.sync(SECRET, { value: 'value-written-through-the-ports-0123' });
    expect(r.files.sort()).toEqual([w.coreEnv, w.hubEnv].sort());
    expect(await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY')).toBe('value-written-through-the-ports-0123');
    const st = await ports.status!();
    expect(st.secrets.find((s) => s.name === SECRET)?.state).toBe('in-sync');
  });
});
