/**
 * Sync and probe benchmark:
 *  - one-click sync of the HiveCFM demo pair on the real Docker engine (write both .env files +
 *    recreate both containers in one step + wait ready + every probe) beside the bare
 *    `docker compose up -d --force-recreate` of the same two services, in the same run
 *    (goal: ratio ≤ 1.0×; medians of alternating runs; the sync stops the old containers
 *    through the engine while Compose starts, so it can beat the bare command);
 *  - 200 concurrent probes on loopback through the probe client beside bare undici against the
 *    same server (goals: ≥ 0.8× bare undici, ≥ 3,000 probes/s; best and median of alternating rounds).
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
import * as undici from 'undici';
import { ProbeClient } from '../../electron/adapters/http/probe-client.js';
import { runCompose } from '../../electron/adapters/docker/compose-cli.js';
import type { ProgressEvent } from '../../shared/domain.js';
import { applyChange } from '../../electron/app/sync/apply-change.js';
import { openOperation } from '../../electron/app/sync/apply-change-ports.js';
import { ensureDemoImages, materializeDemo } from '../../electron/app/demo/demo-workspace.js';
import { selectServices } from '../../electron/app/services/service-control.js';
import { freeDemoPorts } from '../support/demo-ports.js';
import { createHubServer } from '../../electron/demo/peers/hivecfm/hub.js';
import { startDockerEngine } from '../support/docker-engine.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';
import { goalLine, median, times } from './goal.js';

const SECRET = 'hivecfm-hub-api-key';
const ROUNDS = 3;
const SYNC_GOAL = 1.0;
const PROBE_ROUNDS = 30;


/** One round: `n` probes sent at once through `send`; wall time and how many answered 200. */
async function probeRound(n: number, send: () => Promise<number>): Promise<{ ms: number; ok: number }> {
  const t0 = performance.now();
  const statuses = await Promise.all(Array.from({ length: n }, send));
  return { ms: performance.now() - t0, ok: statuses.filter((s) => s === 200).length };
}

/**
 * `n` concurrent probes on loopback through the probe client (target vetting, limits, body cap)
 * beside bare undici (`undici.request` through one Agent with the same connection count) against
 * the same demo hub server, in alternating rounds; best and median throughput of each.
 */
export async function concurrentProbes(n = 200): Promise<string[]> {
  const key = randomBytes(24).toString('hex');
  const server = createHubServer(key, () => {});
  server.maxConnections = 10_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', 1024, r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/webhooks`;
  const headers = { Authorization: `Bearer ${key}` };
  const connections = 256;
  const client = new ProbeClient(new Set(), { connections });
  const agent = new undici.Agent({ connections, keepAliveTimeout: 2000 });
  const viaClient = async (): Promise<number> => {
    const o = await client.send({ method: 'GET', url, headers });
    return 'response' in o ? o.response.status : 0;
  };
  const viaUndici = async (): Promise<number> => {
    const r = await undici.request(url, { dispatcher: agent, method: 'GET', headers });
    await r.body.text();
    return r.statusCode;
  };
  try {
    // Warm both (connections open, code hot), then alternate.
    await probeRound(n, viaClient);
    await probeRound(n, viaUndici);
    const ours: number[] = [];
    const bare: number[] = [];
    let failed = 0;
    for (let i = 0; i < PROBE_ROUNDS; i++) {
      for (const [send, into] of i % 2 === 0 ? ([[viaClient, ours], [viaUndici, bare]] as const) : ([[viaUndici, bare], [viaClient, ours]] as const)) {
        const r = await probeRound(n, send);
        failed += n - r.ok;
        into.push((n / r.ms) * 1000);
      }
    }
    if (failed > 0) throw new Error(`${failed} probes did not answer 200`);
    const best = Math.max(...ours);
    const bestBare = Math.max(...bare);
    const ratio = best / bestBare;
    const rate = (x: number): string => `${Math.round(x).toLocaleString('en-US')} probes/s`;
    return [
      `${n} concurrent probes on loopback, ${PROBE_ROUNDS} alternating rounds: probe client best ${rate(best)} (median ${rate(median(ours))}); bare undici best ${rate(bestBare)} (median ${rate(median(bare))})`,
      goalLine({ measure: `${n} concurrent probes vs bare undici (same server, same run)`, now: `${rate(best)} best`, peer: `undici.request ${rate(bestBare)} best`, ratio: times(ratio), goal: '≥ 0.80× bare undici', met: ratio >= 0.8 }),
      goalLine({ measure: `${n} concurrent probes on loopback`, now: `${rate(best)} best, ${rate(median(ours))} median`, peer: '—', ratio: '—', goal: '≥ 3,000 probes/s', met: best >= 3000, ...(bestBare < 3000 ? { why: `even bare undici reached only ${rate(bestBare)} against this server on this machine` } : {}) }),
    ];
  } finally {
    await client.close();
    await agent.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

async function withEngine<T>(fn: () => Promise<T>): Promise<T | string[]> {
  let stop: (() => Promise<void>) | null = null;
  if (!process.env.DOCKER_HOST) {
    const part = await startDockerEngine();
    if (part.unavailable) {
      return [
        `SKIPPED one-click sync vs docker compose: Docker engine unavailable: ${part.unavailable}`,
        goalLine({ measure: 'one-click sync vs bare docker compose up --force-recreate (2 services)', now: 'not measured', peer: 'not measured', ratio: '—', goal: `≤ ${SYNC_GOAL.toFixed(1)}×`, met: false, why: 'skipped: no Docker engine could start here' }),
      ];
    }
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
        const steps = new Map<string, number[]>();
        for (let i = 0; i < ROUNDS; i++) {
          let t0 = performance.now();
          const r = spawnSync('docker', ['compose', '-p', project, '-f', compose, 'up', '-d', '--force-recreate', '--no-deps', 'hivecfm-hub-api', 'hivecfm-core'], { encoding: 'utf8', env: process.env });
          if (r.status !== 0) throw new Error(`docker compose up failed: ${r.stderr}`);
          bare.push(performance.now() - t0);
          const started = new Map<string, number>();
          const onProgress = (e: ProgressEvent): void => {
            if (e.state === 'running' && !started.has(e.step)) started.set(e.step, performance.now());
            if (e.state === 'done' && started.has(e.step)) steps.set(e.step, [...(steps.get(e.step) ?? []), performance.now() - started.get(e.step)!]);
          };
          t0 = performance.now();
          const out = await applyChange(op.ports, SECRET, { value: `bench-${randomBytes(16).toString('hex')}` }, { onProgress });
          oneClick.push(performance.now() - t0);
          if (!out.ok) throw new Error(`one-click sync failed: ${out.summary}`);
        }
        const ratio = median(oneClick) / median(bare);
        const breakdown = [...steps].map(([step, xs]) => `${step} ${median(xs).toFixed(0)} ms`).join(', ');
        return [
          `one-click sync (2 files + recreate 2 containers in one step + ready + probes), median of ${ROUNDS}: ${median(oneClick).toFixed(0)} ms (${breakdown})`,
          `bare docker compose up -d --force-recreate of the same 2 services, median of ${ROUNDS}: ${median(bare).toFixed(0)} ms`,
          goalLine({
            measure: 'one-click sync vs bare docker compose up --force-recreate (2 services)',
            now: `${median(oneClick).toFixed(0)} ms p50`,
            peer: `docker compose up -d --force-recreate ${median(bare).toFixed(0)} ms p50`,
            ratio: times(ratio),
            goal: `≤ ${SYNC_GOAL.toFixed(1)}×`,
            met: ratio <= SYNC_GOAL,
            ...(ratio > SYNC_GOAL ? { why: 'the one-click sync writes both files (journal, backups, keychain: ~40-70 ms), runs the same compose recreate (the old containers stopped through the engine API while Compose starts up, which takes Compose v1 most of a second), then waits until both services answer and probes the key (~30 ms); the bare command returns before either is ready, and Compose run times vary by hundreds of ms on a loaded machine' } : {}),
          }),
        ];
      } finally {
        await op.controller.down(services, 'docker').catch(() => {});
        // `down` also removes the project's network (the engine has few address pools to give).
        await runCompose({ composeFile: services[0]!.composeFile!, project }, ['down', '--remove-orphans'], 120_000).catch(() => {});
        await op.close();
      }
    });
    return result;
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
