import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivityLog, type ActivityLog } from '../../../electron/app/activity/activity-log.js';
import { pruneKeptValues } from '../../../electron/app/sync/prune-kept-values.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

const DAY = 86_400_000;
let dataDir: string;
let activity: ActivityLog;
/** The log's clock and pruning's "now" are inputs: a moving clock, never today's date. */
let t = Date.UTC(2031, 4, 1);
const clock = () => new Date(t);
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kh-prune-'));
  activity = createActivityLog(join(dataDir, 'activity', 'ws.jsonl'), { clock });
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const logSync = (id: string) =>
  activity.append({ id, kind: 'sync', secret: 's', summary: 'x', fingerprintBefore: 'a', fingerprintAfter: 'b', undoable: true, undo: { files: [], keychain: { account: 'ws/s', previousAccount: `ws/.undo/${id}` } } });

describe('pruneKeptValues', () => {
  it('forgets the previous values of changes older than the undo window, once, and keeps the newer ones', async () => {
    const store = new MemorySecretStore();
    await store.set('ws/.undo/old-1', 'v1');
    await store.set('ws/.undo/old-2', 'v2');
    await logSync('old-1');
    await logSync('old-2');
    const logged = t;
    const later = (ms: number) => () => new Date(logged + ms);
    const deps = { activity, store, dataDir, workspaceKey: 'ws', keepMs: 30 * DAY };
    expect(await pruneKeptValues({ ...deps, now: later(29 * DAY) })).toBe(0);
    expect(await store.get('ws/.undo/old-1')).toBe('v1');
    expect(await pruneKeptValues({ ...deps, now: later(31 * DAY) })).toBe(2);
    expect(await store.get('ws/.undo/old-1')).toBeNull();
    expect(await store.get('ws/.undo/old-2')).toBeNull();
    expect((await readFile(join(dataDir, 'undo', 'ws.pruned'), 'utf8')).trim()).toBe((await activity.records()).at(-1)!.at);
    // A newer change keeps its value until its own window ends; old entries are not looked at again.
    t += 20 * DAY;
    await store.set('ws/.undo/new-1', 'v3');
    await logSync('new-1');
    expect(await pruneKeptValues({ ...deps, now: later(31 * DAY) })).toBe(0);
    expect(await store.get('ws/.undo/new-1')).toBe('v3');
  });
});
