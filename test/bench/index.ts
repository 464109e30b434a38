/**
 * `npm run bench`: Keyhive's performance goals, each measured against a peer in the same run
 * (ratios, not absolute times, so the numbers mean the same on any machine):
 *   - .env parse throughput vs dotenv.parse (goal ≥ 1.0× while keeping every byte), safe `set` latency
 *   - status of a 50-service / 200-secret workspace (goal ≤ 50 ms), watch latency vs chokidar
 *   - one-click sync (files + recreate two containers + probes) vs bare `docker compose up
 *     --force-recreate` (goal ≤ 1.3×), 200 concurrent probes on loopback
 *   - the leak guard on 10,000 files and 5,000 commits vs secretlint and git-secrets (goal: faster
 *     than each; every planted managed value found, zero false positives on the decoys)
 */
export {}; // a module, so the top-level awaits below are allowed

type Bench = { title: string; module: string; run: string };

const benches: Bench[] = [
  { title: '.env engine', module: './env-bench.js', run: 'runEnvBench' },
  { title: 'status and watch', module: './status-bench.js', run: 'runStatusBench' },
  { title: 'sync and probes', module: './sync-bench.js', run: 'runSyncBench' },
  { title: 'leak scan', module: './scan-bench.js', run: 'runScanBench' },
];

let failed = false;
for (const bench of benches) {
  process.stdout.write(`\n== ${bench.title}\n`);
  try {
    const mod = (await import(bench.module)) as Record<string, () => Promise<string[]>>;
    const run = mod[bench.run];
    if (!run) throw new Error(`${bench.module} does not export ${bench.run}`);
    for (const line of await run()) process.stdout.write(`${line}\n`);
  } catch (e) {
    failed = true;
    process.stdout.write(`!! ${bench.title} failed: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
