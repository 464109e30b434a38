/**
 * Status and watch benchmark (`npm run bench`, or alone: `npx tsx test/bench/status-bench.ts`).
 *   - status of a generated 50-service / 200-secret workspace: goal ≤ 50 ms (p50/p95), warm
 *     (a running session: parsed files and keychain values cached) and cold (a fresh session);
 *   (watch latency is in watch-bench.ts).
 * The keychain is an in-memory store here, so the numbers measure Keyhive, not D-Bus.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { openSession } from '../../electron/app/workspace-session.js';
import { accounts } from '../../electron/core/secrets/secret-store.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

const SERVICES = 50;
const SECRETS = 200;
const STATUS_RUNS = 60;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;

export async function generate(root: string): Promise<{ file: string; id: string; store: MemorySecretStore; envOf: (i: number) => string }> {
  const id = `bench-${randomBytes(4).toString('hex')}`;
  const store = new MemorySecretStore();
  const vars = new Map<number, string[]>();
  const secrets: string[] = [];
  for (let s = 0; s < SECRETS; s++) {
    const a = s % SERVICES;
    const b = (s * 7 + 3) % SERVICES === a ? (a + 1) % SERVICES : (s * 7 + 3) % SERVICES;
    const value = randomBytes(24).toString('base64url');
    await store.set(accounts.secret(id, `secret-${s}`), value);
    for (const [svc, v] of [[a, `KEY_${s}`], [b, `CLIENT_KEY_${s}`]] as const) {
      vars.set(svc, [...(vars.get(svc) ?? []), `${v}=${s % 17 === 0 && svc === b ? 'drifted-' + value : value}`]);
    }
    secrets.push(`  secret-${s}:\n    bindings:\n      - { service: svc-${a}, var: KEY_${s}, role: server }\n      - { service: svc-${b}, var: CLIENT_KEY_${s}, role: client }`);
  }
  const services: string[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const dir = join(root, `svc-${i}`);
    await mkdir(dir);
    const lines = ['# generated', 'PORT=8080', 'LOG_LEVEL=info', ...(vars.get(i) ?? []), 'DATABASE_URL=postgres://localhost/db'];
    await writeFile(join(dir, '.env'), lines.join('\n') + '\n');
    if (i % 5 === 0) await writeFile(join(dir, '.env.local'), 'DEBUG=1\n');
    services.push(`  svc-${i}:\n    dir: svc-${i}\n    envFiles: [.env, .env.local]`);
  }
  const file = join(root, 'keyhive.yaml');
  await writeFile(file, `version: 1\nname: bench\nid: ${id}\nrunMode: native\n` + `services:\n${services.join('\n')}\nsecrets:\n${secrets.join('\n')}\n`);
  return { file, id, store, envOf: (i) => join(root, `svc-${i}`, '.env') };
}

export async function runStatusBench(): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'kh-bench-status-'));
  const lines: string[] = [];
  try {
    const { file, store } = await generate(root);
    const dataDir = join(root, '.data');
    const session = await openSession(file, { store, dataDir, keychainTtlMs: 60_000 });

    const first = await session.status();
    const drifted = first.secrets.filter((s) => s.state !== 'in-sync').length;
    const warm: number[] = [];
    for (let i = 0; i < STATUS_RUNS; i++) {
      const t = performance.now();
      await session.status();
      warm.push(performance.now() - t);
    }
    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      const s = await openSession(file, { store, dataDir });
      await s.status();
      cold.push(performance.now() - t);
      await s.close();
    }
    const p50 = pct(warm, 50);
    lines.push(`status, ${SERVICES} services / ${SECRETS} secrets (${drifted} drifted): warm p50 ${ms(p50)}, p95 ${ms(pct(warm, 95))} — goal ≤ 50 ms: ${p50 <= 50 ? 'met' : 'NOT met'}`);
    lines.push(`status, fresh session (load keyhive.yaml + parse every file): p50 ${ms(pct(cold, 50))}, p95 ${ms(pct(cold, 95))}`);

    await session.close();
    return lines;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runStatusBench()) process.stdout.write(line + '\n');
}
