/**
 * Watch benchmark (`npm run bench`, or alone: `npx tsx test/bench/watch-bench.ts`):
 *   1. write → file event, p50/p95, for Keyhive's watcher and chokidar v4 watching the same 50
 *      files and seeing the very same writes, in the same run; every write is counted per watcher,
 *      so a missed write (no event) or a duplicated one (two events) shows. Goal: Keyhive p50
 *      ≤ 2.0× chokidar's, with 0 missed and 0 duplicated.
 *   2. write → a fresh WorkspaceStatus pushed by the session (its own phase, so the status
 *      computation does not slow the watchers of phase 1): informational.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { watch as chokidarWatch } from 'chokidar';
import { watchFiles } from '../../electron/adapters/watcher/file-watcher.js';
import { openSession } from '../../electron/app/workspace-session.js';
import { goalLine, msText, percentile, times } from './goal.js';
import { generate } from './status-bench.js';

const SERVICES = 50;
const WATCH_WRITES = 60;
const SESSION_WRITES = 30;
/** Pause between writes: longer than chokidar's 50 ms change throttle, so it sees every write. */
const GAP_MS = 70;
const GOAL_RATIO = 2.0;

const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));
const newContent = (): string => `PORT=8080\nKEY_1=${randomBytes(24).toString('base64url')}\n`;

/** One watcher's view of a run: the latency of the first event per write, and events per write. */
class Tally {
  readonly latency: number[] = [];
  readonly counts: number[] = [];
  private arrived: (() => void) | null = null;
  constructor(private readonly clock: () => { index: number; at: number }) {}
  expect(): Promise<void> {
    return new Promise((r) => (this.arrived = r));
  }
  event(): void {
    const { index, at } = this.clock();
    if (index < 0) return;
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    if (this.counts[index] === 1) this.latency.push(performance.now() - at);
    this.arrived?.();
    this.arrived = null;
  }
  missed(writes: number): number {
    return Array.from({ length: writes }, (_, i) => this.counts[i] ?? 0).filter((c) => c === 0).length;
  }
  duplicated(): number {
    return this.counts.reduce((n, c) => n + Math.max(0, (c ?? 0) - 1), 0);
  }
}

export async function runWatchBench(): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'kh-bench-watch-'));
  const lines: string[] = [];
  try {
    const { file, store, envOf } = await generate(root);
    const target = envOf(1);
    const files = Array.from({ length: SERVICES }, (_, i) => envOf(i));
    let current = { index: -1, at: 0 };
    const now = (): { index: number; at: number } => current;

    // 1. Keyhive's watcher and chokidar on the same writes.
    const ours = new Tally(now);
    const theirs = new Tally(now);
    const raw = await watchFiles(files, (changed) => {
      if (changed.includes(target)) ours.event();
    });
    const chok = chokidarWatch(files, { ignoreInitial: true });
    await new Promise<void>((r) => chok.once('ready', () => r()));
    chok.on('all', (_e, p) => {
      if (p === target) theirs.event();
    });
    for (let i = 0; i < WATCH_WRITES; i++) {
      const waits = [ours.expect(), theirs.expect()];
      current = { index: i, at: performance.now() };
      await writeFile(target, newContent());
      await Promise.race([Promise.all(waits), sleep(2000)]);
      await sleep(GAP_MS);
    }
    await raw.idle();
    await sleep(GAP_MS);
    current = { index: -1, at: 0 };
    raw.close();
    await chok.close();

    // 2. The session: write → a fresh WorkspaceStatus (alone, informational).
    const session = await openSession(file, { store, dataDir: join(root, '.data'), keychainTtlMs: 60_000 });
    const pushed = new Tally(now);
    session.watch(() => pushed.event());
    await session.whenWatching();
    for (let i = 0; i < SESSION_WRITES; i++) {
      const wait = pushed.expect();
      current = { index: i, at: performance.now() };
      await writeFile(target, newContent());
      await Promise.race([wait, sleep(2000)]);
      await sleep(GAP_MS);
    }
    current = { index: -1, at: 0 };
    await session.close();

    const p50 = percentile(ours.latency, 50);
    const peer = percentile(theirs.latency, 50);
    const ratio = p50 / peer;
    const missed = ours.missed(WATCH_WRITES);
    const duplicated = ours.duplicated();
    lines.push(`watch, write → file event (Keyhive watcher, ${WATCH_WRITES} writes): p50 ${msText(p50)}, p95 ${msText(percentile(ours.latency, 95))}; missed ${missed}, duplicated ${duplicated}`);
    lines.push(`watch, write → change event (chokidar 4, same writes): p50 ${msText(peer)}, p95 ${msText(percentile(theirs.latency, 95))}; missed ${theirs.missed(WATCH_WRITES)}, duplicated ${theirs.duplicated()}`);
    lines.push(`watch, write → new WorkspaceStatus (session, ${SESSION_WRITES} writes, ${SERVICES} services): p50 ${msText(percentile(pushed.latency, 50))}, p95 ${msText(percentile(pushed.latency, 95))}; missed ${pushed.missed(SESSION_WRITES)}`);
    const countsOk = missed === 0 && duplicated === 0;
    lines.push(
      goalLine({
        measure: 'watch: write → file event',
        now: `${msText(p50)} p50 (missed ${missed}, duplicated ${duplicated})`,
        peer: `chokidar 4 ${msText(peer)} p50`,
        ratio: times(ratio),
        goal: `≤ ${GOAL_RATIO.toFixed(1)}× chokidar p50, 0 missed, 0 duplicated`,
        met: ratio <= GOAL_RATIO && countsOk,
        ...(countsOk ? {} : { why: `${missed} write(s) missed and ${duplicated} duplicated event(s)` }),
      }),
    );
    return lines;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runWatchBench()) process.stdout.write(line + '\n');
}
