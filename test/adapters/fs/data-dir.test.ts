import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir, ensureDataDir } from '../../../electron/adapters/fs/data-dir.js';

describe('dataDir', () => {
  it('prefers KEYHIVE_DATA_DIR, then the platform convention', () => {
    expect(dataDir({ KEYHIVE_DATA_DIR: '/tmp/kh', HOME: '/home/u' }, 'linux')).toBe('/tmp/kh');
    expect(dataDir({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.local/share/keyhive');
    expect(dataDir({ HOME: '/home/u', XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/keyhive');
    expect(dataDir({ HOME: '/home/u', XDG_DATA_HOME: 'relative' }, 'linux')).toBe('/home/u/.local/share/keyhive');
    expect(dataDir({ HOME: '/Users/u' }, 'darwin')).toBe('/Users/u/Library/Application Support/Keyhive');
    expect(dataDir({ HOME: '/h', APPDATA: '/appdata' }, 'win32')).toBe(join('/appdata', 'Keyhive'));
  });

  it('ensureDataDir creates it with mode 0700', async () => {
    const base = await mkdtemp(join(tmpdir(), 'keyhive-data-'));
    try {
      const want = join(base, 'nested', 'keyhive');
      expect(await ensureDataDir({ KEYHIVE_DATA_DIR: want })).toBe(want);
      expect((await stat(want)).mode & 0o777).toBe(0o700);
      expect(await ensureDataDir({ KEYHIVE_DATA_DIR: want })).toBe(want);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
