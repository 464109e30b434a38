/**
 * The temp files of a safe write (electron/adapters/fs/safe-temp.ts), on real files: named so the
 * usual .env ignore patterns cover them, created exclusively with mode 0600, and swept — only
 * they — when a killed writer left them behind.
 */
import { closeSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemp, removeStrayTemps, TEMP_FILE, writeTemp } from '../../../electron/adapters/fs/safe-temp.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kh-safe-temp-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safe-write temp files', () => {
  it('are named <file>.keyhive-<hex>.env beside the target, 0600, and never replace an existing file', async () => {
    const target = join(dir, '.env');
    const { tmp, fd } = openTemp(dir, target);
    closeSync(fd);
    expect(basename(tmp)).toMatch(/^\.env\.keyhive-[0-9a-f]{12}\.env$/);
    expect(TEMP_FILE.test(tmp)).toBe(true);
    expect(statSync(tmp).mode & 0o777).toBe(0o600);
    const written = await writeTemp(dir, target, new TextEncoder().encode('A=1\n'));
    expect(written).not.toBe(tmp);
    expect(readFileSync(written, 'utf8')).toBe('A=1\n');
    expect(statSync(written).mode & 0o777).toBe(0o600);
  });

  it('a missing folder passes the system error through (nothing is created)', async () => {
    const missing = join(dir, 'no-such-folder');
    expect(() => openTemp(missing, join(missing, '.env'))).toThrow(/ENOENT/);
    await expect(writeTemp(missing, join(missing, '.env'), new Uint8Array())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('removeStrayTemps sweeps only the temps and names them; a missing folder has none', async () => {
    writeFileSync(join(dir, '.env'), 'A=1\n');
    writeFileSync(join(dir, '.env.local'), 'B=2\n');
    const { tmp, fd } = openTemp(dir, join(dir, '.env'));
    closeSync(fd);
    writeFileSync(join(dir, '.env.keyhive-notahexname.env'), 'x'); // not ours: kept
    expect(await removeStrayTemps(dir)).toEqual([basename(tmp)]);
    expect(readdirSync(dir).sort()).toEqual(['.env', '.env.keyhive-notahexname.env', '.env.local']);
    expect(await removeStrayTemps(join(dir, 'gone'))).toEqual([]);
  });
});
