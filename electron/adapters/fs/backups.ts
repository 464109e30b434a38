/**
 * Backups of a file's previous bytes, one per change, kept in the app's data dir (never next to
 * the user's file) so any change can be undone. They hold old .env bytes — old secret values — so:
 *  - each is encrypted (AES-256-GCM, its id as associated data) with a per-workspace key derived
 *    from the workspace's key in the keychain; a stolen data dir reveals nothing;
 *  - each lives in `backups/<workspace key>/<id>.bak` (0600, folder 0700), created exclusively
 *    under its final name and made durable (file and folder fsynced at the same time) before
 *    save() returns — a crash before that leaves at most an unreferenced file that fails its
 *    authentication tag (so it can never be restored as wrong bytes) and is pruned like any other;
 *    temps of the first writer (`.<name>.tmp`) are still swept by recovery (`sweep`);
 *  - the key is asked for once per store (and again only after a failure);
 *  - they are pruned on every save: older than the undo window, or beyond the newest `keepCount`.
 *    The store keeps the folder's names in memory (oldest first) and lists the folder only on its
 *    first save and then every SAVES_PER_LISTING saves, so a save costs no folder listing; the
 *    backups another process adds meanwhile are counted at the next listing, so the folder holds
 *    at most keepCount + SAVES_PER_LISTING per other writing process between two listings.
 * Backups of the first format (plaintext, directly under `backups/`) can still be read.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, openSync, unlinkSync } from 'node:fs';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { CREATE_EXCLUSIVE, fsyncDir, fsyncFd, settleAll, writeAllSync } from './durable-write.js';
import { join } from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';

export interface BackupStore {
  /**
   * Keeps `bytes` (the previous content of `path`) and returns the backup's id once it is durable.
   * `alongside`: started right after the backup is written and before it is fsynced, so the
   * caller's own fsync (a temp file) lands in the same journal commit; save waits for it too.
   */
  save(path: string, bytes: Uint8Array, opts?: { alongside?: () => Promise<void> }): Promise<string>;
  load(id: string): Promise<{ path: string; bytes: Uint8Array }>;
  /** Removes temp files a killed writer left (call it holding the workspace lock). */
  sweep(): Promise<number>;
}

export interface BackupOptions {
  /** The workspace the backups belong to (their folder). */
  scope: string;
  /** The 32-byte encryption key (derived from the workspace's keychain key). */
  key: (() => Promise<Uint8Array>) | null;
  /** Read at every save: backups older than keepMs, or beyond the newest keepCount, are deleted (default 30 days, 200). */
  retention?: () => { keepMs: number; keepCount: number };
  now?: () => Date;
}

const ID = /^\d{13}-[0-9a-f]{12}$/;
const MAGIC = 'KHB2';
const DAY_MS = 86_400_000;
/** Saves between two listings of a store's backup folder (see the header). */
export const SAVES_PER_LISTING = 32;

function damaged(id: string, file: string): KeyhiveError {
  return new KeyhiveError('INTERNAL', `backup ${id} is damaged or was made with another key`, { file, fix: 'Restore the file from version control or another backup.' });
}

/** The v1 layout (also the plaintext inside v2): a JSON header line, then the exact bytes. */
function parsePlain(data: Buffer, id: string, file: string): { path: string; bytes: Uint8Array } {
  const nl = data.indexOf(10);
  let header: { path?: unknown; size?: unknown } | null = null;
  try {
    header = nl === -1 ? null : (JSON.parse(data.subarray(0, nl).toString('utf8')) as { path?: unknown; size?: unknown });
  } catch {
    header = null;
  }
  const bytes = new Uint8Array(data.subarray(nl + 1));
  if (!header || typeof header.path !== 'string' || header.size !== bytes.length) throw damaged(id, file);
  return { path: header.path, bytes };
}

/** The backups' key from a secret kept in the keychain (HKDF: never the secret itself, never stored). */
export function deriveBackupKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'keyhive backups v2', 32));
}

/** The v2 layout: `KHB2 <iv> <tag>` then the sealed v1 layout (`header` and the bytes). */
function seal(key: Uint8Array, iv: Uint8Array, id: string, header: Buffer, bytes: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id));
  const parts = [cipher.update(header), cipher.update(bytes), cipher.final()];
  return Buffer.concat([Buffer.from(`${MAGIC} ${Buffer.from(iv).toString('base64')} ${cipher.getAuthTag().toString('base64')}\n`, 'utf8'), ...parts]);
}

export function createBackupStore(dataDir: string, opts: BackupOptions): BackupStore {
  const root = join(dataDir, 'backups');
  const dir = join(root, opts.scope);
  const now = opts.now ?? (() => new Date());
  const retention = opts.retention ?? (() => ({ keepMs: 30 * DAY_MS, keepCount: 200 }));

  /**
   * The folder's backup names, oldest first: as last listed, plus what this store saved since
   * (null until the first save lists the folder). Read and replaced only synchronously.
   */
  let known: string[] | null = null;
  let savesSinceListing = 0;

  async function list(): Promise<string[]> {
    return (await readdir(dir).catch(() => [] as string[])).filter((n) => ID.test(n.replace(/\.bak$/, '')));
  }

  /**
   * How many of `names` (sorted by time: their 13-digit prefix) the retention drops once `adding`
   * more are saved: beyond the newest keepCount, or older than keepMs. Both rules cut a prefix.
   */
  function expiredCount(names: string[], adding: number): number {
    const { keepMs, keepCount } = retention();
    const oldest = now().getTime() - keepMs;
    let cut = Math.min(names.length, Math.max(0, names.length + adding - keepCount));
    while (cut < names.length && Number(names[cut]!.slice(0, 13)) < oldest) cut++;
    return cut;
  }

  /** Unlinks in the thread pool (an unlink waits on the journal; on this thread it would block). */
  const remove = (names: string[]): Promise<unknown> => Promise.all(names.map((n) => unlink(join(dir, n)).catch(() => undefined)));

  /** Adds `name` to the sorted `names` in place (it is the newest, unless the clock stepped back). */
  function insertSorted(names: string[], name: string): void {
    names.push(name);
    if (names.length > 1 && names[names.length - 2]! > name) names.sort();
  }

  /** A backup that was never made leaves the known names. */
  function forget(name: string): void {
    const at = known?.indexOf(name) ?? -1;
    if (at !== -1) known?.splice(at, 1);
  }

  let made: Promise<unknown> | null = null;
  let folderMade = false;
  let keyOnce: Promise<Uint8Array> | null = null;
  let keyKnown: Uint8Array | null = null;
  const key = (get: () => Promise<Uint8Array>): Promise<Uint8Array> =>
    (keyOnce ??= get().then(
      (k) => (keyKnown = k),
      (e: unknown) => {
        keyOnce = null;
        throw e;
      },
    ));

  /**
   * Creates `<id>.bak` exclusively and makes it durable: its data and its folder entry, fsynced
   * together (with the caller's `alongside`). Creating and writing a backup of a few KB are instant
   * syscalls done on this thread; only the fsyncs wait in the thread pool, all at once.
   */
  async function writeBackup(file: string, content: Buffer, alongside: (() => Promise<void>) | undefined): Promise<void> {
    let fd: number;
    try {
      fd = openSync(file, CREATE_EXCLUSIVE, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await mkdir(dir, { recursive: true, mode: 0o700 }); // the folder was removed meanwhile
      fd = openSync(file, CREATE_EXCLUSIVE, 0o600);
    }
    try {
      writeAllSync(fd, content);
      await settleAll([fsyncFd(fd), fsyncDir(dir), alongside?.()]);
    } catch (e) {
      closeSync(fd);
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
      throw e;
    }
    closeSync(fd);
  }

  return {
    async save(path, bytes, saveOpts) {
      if (!folderMade && !made) {
        made = mkdir(dir, { recursive: true, mode: 0o700 }).then(
          () => (folderMade = true),
          (e: unknown) => {
            made = null;
            throw e;
          },
        );
        made.catch(() => undefined); // awaited below, unless the key fails first
      }
      const at = now();
      const random = randomBytes(18); // the id's 6 bytes and the cipher's 12-byte IV
      const id = `${at.getTime().toString().padStart(13, '0')}-${random.toString('hex', 0, 6)}`;
      const name = `${id}.bak`;
      // Pruning only ever removes older backups, so it starts first: from the names known in memory
      // (dropped from it now, unlinked in the pool while the backup is sealed and written, so the
      // unlinks are done, and in the same journal commit, by the time its fsyncs run), or, on a
      // store's first save and then every SAVES_PER_LISTING, from a listing that runs in the pool
      // meanwhile, once the new backup is durable.
      const listing = known === null || savesSinceListing >= SAVES_PER_LISTING ? list() : null;
      let removing: Promise<unknown> | null = null;
      if (known && !listing) {
        const doomed = known.splice(0, expiredCount(known, 1));
        if (doomed.length > 0) removing = remove(doomed);
        insertSorted(known, name);
        savesSinceListing++;
      }
      const header = Buffer.from(JSON.stringify({ path, savedAt: at.toISOString(), size: bytes.length }) + '\n', 'utf8');
      // Once the key and the folder are there (every save but a store's first), no promise to wait on.
      const sealWith = (k: Uint8Array): Buffer => seal(k, random.subarray(6), id, header, bytes);
      let content: Buffer;
      try {
        content = opts.key === null ? Buffer.concat([header, bytes]) : keyKnown ? sealWith(keyKnown) : sealWith(await key(opts.key));
        if (!folderMade) await made;
      } catch (e) {
        await Promise.all([listing, removing]);
        forget(name);
        throw e;
      }
      try {
        await writeBackup(join(dir, name), content, saveOpts?.alongside);
      } catch (e) {
        forget(name);
        throw e;
      } finally {
        if (listing || removing) await Promise.all([listing, removing]); // neither rejects; nothing is left running
      }
      if (listing) {
        // A listing replaces what was known: it sees other processes' backups, and not those they pruned.
        const names = (await listing).filter((n) => n !== name).sort();
        await remove(names.splice(0, expiredCount(names, 1)));
        insertSorted(names, name);
        known = names;
        savesSinceListing = 1;
      }
      return id;
    },
    async sweep() {
      let removed = 0;
      for (const d of [dir, root]) {
        const stray = (await readdir(d).catch(() => [] as string[])).filter((n) => /^\..*\.tmp$/.test(n));
        for (const n of stray) await unlink(join(d, n)).catch(() => undefined);
        removed += stray.length;
      }
      return removed;
    },
    async load(id) {
      if (!ID.test(id)) throw new KeyhiveError('BAD_INPUT', `"${id.slice(0, 40)}" is not a backup id`, { fix: 'Use an id from the activity log (e.g. 1764051234567-0a1b2c3d4e5f).' });
      let file = join(dir, `${id}.bak`);
      let data = await readFile(file).catch(() => null);
      if (data === null) {
        file = join(root, `${id}.bak`); // first-format backups
        data = await readFile(file).catch(() => null);
      }
      if (data === null) {
        throw new KeyhiveError('NOT_FOUND', `backup ${id} does not exist`, { file: dir, fix: 'It is older than the undo window (undo.keepDays in keyhive.yaml) or was cleaned up; pick a newer entry from the activity log.' });
      }
      if (!data.subarray(0, MAGIC.length + 1).equals(Buffer.from(`${MAGIC} `))) return parsePlain(data, id, file);
      const nl = data.indexOf(10);
      const [, iv, tag] = data.subarray(0, nl).toString('utf8').split(' ');
      if (!opts.key) throw damaged(id, file);
      try {
        const decipher = createDecipheriv('aes-256-gcm', await opts.key(), Buffer.from(iv ?? '', 'base64'));
        decipher.setAAD(Buffer.from(id));
        decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
        return parsePlain(Buffer.concat([decipher.update(data.subarray(nl + 1)), decipher.final()]), id, file);
      } catch (e) {
        if (e instanceof KeyhiveError) throw e;
        throw damaged(id, file);
      }
    },
  };
}
