/**
 * The working-tree scan with its helper thread against the same scan on one thread, on a real
 * tree big enough for the helper (PARALLEL_MIN_FILES): managed values in every encoding, key
 * shapes, decoys and near-misses, a big file with a value across the first read's end, the bound
 * env file left out — the same findings at the same lines, and the ones planted.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARALLEL_MIN_FILES } from '../../../electron/adapters/fs/read-files-parallel.js';
import { emptyCollected, scanWorkingTree } from '../../../electron/app/scan/scan-sources.js';
import { pathShower } from '../../../electron/app/scan/run-scan.js';
import { createScanner } from '../../../electron/core/scan/scanner.js';

let root: string;
const value = `Zq9${randomBytes(30).toString('base64url')}`;
const quoted = `v'${randomBytes(8).toString('hex')}$/ &x="${randomBytes(8).toString('hex')}`;
const planted: string[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kh-scan-wt-'));
  const put = (rel: string, data: string | Buffer): void => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), data);
  };
  const decoys = [() => `id: ${randomUUID()}`, () => `tokenhub_${randomBytes(31).toString('hex')} # too short`, () => `xhsk_${randomBytes(20).toString('hex')}`, () => `blob: "${randomBytes(48).toString('base64')}"`];
  const n = PARALLEL_MIN_FILES + 300;
  for (let i = 0; i < n; i++) {
    const lines = [`// file ${i}`, decoys[i % 4]!(), decoys[(i + 1) % 4]!()];
    if (i % 97 === 0) {
      const kind = (i / 97) % 5;
      lines.push(
        kind === 0 ? `API_KEY=${value}` : kind === 1 ? `Authorization: Basic ${Buffer.from(`svc:${value}`).toString('base64')}` : kind === 2 ? `u=${encodeURIComponent(quoted)}` : kind === 3 ? `{"k": ${JSON.stringify(quoted)}}` : `export K='${quoted.replace(/'/g, "'\\''")}'`,
      );
      planted.push(`s${i % 5}/f${i}.ts:4`);
    }
    if (i % 211 === 0) {
      lines.push(`const k = "tokenhub_${'a7'.repeat(32)}";`);
      planted.push(`s${i % 5}/f${i}.ts:${lines.length}`);
    }
    put(`s${i % 5}/f${i}.ts`, lines.join('\n') + '\n');
  }
  put('s0/big.bin', Buffer.concat([Buffer.alloc(256 * 1024 - 7, 0x2e), Buffer.from(`\n${value}\n`), randomBytes(300 * 1024).map((b) => (b === 10 ? 32 : b))]));
  planted.push('s0/big.bin:2');
  put('s1/.env', `KEY=${value}\n`); // where the value belongs: left out
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scanWorkingTree', { timeout: 60_000 }, () => {
  it('finds the same with its helper thread as on one thread, and every planted value', async () => {
    const scanner = createScanner([
      { secret: 'api', system: null, value },
      { secret: 'odd', system: null, value: quoted },
    ]);
    const show = pathShower(root);
    const run = async (helper: boolean) => {
      const into = emptyCollected();
      await scanWorkingTree(scanner, [root], new Set([join(root, 's1/.env')]), show, into, { helper });
      return { files: into.files, found: into.hits.map((h) => `${h.kind} ${h.secret ?? h.system} ${h.encoding} ${h.file}:${h.line}`).sort() };
    };
    const one = await run(false);
    const two = await run(true);
    const again = await run(true); // an idle helper from the run before
    expect(two).toEqual(one);
    expect(again).toEqual(one);
    expect(one.files).toBe(PARALLEL_MIN_FILES + 300 + 1);
    expect(new Set(one.found.map((f) => f.split(' ').at(-1)))).toEqual(new Set(planted));
    expect(one.found.filter((f) => f.startsWith('managed')).length).toBe(planted.length - Math.ceil((PARALLEL_MIN_FILES + 300) / 211));
    expect(JSON.stringify(one)).not.toContain(value);
  });
});
