/**
 * The check phase and the journaled change transaction on real files: a real journal, real
 * encrypted backups in a real data dir, a real activity log (the keychain is an in-memory double
 * here; the real one is used by the sync, crash and concurrency tests).
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupStore, deriveBackupKey } from '../../../electron/adapters/fs/backups.js';
import { TEMP_FILE } from '../../../electron/adapters/fs/safe-temp.js';
import { createActivityLog } from '../../../electron/app/activity/activity-log.js';
import { RotationJournal } from '../../../electron/adapters/fs/rotation-journal.js';
import type { ChangeData } from '../../../electron/app/sync/change-flow.js';
import { planWrites, type FileEdit } from '../../../electron/app/sync/plan-writes.js';
import { resumeChange } from '../../../electron/app/sync/resume-change.js';
import { runChange, type ChangeDeps, type ChangeRequest } from '../../../electron/app/sync/run-change.js';
import { setValue } from '../../../electron/core/env/index.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

let root: string;
let deps: ChangeDeps;
let store: MemorySecretStore;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kh-tx-'));
  store = new MemorySecretStore();
  const data = join(root, '.data');
  deps = {
    store,
    backups: createBackupStore(data, { scope: 'ws', key: async () => deriveBackupKey('k') }),
    activity: createActivityLog(join(data, 'activity.jsonl')),
    mac: async (b) => Buffer.from(b).toString('hex'),
    journal: new RotationJournal(data, ''),
    workspaceKey: 'ws',
    workspaceFile: join(root, 'keyhive.yaml'),
  };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const edit = (path: string, value: string, create = false): FileEdit => ({ path, root, create, edit: (b) => setValue(b, 'KEY', value) });
const request = (writes: ChangeRequest['writes'], id: string, after = 'new'): ChangeRequest => ({
  kind: 'sync',
  secret: 's',
  writes,
  keychain: { account: 'ws/s', previousAccount: `ws/.undo/${id}`, before: 'old', after },
  entry: { id, kind: 'sync', secret: 's', summary: 'test', fingerprintBefore: 'o', fingerprintAfter: 'n', files: writes.map((w) => w.path), undoable: true, undo: { files: [], keychain: { account: 'ws/s', previousAccount: `ws/.undo/${id}` } } },
});

describe('planWrites', () => {
  it('plans only files that change; refuses a read-only directory for a new file and a missing file that should exist', async () => {
    const a = join(root, 'a.env');
    const b = join(root, 'b.env');
    await writeFile(a, 'KEY=old\nX=1\n');
    await writeFile(b, 'KEY=new\n');
    const plans = await planWrites([edit(a, 'new'), edit(b, 'new'), edit(join(root, 'c.env'), 'new', true)]);
    expect(plans.map((p) => [p.path, p.create])).toEqual([
      [a, false],
      [join(root, 'c.env'), true],
    ]);
    const dir = join(root, 'ro');
    await mkdir(dir);
    await chmod(dir, 0o555);
    await expect(planWrites([edit(join(dir, '.env'), 'v', true)])).rejects.toMatchObject({ code: 'FILE_PERMISSION' });
    await chmod(dir, 0o755);
    await expect(planWrites([edit(join(root, 'gone.env'), 'v')])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('runChange', () => {
  it('writes files (new ones 0600) and the keychain, keeps the old value for undo, logs with backup ids, archives the journal', async () => {
    const a = join(root, 'a.env');
    await writeFile(a, 'KEY=old\nX=1\n');
    await store.set('ws/s', 'old');
    const plans = await planWrites([edit(a, 'new'), edit(join(root, 'c.env'), 'new', true)]);
    await runChange(deps, request(plans, 'act-1'));
    expect(await readFile(a, 'utf8')).toBe('KEY=new\nX=1\n');
    expect((await stat(join(root, 'c.env'))).mode & 0o777).toBe(0o600);
    expect(await store.get('ws/s')).toBe('new');
    expect(await store.get('ws/.undo/act-1')).toBe('old');
    const logged = await deps.activity.get('act-1');
    expect(logged?.undo?.files.map((f) => [f.path, f.backupId === null])).toEqual([
      [a, false],
      [join(root, 'c.env'), true],
    ]);
    expect((await deps.backups.load(logged!.undo!.files[0]!.backupId!)).bytes).toEqual(new Uint8Array(Buffer.from('KEY=old\nX=1\n')));
    expect(await deps.journal.pending()).toEqual([]);
  });

  it('a file changed after the check is a conflict: the earlier file is restored, the keychain untouched, the error says so', async () => {
    const a = join(root, 'a.env');
    const b = join(root, 'b.env');
    await writeFile(a, 'KEY=1\n');
    await writeFile(b, 'KEY=1\n');
    await store.set('ws/s', 'old');
    const plans = await planWrites([edit(a, '2'), edit(b, '2')]);
    await writeFile(b, 'KEY=1\nSOMEONE=else\n');
    const err = await runChange(deps, request(plans, 'act-2')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FILE_CONFLICT', file: b });
    expect((err as Error).message).toContain('1 file(s) already written were restored; the keychain was left unchanged');
    expect(await readFile(a, 'utf8')).toBe('KEY=1\n');
    expect(await readFile(b, 'utf8')).toBe('KEY=1\nSOMEONE=else\n');
    expect(await store.get('ws/s')).toBe('old');
    expect(await store.get('ws/.undo/act-2')).toBeNull();
    expect(await deps.activity.get('act-2')).toBeNull();
    expect((await readdir(root)).filter((n) => TEMP_FILE.test(n))).toEqual([]);
  });

  it('a keychain failure (its commit point) rolls every file back', async () => {
    const a = join(root, 'a.env');
    await writeFile(a, 'KEY=1\n');
    await store.set('ws/s', 'old');
    const plans = await planWrites([edit(a, '2')]);
    const failing = { ...deps, store: Object.assign(Object.create(store) as MemorySecretStore, { set: async (acc: string, v: string) => (acc === 'ws/s' ? Promise.reject(new Error('keychain locked')) : store.set(acc, v)) }) };
    await expect(runChange(failing, request(plans, 'act-3'))).rejects.toThrow(/keychain locked/);
    expect(await readFile(a, 'utf8')).toBe('KEY=1\n');
    expect(await store.get('ws/s')).toBe('old');
  });

  it('recovery rolls back a change a crash left in its files step (file written, keychain not) and sweeps its temp files', async () => {
    const a = join(root, 'a.env');
    await writeFile(a, 'KEY=1\n');
    await store.set('ws/s', 'old');
    const plans = await planWrites([edit(a, '2')]);
    // A change that "dies" right after its files: the keychain step never runs.
    const dying = { ...deps, afterFiles: () => Promise.reject(new Error('power cut')) };
    await runChange(dying, request(plans, 'act-4')).catch(() => undefined);
    expect(await readFile(a, 'utf8')).toBe('KEY=1\n'); // rolled back at once (a failure, not a crash)
    // Now a real crash: journal left in "files" with the file written.
    const record = { version: 1 as const, operationId: 'sync-act-5', operation: 'sync' as const, workspaceId: 'ws', workspaceFile: deps.workspaceFile, secret: 's', phase: 'forward' as const, pid: 1, startedAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z',
      steps: [{ id: 'keep', label: 'k', state: 'done' as const }, { id: 'files', label: 'f', state: 'running' as const }, { id: 'keychain', label: 'k', state: 'pending' as const }, { id: 'record', label: 'r', state: 'pending' as const }],
      data: {} as Record<string, unknown> };
    const backupId = await deps.backups.save(a, new Uint8Array(Buffer.from('KEY=1\n')));
    const d: ChangeData = { kind: 'sync', activityId: 'act-5', files: [{ path: a, root, create: false, remove: false, backupId, beforeMac: Buffer.from('KEY=1\n').toString('hex'), afterMac: Buffer.from('KEY=2\n').toString('hex') }], keychain: { account: 'ws/s', previousAccount: 'ws/.undo/act-5', hadBefore: true, changes: true }, entry: request([], 'act-5').entry, forget: [] };
    record.data = d as unknown as Record<string, unknown>;
    await deps.journal.save(record);
    await writeFile(a, 'KEY=2\n');
    await writeFile(join(root, 'a.env.keyhive-0123456789ab.env'), 'KEY=2\n');
    expect(await resumeChange(deps, await deps.journal.load('sync-act-5'))).toMatchObject({ action: 'rolled-back' });
    expect(await readFile(a, 'utf8')).toBe('KEY=1\n');
    expect((await readdir(root)).filter((n) => TEMP_FILE.test(n))).toEqual([]);
  });
});
