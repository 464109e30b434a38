import { mkdtemp, readFile, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityLogPath, createActivityLog } from '../../../electron/app/activity/activity-log.js';
import { ActivityEntry } from '../../../shared/domain.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kh-activity-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('activity log', () => {
  it('appends JSON lines (0600, dir 0700) and lists newest first with filters', async () => {
    const log = createActivityLog(activityLogPath(dataDir, 'ws1'));
    const seen: ActivityEntry[] = [];
    log.onAppend((e) => seen.push(e));
    const a = await log.append({ kind: 'sync', secret: 'a', summary: 'synced a', fingerprintBefore: null, fingerprintAfter: 'abcd1234', files: ['/x/.env'], undoable: true });
    const b = await log.append({ kind: 'probe', secret: 'b', summary: 'probed b' });
    expect(seen.map((e) => e.id)).toEqual([a.id, b.id]);
    expect((await log.list()).map((e) => e.id)).toEqual([b.id, a.id]);
    expect((await log.list({ kind: 'sync' })).map((e) => e.id)).toEqual([a.id]);
    expect((await log.list({ secret: 'b' })).map((e) => e.id)).toEqual([b.id]);
    expect(await log.list({ limit: 1 })).toHaveLength(1);
    for (const e of await log.list()) expect(ActivityEntry.parse(e)).toEqual(e);
    expect((await stat(log.file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'activity'))).mode & 0o777).toBe(0o700);
    const lines = (await readFile(log.file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
  });

  it('keeps undo data for get(), hides it from list(), and marks reversed entries undone', async () => {
    const log = createActivityLog(activityLogPath(dataDir, 'ws1'));
    const undo = { files: [{ path: '/x/.env', backupId: '1-a', afterHash: 'h' }], keychain: { account: 'ws1/a', previousAccount: null } };
    const a = await log.append({ kind: 'sync', secret: 'a', summary: 's', undoable: true, undo });
    expect((await log.get(a.id))?.undo).toEqual(undo);
    expect(JSON.stringify(await log.list())).not.toContain('afterHash');
    expect((await log.latestUndoable())?.id).toBe(a.id);
    await log.append({ kind: 'undo', secret: 'a', summary: 'undid', undoes: a.id });
    const [, first] = await log.list();
    expect(first).toMatchObject({ id: a.id, undone: true, undoable: false });
    expect(await log.latestUndoable()).toBeNull();
    expect(await log.get('nope')).toBeNull();
  });

  it('skips a torn or foreign line instead of failing', async () => {
    const file = activityLogPath(dataDir, 'ws2');
    const log = createActivityLog(file);
    await log.append({ kind: 'sync', summary: 'ok' });
    await appendFile(file, '{"id":"torn","at":');
    expect(await log.list()).toHaveLength(1);
    await log.append({ kind: 'sync', summary: 'after the torn line' });
    expect((await log.list()).map((e) => e.summary)).toEqual(['after the torn line', 'ok']);
    await writeFile(file, 'not json\n{"id":1}\n');
    expect(await log.list()).toEqual([]);
  });

  it('an absent log lists nothing', async () => {
    expect(await createActivityLog(activityLogPath(dataDir, 'none')).list()).toEqual([]);
  });
});
