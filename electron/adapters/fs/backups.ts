/**
 * Backups of a file's previous bytes, one per change, kept in the app's data dir (never next to
 * the user's file) so any change can be undone. Each backup is one 0600 file: a JSON header line
 * (original path, time, size) followed by the exact bytes.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';

export interface BackupStore {
  save(path: string, bytes: Uint8Array): Promise<string>;
  load(id: string): Promise<{ path: string; bytes: Uint8Array }>;
  /** Removes temp files a killed writer left (call it holding the workspace lock). */
  sweep(): Promise<number>;
}

const ID = /^\d{13}-[0-9a-f]{12}$/;

export function createBackupStore(dataDir: string): BackupStore {
  const dir = join(dataDir, 'backups');
  return {
    async save(path, bytes) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const id = `${Date.now().toString().padStart(13, '0')}-${randomBytes(6).toString('hex')}`;
      const header = Buffer.from(JSON.stringify({ path, savedAt: new Date().toISOString(), size: bytes.length }) + '\n', 'utf8');
      const tmp = join(dir, `.${id}.tmp`);
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(Buffer.concat([header, bytes]));
        await fh.sync();
      } finally {
        await fh.close();
      }
      try {
        await rename(tmp, join(dir, `${id}.bak`));
      } catch (e) {
        await unlink(tmp).catch(() => undefined);
        throw e;
      }
      return id;
    },
    async sweep() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const stray = names.filter((n) => /^\..*\.tmp$/.test(n));
      for (const n of stray) await unlink(join(dir, n)).catch(() => undefined);
      return stray.length;
    },
    async load(id) {
      if (!ID.test(id)) throw new KeyhiveError('BAD_INPUT', `"${id.slice(0, 40)}" is not a backup id`, { fix: 'Use an id from the activity log (e.g. 1764051234567-0a1b2c3d4e5f).' });
      let data: Buffer;
      try {
        data = await readFile(join(dir, `${id}.bak`));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new KeyhiveError('NOT_FOUND', `backup ${id} does not exist`, { file: dir, fix: 'It may have been cleaned up; pick another entry from the activity log.' });
        }
        throw e;
      }
      const nl = data.indexOf(10);
      let header: { path?: unknown; size?: unknown } | null = null;
      try {
        header = nl === -1 ? null : (JSON.parse(data.subarray(0, nl).toString('utf8')) as { path?: unknown; size?: unknown });
      } catch {
        header = null;
      }
      const bytes = new Uint8Array(data.subarray(nl + 1));
      if (!header || typeof header.path !== 'string' || header.size !== bytes.length) {
        throw new KeyhiveError('INTERNAL', `backup ${id} is damaged`, { file: join(dir, `${id}.bak`), fix: 'Restore the file from version control or another backup.' });
      }
      return { path: header.path, bytes };
    },
  };
}
