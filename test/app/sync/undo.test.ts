/** Undo on real files and the real keychain: what it restores, and every refusal. */
import { rm, writeFile } from 'node:fs/promises';
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

async function open(): Promise<{ k: string }> {
  const k = hubKey();
  ws = await makeWorkspace({ hub: k, core: k });
  session = await openSession(ws.file, { store, dataDir: ws.dataDir });
  return { k };
}

describe('undo', () => {
  it('without an id undoes the latest undoable entry, then the one before', async () => {
    const { k } = await open();
    const v1 = hubKey();
    const v2 = hubKey();
    const s1 = await session!.sync('hub-api-key', { value: v1 });
    const s2 = await session!.sync('hub-api-key', { value: v2 });
    expect((await session!.undo()).undid).toBe(s2.activityId);
    expect(await ws!.read(ws!.hubEnv)).toContain(`API_KEY=${v1}\n`);
    expect(await store.get(accounts.secret(ws!.id, 'hub-api-key'))).toBe(v1);
    expect((await session!.undo()).undid).toBe(s1.activityId);
    expect(await ws!.read(ws!.hubEnv)).toContain(`API_KEY=${k}\n`);
    // The first sync created the keychain entry: undoing it removes the entry again.
    expect(await store.get(accounts.secret(ws!.id, 'hub-api-key'))).toBeNull();
    await expect(session!.undo()).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is nothing to undo.' });
  });

  it('refuses when the keychain changed since, naming the secret; nothing restored', async () => {
    await open();
    const out = await session!.sync('hub-api-key', { value: hubKey() });
    const hubAfter = await ws!.read(ws!.hubEnv);
    await store.set(accounts.secret(ws!.id, 'hub-api-key'), hubKey());
    await expect(session!.undo(out.activityId)).rejects.toMatchObject({ code: 'UNDO_REFUSED', message: expect.stringContaining('keychain value of hub-api-key changed') });
    expect(await ws!.read(ws!.hubEnv)).toBe(hubAfter);
  });

  it('refuses when a written file was deleted since', async () => {
    await open();
    const out = await session!.sync('hub-api-key', { value: hubKey() });
    await rm(ws!.coreEnv);
    await expect(session!.undo(out.activityId)).rejects.toMatchObject({ code: 'UNDO_REFUSED', file: ws!.coreEnv, message: expect.stringContaining('was deleted') });
  });

  it('refuses an entry that cannot be undone, and one already undone', async () => {
    await open();
    const first = await session!.importSecret('hub-api-key', 'hivecfm-hub');
    const again = await session!.importSecret('hub-api-key', 'hivecfm-hub');
    await expect(session!.undo(again.activityId)).rejects.toMatchObject({ code: 'UNDO_REFUSED', message: expect.stringContaining('cannot be undone') });
    await session!.undo(first.activityId);
    await expect(session!.undo(first.activityId)).rejects.toMatchObject({ code: 'UNDO_REFUSED', message: expect.stringContaining('already undone') });
  });

  it('keeps file bytes exactly: CRLF, BOM, comments and quotes survive a sync + undo', async () => {
    await open();
    const original = '\ufeff# hub\r\nPORT=8080\r\nAPI_KEY=\'abc#def\' # keep me\r\nX="1"\r\n';
    await writeFile(ws!.hubEnv, original);
    const out = await session!.sync('hub-api-key', { value: hubKey() });
    const synced = await ws!.read(ws!.hubEnv);
    expect(synced.startsWith('\ufeff# hub\r\nPORT=8080\r\nAPI_KEY=')).toBe(true);
    expect(synced.endsWith(' # keep me\r\nX="1"\r\n')).toBe(true);
    await session!.undo(out.activityId);
    expect(await ws!.read(ws!.hubEnv)).toBe(original);
  });
});
