import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLocalFingerprintKey } from '../../../electron/adapters/fs/local-fingerprint-key.js';

let data: string;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'keyhive-fpkey-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

describe('loadLocalFingerprintKey', () => {
  it('creates one random 0600 key and returns the same key afterwards, even when raced', async () => {
    const keys = await Promise.all([loadLocalFingerprintKey(data), loadLocalFingerprintKey(data), loadLocalFingerprintKey(data)]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await loadLocalFingerprintKey(data)).toBe(keys[0]);
    expect((await stat(join(data, 'fingerprint.key'))).mode & 0o777).toBe(0o600);
    const other = await mkdtemp(join(tmpdir(), 'keyhive-fpkey-'));
    expect(await loadLocalFingerprintKey(other)).not.toBe(keys[0]);
    await rm(other, { recursive: true, force: true });
  });

  it('refuses a damaged key file with a fix', async () => {
    await writeFile(join(data, 'fingerprint.key'), 'nope');
    await expect(loadLocalFingerprintKey(data)).rejects.toMatchObject({ code: 'INTERNAL', fix: expect.stringMatching(/Delete it/) });
  });
});
