import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupStore } from '../../../electron/adapters/fs/backups.js';
import { KeyhiveError } from '../../../shared/errors.js';

let data: string;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'keyhive-backups-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

describe('createBackupStore', () => {
  it('keeps exact bytes (binary included) per change in private files, loadable by id', async () => {
    const store = createBackupStore(data);
    const junk = new Uint8Array([0, 255, 10, 13, 0xef, 0xbb, 0xbf, 65]);
    const a = await store.save('/w/hub/.env', junk);
    const b = await store.save('/w/hub/.env', new Uint8Array(Buffer.from('A=2\n')));
    expect(a).not.toBe(b);
    expect(await store.load(a)).toEqual({ path: '/w/hub/.env', bytes: junk });
    expect(Buffer.from((await store.load(b)).bytes).toString()).toBe('A=2\n');
    const files = await readdir(join(data, 'backups'));
    expect(files.sort()).toEqual([`${a}.bak`, `${b}.bak`].sort());
    expect((await stat(join(data, 'backups', `${a}.bak`))).mode & 0o777).toBe(0o600);
    expect((await stat(join(data, 'backups'))).mode & 0o777).toBe(0o700);
  });

  it('rejects ids that are not backup ids (no path tricks) and reports missing or damaged ones', async () => {
    const store = createBackupStore(data);
    await expect(store.load('../../etc/passwd')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.load('1764051234567-0a1b2c3d4e5f')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const id = await store.save('/x/.env', new Uint8Array([65]));
    await writeFile(join(data, 'backups', `${id}.bak`), 'not a header');
    const e = await store.load(id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KeyhiveError);
    expect((e as KeyhiveError).message).toMatch(/damaged/);
  });
});
