/**
 * The two-thread file reader on real folders with a real helper thread: the same files and the
 * same bytes as the one-thread readFiles whoever reads them (the helper alone, both, none), big
 * files past every buffer, files over the limit, a FIFO, missing files; a helper that is gone
 * before or during the read changes nothing; an idle helper serves the next read; and with the
 * scanner's screen the helper keeps back only files that cannot hold a finding.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFilesParallel, ReaderThread } from '../../../electron/adapters/fs/read-files-parallel.js';
import { listFiles, readFiles } from '../../../electron/adapters/fs/walk-files.js';
import { createScanner } from '../../../electron/core/scan/scanner.js';

let root: string;
let files: string[];
const MAX = 2 * 1024 * 1024;
const big = Buffer.concat([randomBytes(700 * 1024), Buffer.from('END')]); // past the 256 KiB buffers of both threads
const over = Buffer.alloc(MAX + 1, 0x62);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kh-par-read-'));
  const put = (rel: string, data: string | Buffer): void => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), data);
  };
  for (let i = 0; i < 300; i++) put(`d${i % 7}/f${i}.txt`, `file ${i}\n${randomBytes(i % 50).toString('hex')}\n`);
  put('d0/big.bin', big);
  put('d1/over.bin', over);
  put('d2/empty.txt', '');
  put('d3/mid.bin', randomBytes(70 * 1024)); // past the helper's 64 KiB slack
  execFileSync('mkfifo', [join(root, 'd4', 'pipe.env')]);
  files = [...(await listFiles([root], { sorted: false })), join(root, 'gone.txt'), join(root, 'd4', 'pipe.env')];
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function collect(read: (onFile: (f: string, b: Buffer) => void) => Promise<number>): Promise<{ n: number; got: Map<string, Buffer> }> {
  const got = new Map<string, Buffer>();
  const n = await read((f, b) => {
    expect(got.has(f)).toBe(false); // each file once
    got.set(f, Buffer.from(b));
  });
  return { n, got };
}

describe('readFilesParallel', { timeout: 30_000 }, () => {
  it('hands over the same files with the same bytes as readFiles, whoever reads them', async () => {
    const want = await collect((on) => readFiles(files, on, { maxBytes: MAX }));
    expect(want.n).toBe(303); // 300 + big + empty + mid; not over.bin, gone.txt or the FIFO
    expect(want.got.get(join(root, 'd0/big.bin'))?.equals(big)).toBe(true);
    for (const mode of [{ helper: false, callerReads: true }, { helper: true, callerReads: false }, { helper: true, callerReads: true }]) {
      const helper = mode.helper ? ReaderThread.acquire() : null;
      if (mode.helper) expect(helper).not.toBeNull();
      const got = await collect((on) => readFilesParallel(files, on, { maxBytes: MAX, helper, callerReads: mode.callerReads, chunkFiles: 16 }));
      expect(got.n).toBe(want.n);
      expect([...got.got.keys()].sort()).toEqual([...want.got.keys()].sort());
      for (const [f, b] of want.got) expect(got.got.get(f)?.equals(b), f).toBe(true);
    }
  });

  it('reads everything itself when the helper is gone before or during the read', async () => {
    const gone = ReaderThread.acquire()!;
    gone.close();
    const a = await collect((on) => readFilesParallel(files, on, { maxBytes: MAX, helper: gone, chunkFiles: 8 }));
    expect(a.n).toBe(303);
    const dying = ReaderThread.acquire()!;
    let first = true;
    const b = await collect((on) =>
      readFilesParallel(
        files,
        (f, bytes) => {
          if (first) dying.close(); // ends it while it may be reading a chunk it claimed
          first = false;
          on(f, bytes);
        },
        { maxBytes: MAX, helper: dying, chunkFiles: 8 },
      ),
    );
    expect(b.n).toBe(303);
    expect(b.got.size).toBe(303);
  });

  it('an idle helper serves the next read, and a new one replaces a closed one', async () => {
    const one = ReaderThread.acquire()!;
    await readFilesParallel(files.slice(0, 20), () => undefined, { maxBytes: MAX, helper: one, callerReads: false });
    expect(ReaderThread.acquire()).toBe(one); // given back after a clean read
    one.close();
    const two = ReaderThread.acquire();
    expect(two).not.toBe(one);
    two?.close();
  });

  it('with the screen, the helper hands over every file that may hold a finding and keeps back the ones that cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh-par-screen-'));
    try {
      const value = `Zq9${randomBytes(30).toString('base64url')}`;
      const scanner = createScanner([{ secret: 'api', system: null, value }]);
      const put = (name: string, text: string | Buffer): string => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      const hits = [
        put('raw.txt', `KEY=${value}\n`),
        put('b64.txt', `x: ${Buffer.from(`u:${value}`).toString('base64')}\n`),
        put('key.txt', `t = "tokenhub_${'ab12'.repeat(16)}"\n`),
        put('hf.txt', `hf_live_${'a1'.repeat(20)}\n`),
        put('doc.txt', 'secret: hivecfm-hub-secret-key\n'),
        put('edge.bin', Buffer.concat([Buffer.alloc(256 * 1024 - 10, 0x20), Buffer.from(value), Buffer.from('\n')])), // across the first read's end
      ];
      const quiet = [put('short-key.txt', `tokenhub_${'ab'.repeat(31)} # too short\n`), put('glued.txt', `xhsk_${'ab12'.repeat(10)} my_hf_live_${'a1'.repeat(20)} hf_test_abc\n`), put('plain.txt', 'nothing here\n')];
      const handed: string[] = [];
      const helper = ReaderThread.acquire();
      const n = await readFilesParallel([...hits, ...quiet], (f) => handed.push(f), { maxBytes: MAX, helper, screen: scanner.screen(), callerReads: false });
      expect(n).toBe(hits.length + quiet.length);
      expect(handed.sort()).toEqual([...hits].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
