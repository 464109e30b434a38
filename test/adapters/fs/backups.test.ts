import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupStore, deriveBackupKey, SAVES_PER_LISTING } from '../../../electron/adapters/fs/backups.js';
import { KeyhiveError } from '../../../shared/errors.js';

let data: string;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'keyhive-backups-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

const DAY = 86_400_000;
const key = async () => deriveBackupKey('the workspace key');
/** A clock the test moves (never today's date). */
function clock(start = Date.UTC(2031, 0, 15)): { now: () => Date; advance(ms: number): void } {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

describe('createBackupStore', () => {
  it('keeps exact bytes (binary included) per change, encrypted, in private files, loadable by id', async () => {
    const store = createBackupStore(data, { scope: 'ws1', key });
    const secretish = 'API_KEY=hub-secret-value-that-must-not-be-readable\n';
    const junk = new Uint8Array([0, 255, 10, 13, 0xef, 0xbb, 0xbf, 65]);
    const a = await store.save('/w/hub/.env', junk);
    const b = await store.save('/w/hub/.env', new Uint8Array(Buffer.from(secretish)));
    expect(a).not.toBe(b);
    expect(await store.load(a)).toEqual({ path: '/w/hub/.env', bytes: junk });
    expect(Buffer.from((await store.load(b)).bytes).toString()).toBe(secretish);
    const dir = join(data, 'backups', 'ws1');
    expect((await readdir(dir)).sort()).toEqual([`${a}.bak`, `${b}.bak`].sort());
    // On disk: neither the value nor the path, only ciphertext.
    const raw = await readFile(join(dir, `${b}.bak`), 'utf8');
    expect(raw).not.toContain('hub-secret-value');
    expect(raw).not.toContain('/w/hub');
    expect((await stat(join(dir, `${a}.bak`))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('another key cannot read them, and a tampered or moved backup is refused as damaged', async () => {
    const store = createBackupStore(data, { scope: 'ws1', key });
    const id = await store.save('/x/.env', new Uint8Array(Buffer.from('A=1\n')));
    const other = createBackupStore(data, { scope: 'ws1', key: async () => deriveBackupKey('another key') });
    await expect(other.load(id)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/damaged or was made with another key/) });
    const file = join(data, 'backups', 'ws1', `${id}.bak`);
    const bytes = await readFile(file);
    bytes[bytes.length - 1]! ^= 1;
    await writeFile(file, bytes);
    await expect(store.load(id)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('rejects ids that are not backup ids (no path tricks), reports missing ones, and still reads first-format plaintext backups', async () => {
    const store = createBackupStore(data, { scope: 'ws1', key });
    await expect(store.load('../../etc/passwd')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.load('1764051234567-0a1b2c3d4e5f')).rejects.toMatchObject({ code: 'NOT_FOUND', fix: expect.stringMatching(/undo window/) });
    await mkdir(join(data, 'backups'), { recursive: true });
    await writeFile(join(data, 'backups', '1764051234567-0a1b2c3d4e5f.bak'), `${JSON.stringify({ path: '/old/.env', size: 4 })}\nA=1\n`);
    expect(await store.load('1764051234567-0a1b2c3d4e5f')).toEqual({ path: '/old/.env', bytes: new Uint8Array(Buffer.from('A=1\n')) });
    await writeFile(join(data, 'backups', '1764051234567-0a1b2c3d4e5e.bak'), 'not a header');
    const e = await store.load('1764051234567-0a1b2c3d4e5e').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KeyhiveError);
    expect((e as KeyhiveError).message).toMatch(/damaged/);
  });

  it('prunes on save: older than the undo window, and beyond the newest keepCount', async () => {
    const c = clock();
    const retention = { keepMs: 7 * DAY, keepCount: 3 };
    const store = createBackupStore(data, { scope: 'ws1', key, now: c.now, retention: () => retention });
    const first = await store.save('/e', new Uint8Array([1]));
    c.advance(8 * DAY);
    const second = await store.save('/e', new Uint8Array([2]));
    await expect(store.load(first)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const more = [];
    for (let i = 0; i < 3; i++) {
      c.advance(1000);
      more.push(await store.save('/e', new Uint8Array([3 + i])));
    }
    await expect(store.load(second)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await readdir(join(data, 'backups', 'ws1'))).sort()).toEqual(more.map((id) => `${id}.bak`).sort());
    // Another workspace's backups are not touched.
    const other = createBackupStore(data, { scope: 'ws2', key, now: c.now, retention: () => retention });
    const kept = await other.save('/e', new Uint8Array([9]));
    c.advance(30 * DAY);
    await store.save('/e', new Uint8Array([10]));
    expect((await other.load(kept)).bytes).toEqual(new Uint8Array([9]));
  });

  it('lists the folder only every SAVES_PER_LISTING saves, yet keeps it bounded while another process adds backups', async () => {
    const c = clock();
    const retention = { keepMs: 7 * DAY, keepCount: 5 };
    const folder = join(data, 'backups', 'ws1');
    const count = async (): Promise<number> => (await readdir(folder)).length;
    const ours = createBackupStore(data, { scope: 'ws1', key, now: c.now, retention: () => retention });
    const theirs = createBackupStore(data, { scope: 'ws1', key, now: c.now, retention: () => retention }); // another process
    await ours.save('/e', new Uint8Array([0])); // the first save lists the folder
    const saved: string[] = [];
    for (let i = 0; i < 12; i++) {
      c.advance(1000);
      saved.push(await theirs.save('/e', new Uint8Array([1])));
    }
    expect(await count()).toBe(5); // the other process prunes what it knows of
    // Our saves do not see theirs until our next listing: the folder may grow, but stays bounded.
    for (let i = 1; i < SAVES_PER_LISTING; i++) {
      c.advance(1000);
      saved.push(await ours.save('/e', new Uint8Array([2])));
      expect(await count()).toBeLessThanOrEqual(retention.keepCount + SAVES_PER_LISTING);
    }
    expect(await count()).toBe(10); // their 5 and our newest 5
    c.advance(1000);
    saved.push(await ours.save('/e', new Uint8Array([3]))); // lists again: back to the newest keepCount
    expect((await readdir(folder)).sort()).toEqual(saved.slice(-5).map((id) => `${id}.bak`));
    // The undo window applies from memory too: a week later, one save leaves only itself.
    c.advance(8 * DAY);
    const last = await ours.save('/e', new Uint8Array([4]));
    expect(await readdir(folder)).toEqual([`${last}.bak`]);
  });

  it('never prunes the backup it just saved, even when the retention would', async () => {
    const c = clock();
    const store = createBackupStore(data, { scope: 'ws1', key, now: c.now, retention: () => ({ keepMs: 0, keepCount: 0 }) });
    await store.save('/e', new Uint8Array([1]));
    c.advance(1000);
    const id = await store.save('/e', new Uint8Array([2]));
    expect(await readdir(join(data, 'backups', 'ws1'))).toEqual([`${id}.bak`]);
    expect((await store.load(id)).bytes).toEqual(new Uint8Array([2]));
  });

  it('asks for the key once, and again only after it failed (the failed save writes nothing)', async () => {
    let asked = 0;
    const flaky = async (): Promise<Uint8Array> => {
      asked++;
      if (asked === 1) throw new KeyhiveError('KEYCHAIN_UNAVAILABLE', 'locked', { fix: 'Unlock it.' });
      return key();
    };
    const store = createBackupStore(data, { scope: 'ws1', key: flaky });
    await expect(store.save('/e', new Uint8Array([1]))).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    const a = await store.save('/e', new Uint8Array([2]));
    const b = await store.save('/e', new Uint8Array([3]));
    expect(asked).toBe(2);
    expect((await readdir(join(data, 'backups', 'ws1'))).sort()).toEqual([`${a}.bak`, `${b}.bak`].sort());
    expect((await store.load(b)).bytes).toEqual(new Uint8Array([3]));
  });

  it('sweep removes temp files a killed writer left, and nothing else', async () => {
    const store = createBackupStore(data, { scope: 'ws1', key });
    const id = await store.save('/e', new Uint8Array([1]));
    await writeFile(join(data, 'backups', 'ws1', '.1764051234567-0a1b2c3d4e5f.tmp'), '');
    expect(await store.sweep()).toBe(1);
    expect(await readdir(join(data, 'backups', 'ws1'))).toEqual([`${id}.bak`]);
  });

  it('a store without a key (keyhive.yaml only: no secret values) keeps plain text', async () => {
    const store = createBackupStore(data, { scope: 'keyhive-yaml', key: null });
    const id = await store.save('/w/keyhive.yaml', new Uint8Array(Buffer.from('name: w\n')));
    expect(await readFile(join(data, 'backups', 'keyhive-yaml', `${id}.bak`), 'utf8')).toContain('name: w');
    expect(Buffer.from((await store.load(id)).bytes).toString()).toBe('name: w\n');
  });
});
