/**
 * Watch benchmark (`npm run bench`, or alone: `npx tsx test/bench/watch-bench.ts`): latency from a
 * write to the event, p50/p95, for Keyhive's watcher (file event), the session (a fresh
 * WorkspaceStatus pushed) and chokidar v4 on the very same writes, in the same run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { watch as chokidarWatch } from 'chokidar';
import { watchFiles } from '../../electron/adapters/watcher/file-watcher.js';
import { openSession } from '../../electron/app/workspace-session.js';
import { generate } from './status-bench.js';

const SERVICES = 50;
const WATCH_WRITES = 30;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

export async function runWatchBench(): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'kh-bench-watch-'));
  const lines: string[] = [];
  try {
    const { file, store, envOf } = await generate(root);
    const session = await openSession(file, { store, dataDir: join(root, '.data'), keychainTtlMs: 60_000 });
    // Watch latency: the same writes seen by our watcher, the session, and chokidar v4.
    const target = envOf(1);
    const files = Array.from({ length: SERVICES }, (_, i) => envOf(i));
    let writeAt = 0;
    const ours: number[] = [];
    const sessionLat: number[] = [];
    const theirs: number[] = [];
    let gotOurs: (() => void) | null = null;
    let gotSession: (() => void) | null = null;
    let gotTheirs: (() => void) | null = null;
    const raw = await watchFiles(files, (changed) => {
      if (changed.includes(target) && gotOurs) {
        ours.push(performance.now() - writeAt);
        gotOurs();
      }
    });
    session.watch(() => {
      if (gotSession) {
        sessionLat.push(performance.now() - writeAt);
        gotSession();
      }
    });
    await session.whenWatching();
    const chok = chokidarWatch(files, { ignoreInitial: true });
    await new Promise<void>((r) => chok.once('ready', () => r()));
    chok.on('all', (_e, p) => {
      if (p === target && gotTheirs) {
        theirs.push(performance.now() - writeAt);
        gotTheirs();
      }
    });
    for (let i = 0; i < WATCH_WRITES; i++) {
      const waits = [
        new Promise<void>((r) => (gotOurs = r)),
        new Promise<void>((r) => (gotSession = r)),
        new Promise<void>((r) => (gotTheirs = r)),
      ];
      writeAt = performance.now();
      await writeFile(target, `PORT=8080\nKEY_1=${randomBytes(24).toString('base64url')}\n`);
      await Promise.race([Promise.all(waits), sleep(2000)]);
      gotOurs = gotSession = gotTheirs = null;
      await sleep(40);
    }
    raw.close();
    await chok.close();
    await session.close();
    lines.push(`watch, write → file event (Keyhive watcher, ${WATCH_WRITES} writes): p50 ${ms(pct(ours, 50))}, p95 ${ms(pct(ours, 95))} (includes its 20 ms debounce + content-hash check)`);
    lines.push(`watch, write → new WorkspaceStatus (session): p50 ${ms(pct(sessionLat, 50))}, p95 ${ms(pct(sessionLat, 95))}`);
    lines.push(`watch, write → change event (chokidar 4, same writes): p50 ${ms(pct(theirs, 50))}, p95 ${ms(pct(theirs, 95))}; ratio Keyhive/chokidar p50 ${(pct(ours, 50) / pct(theirs, 50)).toFixed(2)}×`);
    return lines;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runWatchBench()) process.stdout.write(line + '\n');
}
