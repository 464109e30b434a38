/**
 * Two checkouts of one committed keyhive.yaml (same `id`) on real files, with the real keychain:
 * each gets its own keychain entries, activity and undo — a sync or undo in one never touches the
 * other's files — and a checkout that moved keeps its entries.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceKeyFor } from '../../../electron/adapters/fs/workspace-identity.js';
import { KeytarSecretStore } from '../../../electron/adapters/keychain/keytar-secret-store.js';
import { openSession, type WorkspaceSession } from '../../../electron/app/workspace-session.js';
import { hubKey, makeWorkspace, type TempWorkspace } from '../../app/support/temp-workspace.js';

const store = new KeytarSecretStore();
const made: TempWorkspace[] = [];
const sessions: WorkspaceSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const w of made.splice(0)) await w.cleanup();
});

async function twoCheckouts(): Promise<[TempWorkspace, TempWorkspace]> {
  const a = await makeWorkspace({ hub: hubKey(), core: hubKey() });
  const b = await makeWorkspace({ hub: hubKey(), core: hubKey() });
  made.push(a, b);
  await writeFile(b.file, (await readFile(b.file, 'utf8')).replace(/^id: .*$/m, `id: ${a.id}`));
  return [a, b];
}

describe('workspace identity includes its location', () => {
  it('the first checkout keeps the id; a second live one gets its own key; a moved one keeps its entries', async () => {
    const [a, b] = await twoCheckouts();
    expect(await workspaceKeyFor(a.dataDir, a.id, a.file)).toBe(a.id);
    expect(await workspaceKeyFor(a.dataDir, a.id, a.file)).toBe(a.id);
    const second = await workspaceKeyFor(a.dataDir, a.id, b.file);
    expect(second).toMatch(new RegExp(`^${a.id}~[0-9a-f]{8}$`));
    expect(await workspaceKeyFor(a.dataDir, a.id, b.file)).toBe(second);
    // The first checkout moves away (its keyhive.yaml is gone from the registered place): the id is free again.
    await rename(a.file, join(a.root, 'keyhive.old.yaml'));
    expect(await workspaceKeyFor(a.dataDir, a.id, b.file)).toBe(a.id);
  });

  it('a sync and an undo in one checkout never touch the other: own keychain entry, own activity', async () => {
    const [a, b] = await twoCheckouts();
    const sa = await openSession(a.file, { store, dataDir: a.dataDir });
    const sb = await openSession(b.file, { store, dataDir: a.dataDir });
    sessions.push(sa, sb);
    expect(sb.workspace.config.id).not.toBe(sa.workspace.config.id);
    const bHub = await b.read(b.hubEnv);
    const bCore = await b.read(b.coreEnv);
    await sa.sync('hub-api-key', { service: 'hivecfm-hub' });
    expect((await sb.status()).secrets[0]!.state).not.toBe('in-sync');
    expect(await sb.activity.list()).toEqual([]);
    await expect(sb.undo()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await sb.sync('hub-api-key', { service: 'hivecfm-core' });
    await sa.undo();
    // A's undo restored A only; B holds what B's own sync wrote.
    expect(await b.read(b.hubEnv)).not.toBe(bHub);
    expect(await b.read(b.coreEnv)).toBe(bCore);
    expect((await sb.status()).secrets[0]!.state).toBe('in-sync');
  });
});
