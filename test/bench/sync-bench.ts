/**
 * Sync and probe benchmark:
 *  - one-click sync of the HiveCFM demo pair on the real Docker engine (write both .env files +
 *    recreate both containers in one step + wait ready + every probe) beside the bare
 *    `docker compose up -d --force-recreate` of the same two services, in the same run
 *    (goal: ratio ≤ 1.3×; medians of alternating runs);
 *  - 200 concurrent probes on loopback through the probe client (throughput, p50/p95).
 * Skips the Docker part with a clear line when no engine can be used. Run alone:
 *   npx tsx test/bench/sync-bench.ts
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ProbeClient } from '../../electron/adapters/http/probe-client.js';
import { applyChange } from '../../electron/app/apply-change.js';
import { openOperation } from '../../electron/app/apply-change-ports.js';
import { ensureDemoImages, materializeDemo } from '../../electron/app/demo/demo-workspace.js';
import { selectServices } from '../../electron/app/service-control.js';
import { freeDemoPorts } from '../support/demo-ports.js';
import { createHubServer } from '../../electron/demo/peers/hivecfm/hub.js';
import { startDockerEngine } from '../support/docker-engine.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

const SECRET = 'hivecfm-hub-api-key';
const ROUNDS = 3;

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const median = (xs: number[]): number => percentile(xs, 50);

export async function concurrentProbes(n = 200): Promise<string[]> {
  const key = randomBytes(24).toString('hex');
  const server = createHubServer(key, () => {});
  server.maxConnections = 10_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', 1024, r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/webhooks`;
  const client = new ProbeClient(new Set(), { connections: 256 });
  try {
    await client.send({ method: 'GET', url, headers: { Authorization: `Bearer ${key}` } }); // warm up
    const t0 = performance.now();
    const outs = await Promise.all(Array.from({ length: n }, () => client.send({ method: 'GET', url, headers: { Authorization: `Bearer ${key}` } })));
    const total = performance.now() - t0;
    const ok = outs.filter((o) => 'response' in o && o.response.status === 200).length;
    const lat = outs.map((o) => o.latencyMs);
    return [
      `${n} concurrent probes on loopback: ${ok}/${n} answered 200 in ${total.toFixed(0)} ms — ${((n / total) * 1000).toFixed(0)} probes/s`,
      `  latency p50 ${percentile(lat, 50).toFixed(1)} ms   p95 ${percentile(lat, 95).toFixed(1)} ms`,
    ];
  } finally {
    await client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

async function withEngine<T>(fn: () => Promise<T>): Promise<T | string> {
  let stop: (() => Promise<void>) | null = null;
  if (!process.env.DOCKER_HOST) {
    const part = await startDockerEngine();
    if (part.unavailable) return `SKIPPED one-click sync vs docker compose: Docker engine unavailable: ${part.unavailable}`;
    Object.assign(process.env, part.env);
    stop = part.stop;
  }
  try {
    return await fn();
  } finally {
    await stop?.();
  }
}

export async function syncVsCompose(): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'kh-bench-'));
  const project = `khbench${randomBytes(3).toString('hex')}`;
  const prevData = process.env.KEYHIVE_DATA_DIR;
  process.env.KEYHIVE_DATA_DIR = join(root, 'data');
  try {
    const result = await withEngine(async () => {
      const file = await materializeDemo(join(root, 'demo'), { runMode: 'docker', ports: await freeDemoPorts(), project });
      await ensureDemoImages();
      const op = await openOperation(file, { store: new MemorySecretStore(), dataDir: join(root, 'data') });
      // The HiveCFM pair only: the bench measures a sync between them, not the demo's other systems.
      const services = selectServices(op.ports.workspace, ['hivecfm-hub', 'hivecfm-core'], 'docker');
      try {
        await op.controller.up(services, 'docker');
        await op.session.importSecret(SECRET, 'hivecfm-hub');
        const compose = services[0]!.composeFile!;
        const bare: number[] = [];
        const oneClick: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          let t0 = performance.now();
          const r = spawnSync('docker', ['compose', '-p', project, '-f', compose, 'up', '-d', '--force-recreate', '--no-deps', 'hivecfm-hub-api', 'hivecfm-core'], { encoding: 'utf8', env: process.env });
          if (r.status !== 0) throw new Error(`docker compose up failed: ${r.stderr}`);
          bare.push(performance.now() - t0);
          t0 = performance.now();
          const out = await applyChange(op.ports, SECRET, { value: `bench-${randomBytes(16).toString('hex')}` });
          oneClick.push(performance.now() - t0);
          if (!out.ok) throw new Error(`one-click sync failed: ${out.summary}`);
        }
        const ratio = median(oneClick) / median(bare);
        return [
          `one-click sync (2 files + recreate 2 containers in one step + ready + 4 probes), median of ${ROUNDS}: ${median(oneClick).toFixed(0)} ms`,
          `bare docker compose up -d --force-recreate of the same 2 services, median of ${ROUNDS}: ${median(bare).toFixed(0)} ms`,
          `  ratio ${ratio.toFixed(2)}× (goal ≤ 1.3×) ${ratio <= 1.3 ? 'MET' : 'NOT MET'}`,
        ];
      } finally {
        await op.controller.down(services, 'docker').catch(() => {});
        await op.close();
      }
    });
    return typeof result === 'string' ? [result] : result;
  } finally {
    if (prevData === undefined) delete process.env.KEYHIVE_DATA_DIR;
    else process.env.KEYHIVE_DATA_DIR = prevData;
    await rm(root, { recursive: true, force: true });
  }
}

export async function runSyncBench(): Promise<string[]> {
  return [...(await concurrentProbes(200)), ...(await syncVsCompose())];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runSyncBench()) console.log(line);
}
