/**
 * .env engine benchmark (run alone: npx tsx test/bench/env-bench.ts). Goals, each one GOAL line:
 *   - parse to values, parseEnv(bytes).values vs dotenv.parse on the same bytes in the same run:
 *     ≥ 2.0× faster on a 50-line and on a 10,000-line file, while keeping every byte (lossless);
 *   - one safe `set` on a 2 KB file (read, edit+verify, fsynced atomic write, encrypted backup):
 *     ≤ 1 ms p50; its peer is a bare temp+write+fsync+rename of the same bytes, timed in
 *     alternating rounds in the same run (the floor any durable replace pays).
 */
import { closeSync, fsync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import dotenv from 'dotenv';
import { createBackupStore, deriveBackupKey, SAVES_PER_LISTING } from '../../electron/adapters/fs/backups.js';
import { readTextFileSafe, writeFileAtomic } from '../../electron/adapters/fs/safe-file.js';
import { parseEnv, setValue } from '../../electron/core/env/index.js';
import { goalLine, msText, times } from './goal.js';

const BENCH_BACKUP_KEY = deriveBackupKey('bench');
const cpuCount = (): number => availableParallelism();

/** A realistic .env: comments, blanks, quotes, export, inline comments, the odd multi-line value. */
export function sampleEnv(lines: number): Buffer {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    switch (i % 10) {
      case 0: out.push(`# section ${i}`); break;
      case 1: out.push(`SERVICE_${i}_API_KEY=hsk_${(i * 7919).toString(16).padStart(24, '0')}`); break;
      case 2: out.push(`export SERVICE_${i}_URL="http://localhost:${3000 + (i % 1000)}/api"`); break;
      case 3: out.push(`SERVICE_${i}_NAME='service number ${i}' # the name`); break;
      case 4: out.push(''); break;
      case 5: out.push(`SERVICE_${i}_PORT=${8000 + (i % 1000)}`); break;
      case 6: out.push(`SERVICE_${i}_TOKEN="tokenhub_${'0123456789abcdef'.repeat(4)}"`); break;
      case 7: out.push(`SERVICE_${i}_CERT="-----BEGIN-----\\nMIIB${i}\\n-----END-----"`); break;
      case 8: out.push(`SERVICE_${i}_FLAGS=a,b,c   `); break;
      default: out.push(`SERVICE_${i}_EMPTY=`);
    }
  }
  return Buffer.from(out.join('\n') + '\n');
}

/** Every timed call's result lands here, so no call can be optimised away as unused. */
let sink: unknown;

function timeOps(fn: () => unknown, minMs: number): number {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    for (let i = 0; i < 8; i++) sink = fn();
    ops += 8;
    now = performance.now();
  }
  if (sink === undefined) throw new Error('a timed parse returned nothing');
  return (now - start) / ops; // ms per op
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

function compareParse(label: string, measure: string, input: Buffer): string[] {
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.length);
  if (JSON.stringify(parseEnv(bytes).values) !== JSON.stringify(dotenv.parse(input))) throw new Error(`${label}: values differ from dotenv`);
  // Warm up first.
  // Timed to the values, what dotenv.parse returns (parseEnv builds entries, spans and, for a big file, the whole text on demand).
  const ours = (): unknown => parseEnv(bytes).values;
  timeOps(ours, 100);
  timeOps(() => dotenv.parse(input), 100);
  const oursMs: number[] = [];
  const theirs: number[] = [];
  const budget = input.length > 100_000 ? 300 : 150;
  // Alternate rounds so both see the same machine state; keep each side's best round (the least
  // disturbed by other processes and GC timing), which is what the code itself costs.
  for (let round = 0; round < 9; round++) {
    oursMs.push(timeOps(ours, budget));
    theirs.push(timeOps(() => dotenv.parse(input), budget));
  }
  const o = Math.min(...oursMs);
  const t = Math.min(...theirs);
  // The part no parser avoids: a fresh object holding every key (V8 internalises each new key).
  const text = input.toString();
  const keySpans: number[] = [];
  for (const m of text.matchAll(/^(?:export\s+)?([\w.-]+)=/gm)) keySpans.push((m.index ?? 0) + m[0].length - (m[1] as string).length - 1, (m.index ?? 0) + m[0].length - 1);
  const storeOnly = Math.min(...[0, 1, 2].map(() => timeOps(() => {
    const v: Record<string, string> = {};
    for (let i = 0; i < keySpans.length; i += 2) v[text.slice(keySpans[i], keySpans[i + 1])] = '';
    return v;
  }, budget)));
  const mbs = (ms: number): string => ((input.length / 1e6) / (ms / 1e3)).toFixed(1);
  const ops = (ms: number): string => Math.round(1e3 / ms).toLocaleString('en-US');
  const ratio = t / o;
  // Each round's ratio against the round run right before it (same machine state); shown beside
  // the goal's best-vs-best so a disturbed run is visible as the two disagreeing.
  const pairedMedian = median(theirs.map((x, i) => x / (oursMs[i] as number)));
  return [
    `parse ${label} (${input.length.toLocaleString('en-US')} bytes), best of 9 alternating rounds (median of the 9 per-round ratios ${pairedMedian.toFixed(2)}x):`,
    `  keyhive parseEnv  ${mbs(o).padStart(7)} MB/s  ${ops(o).padStart(9)} ops/s`,
    `  dotenv.parse      ${mbs(t).padStart(7)} MB/s  ${ops(t).padStart(9)} ops/s`,
    `  building the ${keySpans.length / 2}-key values object alone: ${(storeOnly * 1e3).toFixed(0)} µs of keyhive's ${(o * 1e3).toFixed(0)} µs (dotenv pays it too)`,
    goalLine({
      measure, now: `${mbs(o)} MB/s`, peer: `dotenv.parse ${mbs(t)} MB/s`, ratio: `${times(ratio)} faster`, goal: '≥ 2.0× faster, lossless', met: ratio >= 2,
      why: `the values object alone (V8 internalising ${keySpans.length / 2} new keys into a dictionary) costs ${(storeOnly * 1e3).toFixed(0)} µs of our ${(o * 1e3).toFixed(0)} µs and the same in dotenv's ${(t * 1e3).toFixed(0)} µs; beyond it our scan costs ${((o - storeOnly) * 1e3).toFixed(0)} µs against dotenv's ${((t - storeOnly) * 1e3).toFixed(0)} µs; tried: Object.create(null), a dictionary-mode object from the start, a Map converted after, JSON.parse, building the object after the scan, Object.fromEntries, a cache of already-internalised keys keyed by content (none cheaper: hashing and comparing a key in JS costs more than V8's own string-table lookup); done: files over 60 KB decoded and scanned in line-aligned pieces (no large string), key characters read from the bytes, entries, spans and the whole text built on first use; this run: median of per-round ratios ${pairedMedian.toFixed(2)}×, load average ${loadavg()[0]!.toFixed(1)} on ${cpuCount()} cores`,
    }),
  ];
}

/** The floor: a new temp file, written, fsynced, renamed over the target. */
async function bareWrite(file: string, bytes: Uint8Array, i: number): Promise<void> {
  const tmp = `${file}.bare-${i}.tmp`;
  const fh = await open(tmp, 'wx', 0o600);
  await fh.writeFile(bytes);
  await fh.sync();
  await fh.close();
  await rename(tmp, file);
}

const fsyncCb = (fd: number): Promise<void> => new Promise((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
const WX = 0o301; // O_CREAT | O_EXCL | O_WRONLY (Linux)

/**
 * The durability a safe set pays, with no Keyhive code: a temp and a backup written, their three
 * fsyncs (temp, backup, backup folder) at once, rename, target folder fsync. Times its three parts.
 */
async function durableFloor(dir: string, file: string, bytes: Uint8Array, i: number): Promise<{ create: number; round: number; replace: number }> {
  const backupDir = join(dir, 'floor-backups');
  if (i === 0) mkdirSync(backupDir);
  const tmp = `${file}.floor-${i}.tmp`;
  const c0 = performance.now();
  const t = openSync(tmp, WX, 0o600);
  writeSync(t, bytes);
  const b = openSync(join(backupDir, `${i}.bak`), WX, 0o600);
  writeSync(b, bytes);
  const create = performance.now() - c0;
  const d = openSync(backupDir, 0);
  const t0 = performance.now();
  await Promise.all([fsyncCb(t), fsyncCb(b), fsyncCb(d)]);
  const t1 = performance.now();
  for (const fd of [t, b, d]) closeSync(fd);
  const t2 = performance.now();
  renameSync(tmp, file);
  const parent = openSync(dir, 0);
  fsyncSync(parent);
  closeSync(parent);
  return { create, round: t1 - t0, replace: performance.now() - t2 };
}

async function safeSetLatency(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'keyhive-env-bench-'));
  try {
    let content = sampleEnv(40);
    while (content.length < 2048) content = Buffer.concat([content, Buffer.from(`PAD_${content.length}=x\n`)]);
    content = content.subarray(0, content.lastIndexOf(10, 2047) + 1);
    const file = join(dir, '.env');
    const bare = join(dir, 'bare.env');
    const floorFile = join(dir, 'floor.env');
    await writeFile(file, content);
    await writeFile(bare, content);
    await writeFile(floorFile, content);
    const backups = createBackupStore(join(dir, 'data'), { scope: 'bench', key: async () => BENCH_BACKUP_KEY });
    // The steady state of a workspace with some history: its backup folder full (keepCount, 200),
    // so every timed save also prunes one.
    const history = createBackupStore(join(dir, 'data'), { scope: 'bench', key: async () => BENCH_BACKUP_KEY });
    for (let i = 0; i < 200; i++) await history.save(file, content);
    const samples: number[] = [];
    const floor: number[] = [];
    const edits: number[] = [];
    const reads: number[] = [];
    const creates: number[] = [];
    const rounds: number[] = [];
    const replaces: number[] = [];
    // Alternate a safe set and a bare write so both see the same disk and machine state.
    for (let i = 0; i < 220; i++) {
      const t0 = performance.now();
      const read = await readTextFileSafe(file, { root: dir });
      const te = performance.now();
      const next = setValue(read.bytes, 'SERVICE_1_API_KEY', `hsk_${i.toString(16).padStart(24, '0')}`);
      const edit = performance.now() - te;
      await writeFileAtomic(file, next, { expected: read.bytes, root: dir, backups });
      const t1 = performance.now();
      await bareWrite(bare, next, i);
      const t2 = performance.now();
      if (i >= 20) { // the first 20 are warm-up
        samples.push(t1 - t0);
        floor.push(t2 - t1);
        edits.push(edit);
        reads.push(te - t0);
      }
    }
    // The durability's own parts, after (not between) the timed sets: its extra fsyncs would slow them.
    for (let i = 0; i < 220; i++) {
      const parts = await durableFloor(dir, floorFile, content, i);
      if (i >= 20) {
        creates.push(parts.create);
        rounds.push(parts.round);
        replaces.push(parts.replace);
      }
    }
    const p50 = percentile(samples, 50);
    const bareP50 = percentile(floor, 50);
    const [editP50, readP50, createP50, roundP50, dirP50] = [edits, reads, creates, rounds, replaces].map((xs) => percentile(xs, 50)) as [number, number, number, number, number];
    const rest = p50 - editP50 - readP50 - createP50 - roundP50 - dirP50;
    return [
      `safe set on a ${content.length}-byte file (read, edit+verify, fsynced atomic write, encrypted backup; 200 backups kept, so each save prunes one), ${samples.length} runs:`,
      `  p50 ${percentile(samples, 50).toFixed(2)} ms   p95 ${percentile(samples, 95).toFixed(2)} ms   (bare temp+fsync+rename p50 ${bareP50.toFixed(2)} ms)`,
      `  of which, p50: the read ${msText(readP50)}, edit+verify ${msText(editP50)} (same rounds); the durability alone (no Keyhive code, rounds after): creating+writing the temp and the backup ${msText(createP50)}, fsync round of temp, backup and backup folder at once ${msText(roundP50)}, rename and target folder fsync ${msText(dirP50)}; the rest (the write's checks and re-read, building and sealing the backup, thread-pool wake-ups) ≈ ${msText(rest)}`,
      goalLine({
        measure: 'safe set, 2 KB .env (with backup)', now: `${msText(p50)} p50`, peer: `bare temp+fsync+rename ${msText(bareP50)} p50`, ratio: `${times(p50 / bareP50)} the bare write`, goal: '≤ 1 ms p50', met: p50 <= 1,
        why: `the durability it may not drop costs ${msText(createP50 + roundP50 + dirP50)} p50 here with no Keyhive code (creating the temp and the backup ${msText(createP50)}, their fsyncs and the backup folder's at once ${msText(roundP50)}, the rename and the target folder fsync ${msText(dirP50)}); the read ${msText(readP50)}; edit+verify ${msText(editP50)} (two full parses: the edit's and the proof that nothing else changed); the rest ≈ ${msText(rest)} (a per-step profile puts it in the write's realpath and two re-reads, building and sealing the backup, and the thread pool's wake-ups for the fsync round); done: no folder listing per save (the backups' names kept in memory, the folder listed once every ${SAVES_PER_LISTING} saves), old backups unlinked in the pool while the backup is sealed, one fstat per read, no awaits before the temp exists nor once the key is known, no no-op fchown/fchmod; tried and dropped (no faster here): the temp's fsync on this thread or started before the backup is written, the unlinks on this thread, sealing in the pool (WebCrypto); the edit's two parses are the parser's; machine load average ${loadavg()[0]!.toFixed(1)}`,
      }),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runEnvBench(): Promise<string[]> {
  return [
    ...compareParse('50-line file', 'parse 50 lines vs dotenv.parse', sampleEnv(50)),
    ...compareParse('10,000-line file', 'parse 10,000 lines vs dotenv.parse', sampleEnv(10_000)),
    ...(await safeSetLatency()),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runEnvBench()) console.log(line);
}
