import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readToEndSync } from '../../../electron/adapters/fs/small-file-read.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyhive-small-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Reads a real file of `bytes` as if its fstat had said `size`. */
async function readAs(bytes: Buffer, size: number, cap: number): Promise<Buffer> {
  const file = join(dir, 'f');
  await writeFile(file, bytes);
  const fd = openSync(file, 'r');
  try {
    return Buffer.from(readToEndSync(fd, size, cap));
  } finally {
    closeSync(fd);
  }
}

describe('readToEndSync', () => {
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

  it('reads exactly the file: as sized, empty, or shrunk since the fstat', async () => {
    expect(await readAs(bytes, bytes.length, 1 << 20)).toEqual(bytes);
    expect(await readAs(Buffer.alloc(0), 0, 1 << 20)).toEqual(Buffer.alloc(0));
    expect(await readAs(bytes.subarray(0, 10), 100, 1 << 20)).toEqual(bytes.subarray(0, 10));
  });

  it('reads on to the end of a file that grew since the fstat', async () => {
    expect(await readAs(bytes, 0, 1 << 20)).toEqual(bytes);
    expect(await readAs(bytes, 3, 1 << 20)).toEqual(bytes);
    expect(await readAs(bytes, 4999, 1 << 20)).toEqual(bytes);
  });

  it('stops one byte past the cap, so a file that grew too large is seen as too large', async () => {
    const got = await readAs(bytes, 10, 4096);
    expect(got.length).toBe(4097);
    expect(got).toEqual(bytes.subarray(0, 4097));
    expect((await readAs(bytes, 5000, 5000)).length).toBe(5000); // exactly the cap is fine
  });
});
