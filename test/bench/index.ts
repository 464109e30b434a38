/**
 * `npm run bench`: Keyhive's performance goals, each measured against a peer in the same run
 * (ratios, not absolute times, so the numbers mean the same on any machine):
 *   - .env parse to values vs dotenv.parse, 50 and 10,000 lines (goal ≥ 2.0× while keeping every
 *     byte); a safe `set` with its backup (goal ≤ 1 ms p50; peer: a bare temp+fsync+rename)
 *   - status of a 50-service / 200-secret workspace (goals: warm ≤ 5 ms p50, a fresh session
 *     ≤ 15 ms p50), watch latency vs chokidar
 *   - one-click sync (files + recreate two containers + probes) vs bare `docker compose up
 *     --force-recreate` (goal ≤ 1.0×), 200 concurrent probes on loopback vs bare undici
 *   - CLI start-up: `keyhive --version` vs `node -e 0`, `keyhive status --json` on the demo
 *   - the leak guard on 10,000 files and 5,000 commits vs secretlint and git-secrets (goal: faster
 *     than each; every planted managed value found, zero false positives on the decoys)
 */
import { GOAL_PREFIX, summaryTable } from './goal.js';

type Bench = { title: string; module: string; run: string };

const benches: Bench[] = [
  { title: '.env engine', module: './env-bench.js', run: 'runEnvBench' },
  { title: 'status', module: './status-bench.js', run: 'runStatusBench' },
  { title: 'watch', module: './watch-bench.js', run: 'runWatchBench' },
  { title: 'CLI start-up', module: './cli-bench.js', run: 'runCliBench' },
  { title: 'renderer', module: './renderer-bench.js', run: 'runRendererBench' },
  { title: 'sync and probes', module: './sync-bench.js', run: 'runSyncBench' },
  { title: 'leak scan', module: './scan-bench.js', run: 'runScanBench' },
];

let failed = false;
const goals: string[] = [];
for (const bench of benches) {
  process.stdout.write(`\n== ${bench.title}\n`);
  try {
    const mod = (await import(bench.module)) as Record<string, () => Promise<string[]>>;
    const run = mod[bench.run];
    if (!run) throw new Error(`${bench.module} does not export ${bench.run}`);
    for (const line of await run()) {
      if (line.startsWith(GOAL_PREFIX)) goals.push(line);
      process.stdout.write(`${line}\n`);
    }
  } catch (e) {
    failed = true;
    process.stdout.write(`!! ${bench.title} failed: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
for (const line of summaryTable(goals)) process.stdout.write(`${line}\n`);
// A missed goal is reported, not a crash; a bench that could not run (or found wrong results) fails.
process.exitCode = failed ? 1 : 0;
