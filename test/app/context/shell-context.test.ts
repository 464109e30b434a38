/**
 * The shell context: a shell's choices are kept as given, what it leaves out gets the one
 * default (here: the per-user data dir from KEYHIVE_DATA_DIR, the system clock), a chosen data
 * dir exists afterwards, and closing it closes only what it opened.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/clock.js';
import { createShellContext, withClock } from '../../../electron/app/context/shell-context.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

let root: string;
let prev: string | undefined;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kh-context-'));
  prev = process.env.KEYHIVE_DATA_DIR;
  process.env.KEYHIVE_DATA_DIR = join(root, 'default-data');
});
afterEach(async () => {
  if (prev === undefined) delete process.env.KEYHIVE_DATA_DIR;
  else process.env.KEYHIVE_DATA_DIR = prev;
  await rm(root, { recursive: true, force: true });
});

describe('createShellContext', () => {
  it('keeps what the shell chose and creates the chosen data dir (0700)', async () => {
    const store = new MemorySecretStore();
    const clock = fixedClock('2031-05-06T07:08:09Z');
    const onLockWait = (): void => undefined;
    const ctx = await createShellContext({ store, dataDir: join(root, 'mine', 'data'), clock, lockWaitMs: 5, onLockWait });
    expect(ctx.store).toBe(store);
    expect(ctx.dataDir).toBe(join(root, 'mine', 'data'));
    expect(ctx.clock().toISOString()).toBe('2031-05-06T07:08:09.000Z');
    expect(ctx.lockWaitMs).toBe(5);
    expect(ctx.onLockWait).toBe(onLockWait);
    expect((await stat(ctx.dataDir)).mode & 0o777).toBe(0o700);
    await ctx.close();
    await store.set('still/open', 'yes'); // a store the shell handed in is not closed by the context
    expect(await store.get('still/open')).toBe('yes');
  });

  it('picks the defaults for what is left out: the per-user data dir and the system clock', async () => {
    const ctx = await createShellContext({ store: new MemorySecretStore() });
    expect(ctx.dataDir).toBe(join(root, 'default-data'));
    expect((await stat(ctx.dataDir)).isDirectory()).toBe(true);
    const before = Date.now();
    const now = ctx.clock().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(ctx.lockWaitMs).toBeUndefined();
    await ctx.close();
  });

  it('withClock keeps a given clock and adds the system clock otherwise', () => {
    const store = new MemorySecretStore();
    const pinned = fixedClock('2030-01-01T00:00:00Z');
    expect(withClock({ store, dataDir: '/d', clock: pinned }).clock).toBe(pinned);
    expect(typeof withClock({ store, dataDir: '/d' }).clock().getTime()).toBe('number');
  });
});
