/**
 * The CLI's local fingerprint key: a random key kept 0600 as `fingerprint.key` in the data dir,
 * used to show values of a loose .env file (no workspace, so no workspace key) as fingerprints.
 * Created once, exclusively; every later run reads the same key, so fingerprints stay comparable.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { newFingerprintKey } from '../../core/secrets/fingerprint.js';
import { KeyhiveError } from '../../../shared/errors.js';

const KEY_FORMAT = /^[0-9a-f]{64}$/;

export async function loadLocalFingerprintKey(dataDir: string): Promise<string> {
  const file = join(dataDir, 'fingerprint.key');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // A 65-byte file, read on this thread: readFile would take four thread-pool round trips.
      const key = readFileSync(file, 'utf8').trim();
      if (!KEY_FORMAT.test(key)) {
        throw new KeyhiveError('INTERNAL', `${file} is damaged`, { file, fix: 'Delete it; Keyhive creates a new one (fingerprints shown before will change).' });
      }
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // Write it whole under a private name, then link it in place: readers never see a partial key,
    // and link() fails if another process got there first (then we read theirs).
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const fh = await open(tmp, 'wx', 0o600);
    const key = newFingerprintKey();
    try {
      await fh.writeFile(key + '\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await link(tmp, file);
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }
  throw new KeyhiveError('INTERNAL', `could not create or read ${file}`, { file, fix: 'Check the data dir permissions.' });
}
