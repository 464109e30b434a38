/** Import on real files and the real keychain. */
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { openSession, type WorkspaceSession } from '../../../electron/app/workspace-session.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { hubKey, makeWorkspace, type TempWorkspace } from '../support/temp-workspace.js';

const store = new KeytarSecretStore();
let ws: TempWorkspace | null = null;
let session: WorkspaceSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
  await ws?.cleanup();
  ws = null;
});

describe('importSecret', () => {
  it('takes the value the service SEES (the .env.local that wins) without touching files', async () => {
    const k = hubKey();
    const local = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    await writeFile(ws.coreLocal, `HIVECFM_HUB_API_KEY=${local}\n`);
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    const before = [await ws.read(ws.hubEnv), await ws.read(ws.coreEnv), await ws.read(ws.coreLocal)];
    const out = await session.importSecret('hub-api-key', 'hivecfm-core');
    expect(out.files).toEqual([]);
    expect(await store.get(accounts.secret(ws.id, 'hub-api-key'))).toBe(local);
    expect([await ws.read(ws.hubEnv), await ws.read(ws.coreEnv), await ws.read(ws.coreLocal)]).toEqual(before);
    const [entry] = await session.activity.list();
    expect(entry).toMatchObject({ kind: 'import', secret: 'hub-api-key', fingerprintBefore: null, fingerprintAfter: out.fingerprintAfter, undoable: true });
  });

  it('replacing a keychain value keeps the old one for undo', async () => {
    const k = hubKey();
    const other = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    await store.set(accounts.secret(ws.id, 'hub-api-key'), other);
    const out = await session.importSecret('hub-api-key', 'hivecfm-hub');
    expect(await store.get(accounts.previousValue(ws.id, out.activityId))).toBe(other);
    await session.undo(out.activityId);
    expect(await store.get(accounts.secret(ws.id, 'hub-api-key'))).toBe(other);
  });

  it('refuses a service without a value, and a value in the wrong format unless forced', async () => {
    ws = await makeWorkspace({
      hub: hubKey(),
      core: null,
      extraYaml: `  tokenhub-key:\n    format: tokenhub\n    bindings:\n      - { service: hivecfm-hub, var: TOKENHUB_KEY, role: client }\n`,
    });
    await writeFile(ws.hubEnv, 'TOKENHUB_KEY=tokenhub_short\n');
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    await expect(session.importSecret('hub-api-key', 'hivecfm-core')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('has no value') });
    await expect(session.importSecret('tokenhub-key', 'hivecfm-hub')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.not.stringContaining('tokenhub_short') });
    await session.importSecret('tokenhub-key', 'hivecfm-hub', { force: true });
    expect(await store.get(accounts.secret(ws.id, 'tokenhub-key'))).toBe('tokenhub_short');
    await expect(session.importSecret('tokenhub-key', 'hivecfm-core')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
