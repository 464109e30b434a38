/**
 * The session end to end on real files and the real keychain (the private Secret Service the
 * global set-up starts): the hub/core scenario, event-driven drift, shadowing, sync + undo.
 */
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceStatus } from '../../shared/domain.js';
import { KeytarSecretStore } from '../../electron/adapters/keychain/keytar-secret-store.js';
import { openSession, type WorkspaceSession } from '../../electron/app/workspace-session.js';
import { accounts } from '../../electron/core/secrets/secret-store.js';
import { hubKey, makeWorkspace, type TempWorkspace } from './support/temp-workspace.js';

const store = new KeytarSecretStore();
let ws: TempWorkspace | null = null;
let session: WorkspaceSession | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
  await ws?.cleanup();
  ws = null;
});

/** Resolves with the first pushed status that satisfies `pred`, and the time it arrived. */
function nextStatus(s: WorkspaceSession, pred: (st: WorkspaceStatus) => boolean): Promise<{ status: WorkspaceStatus; at: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no matching status within 5 s'));
    }, 5000);
    const off = s.watch((status) => {
      if (!pred(status)) return;
      clearTimeout(timer);
      off();
      resolve({ status, at: performance.now() });
    }, reject);
  });
}

const secretState = (st: WorkspaceStatus): string | undefined => st.secrets[0]?.state;

/** The edit between two versions of a file is exactly `from` → `to` at one place. */
function expectValueOnlyDiff(before: string, after: string, from: string, to: string): void {
  expect(before.split(from)).toHaveLength(2);
  expect(after).toBe(before.replace(from, to));
}

describe('workspace session on the hub/core pair', () => {
  it('drift pushed on an edit (no polling), shadowed by .env.local, sync from keychain, undo to the original bytes', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    await session.importSecret('hub-api-key', 'hivecfm-hub');
    expect(secretState(await session.status())).toBe('in-sync');

    // Start watching, then edit the core's value: `drifted` is pushed by the watcher (how fast is
    // measured in `npm run bench`, never asserted here).
    const warm = nextStatus(session, () => true);
    await session.whenWatching();
    const drifted = nextStatus(session, (st) => secretState(st) === 'drifted');
    const edited = hubKey();
    const coreOriginal = await ws.read(ws.coreEnv);
    await writeFile(ws.coreEnv, coreOriginal.replace(k, edited));
    const { status } = await drifted;
    warm.catch(() => undefined);
    const core = status.secrets[0]!.bindings[1]!;
    expect(core).toMatchObject({ service: 'hivecfm-core', state: 'drifted', file: ws.coreEnv, line: 2 });
    expect(status.secrets[0]!.bindings[0]!.state).toBe('in-sync');

    // A .env.local holding the old value shadows the edited .env.
    const shadowed = nextStatus(session, (st) => secretState(st) === 'shadowed');
    await writeFile(ws.coreLocal, `HIVECFM_HUB_API_KEY=${k}\n`);
    const sh = (await shadowed).status.secrets[0]!.bindings[1]!;
    expect(sh.file).toBe(ws.coreLocal);
    expect(sh.detail).toMatch(/hivecfm-core\/\.env\.local:1 overrides hivecfm-core\/\.env:2/);

    // Sync from the keychain: every side in sync; each file's diff is exactly the value.
    const beforeCore = await ws.read(ws.coreEnv);
    const beforeLocal = await ws.read(ws.coreLocal);
    const beforeHub = await ws.read(ws.hubEnv);
    const inSync = nextStatus(session, (st) => secretState(st) === 'in-sync');
    const outcome = await session.sync('hub-api-key', 'keychain');
    expect(outcome.files).toEqual([ws.coreEnv]);
    expectValueOnlyDiff(beforeCore, await ws.read(ws.coreEnv), edited, k);
    expect(await ws.read(ws.coreLocal)).toBe(beforeLocal);
    expect(await ws.read(ws.hubEnv)).toBe(beforeHub);
    expect(secretState((await inSync).status)).toBe('in-sync');
    expect(secretState(await session.status())).toBe('in-sync');

    // Undo: the original bytes are back on disk.
    const undone = await session.undo(outcome.activityId);
    expect(undone.files).toEqual([ws.coreEnv]);
    expect(await ws.read(ws.coreEnv)).toBe(beforeCore);
    const log = await session.activity.list();
    expect(log.map((e) => e.kind).slice(0, 3)).toEqual(['undo', 'sync', 'import']);
    expect(log[1]).toMatchObject({ id: outcome.activityId, undone: true });
  });

  it('sync with a new value writes every side and the keychain; undo restores both', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    await session.importSecret('hub-api-key', 'hivecfm-core');
    const hubBefore = await ws.read(ws.hubEnv);
    const coreBefore = await ws.read(ws.coreEnv);
    const next = hubKey();
    const out = await session.sync('hub-api-key', { value: next });
    expect(out.files).toEqual([ws.hubEnv, ws.coreEnv]);
    expect(out.fingerprintBefore).not.toBe(out.fingerprintAfter);
    expectValueOnlyDiff(hubBefore, await ws.read(ws.hubEnv), k, next);
    expectValueOnlyDiff(coreBefore, await ws.read(ws.coreEnv), k, next);
    expect(await store.get(accounts.secret(ws.id, 'hub-api-key'))).toBe(next);
    expect(await store.get(accounts.previousValue(ws.id, out.activityId))).toBe(k);
    expect(secretState(await session.status())).toBe('in-sync');

    await session.undo();
    expect(await ws.read(ws.hubEnv)).toBe(hubBefore);
    expect(await ws.read(ws.coreEnv)).toBe(coreBefore);
    expect(await store.get(accounts.secret(ws.id, 'hub-api-key'))).toBe(k);
    expect(await store.get(accounts.previousValue(ws.id, out.activityId))).toBeNull();
    expect(secretState(await session.status())).toBe('in-sync');
  });

  it('sync from a service takes the value that service sees', async () => {
    const hub = hubKey();
    ws = await makeWorkspace({ hub, core: hubKey() });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    expect(secretState(await session.status())).toBe('drifted');
    await session.sync('hub-api-key', { service: 'hivecfm-hub' });
    expect(await ws.read(ws.coreEnv)).toContain(`HIVECFM_HUB_API_KEY="${hub}" # shared with the hub`);
    expect(await store.get(accounts.secret(ws.id, 'hub-api-key'))).toBe(hub);
    expect(secretState(await session.status())).toBe('in-sync');
  });

  it('a file edited after a sync makes its undo refuse, naming the file, and changes nothing', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    const out = await session.sync('hub-api-key', { value: hubKey() });
    const later = (await ws.read(ws.coreEnv)) + 'EXTRA=1\n';
    await writeFile(ws.coreEnv, later);
    const hubNow = await ws.read(ws.hubEnv);
    await expect(session.undo(out.activityId)).rejects.toMatchObject({ code: 'UNDO_REFUSED', file: ws.coreEnv });
    expect(await ws.read(ws.coreEnv)).toBe(later);
    expect(await ws.read(ws.hubEnv)).toBe(hubNow);
  });

  it('a missing side is written into its base file; a side without any file gets one created (0600)', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: null });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    const st = await session.status();
    expect(st.secrets[0]!.bindings[1]).toMatchObject({ state: 'missing', file: ws.coreEnv, line: null, fingerprint: null });
    const out = await session.sync('hub-api-key', { service: 'hivecfm-hub' });
    expect(out.files).toEqual([ws.coreEnv]);
    expect(await ws.read(ws.coreEnv)).toBe(`HIVECFM_HUB_API_KEY=${k}\n`);
    const { stat } = await import('node:fs/promises');
    expect((await stat(ws.coreEnv)).mode & 0o777).toBe(0o600);
    expect(secretState(await session.status())).toBe('in-sync');
    await session.undo(out.activityId);
    await expect(stat(ws.coreEnv)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a value that fails the format unless forced, and unknown secrets or services clearly', async () => {
    const k = hubKey();
    ws = await makeWorkspace({
      hub: k,
      core: k,
      extraYaml: `  tokenhub-key:\n    format: tokenhub\n    bindings:\n      - { service: hivecfm-core, var: TOKENHUB_KEY, role: client }\n`,
    });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    await expect(session.sync('tokenhub-key', { value: 'not-a-tokenhub-key' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const core = await ws.read(ws.coreEnv);
    expect(core).not.toContain('TOKENHUB_KEY');
    await session.sync('tokenhub-key', { value: 'not-a-tokenhub-key' }, { force: true });
    expect(await ws.read(ws.coreEnv)).toBe(core + 'TOKENHUB_KEY=not-a-tokenhub-key\n');
    expect((await session.status()).secrets[1]!.state).toBe('invalid-format');
    await expect(session.sync('nope', 'keychain')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(session.importSecret('hub-api-key', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(session.undo('no-such-entry')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sync from an empty keychain says how to fill it', async () => {
    ws = await makeWorkspace({ hub: hubKey(), core: hubKey() });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    await expect(session.sync('hub-api-key', 'keychain')).rejects.toMatchObject({ code: 'KEYCHAIN_MISSING', fix: expect.stringContaining('keyhive import hub-api-key') });
  });

  it('watch follows keyhive.yaml: a new binding added to the file shows up in the next status', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    session = await openSession(ws.file, { store, dataDir: ws.dataDir });
    await session.importSecret('hub-api-key', 'hivecfm-hub');
    session.watch(() => undefined);
    await session.whenWatching();
    const grown = nextStatus(session, (st) => st.secrets.length === 2);
    const yaml = await ws.read(ws.file);
    await writeFile(ws.file, yaml + '  second:\n    bindings:\n      - { service: hivecfm-hub, var: SECOND, role: server }\n');
    const st = (await grown).status;
    expect(st.secrets[1]).toMatchObject({ name: 'second', state: 'missing' });
    expect(session.workspace.config.secrets['second']).toBeDefined();
  });
});
