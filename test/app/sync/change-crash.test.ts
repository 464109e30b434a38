/**
 * Fault injection on the real thing: the real `keyhive sync` (a child process, the real keychain,
 * real files) is killed — SIGKILL at every journaled point and at random moments, SIGTERM at
 * random moments — and what it leaves must always be one value everywhere: all-old or all-new,
 * with no stray temp file and nothing pending once `recover` ran (SIGTERM: without it).
 *
 * The random moments come from a seeded generator (the seed is printed) so a failure can be
 * replayed; the assertions hold whichever moment a kill lands on.
 */
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portsOf } from '../../../electron/app/sync/apply-change-ports.js';
import { recoverPending } from '../../../electron/app/lifecycle/recover.js';
import { openSession, type WorkspaceSession } from '../../../electron/app/workspace-session.js';
import { TEMP_FILE } from '../../../electron/adapters/fs/safe-temp.js';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { keyFormats } from '../../../electron/core/keys/index.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { demoCopy, KEYHIVE, SECRET, type DemoCopy } from '../../cli/cli-harness.js';

const SEED = Number(process.env.KEYHIVE_CRASH_SEED ?? 20261130);
const RANDOM_KILLS = 178;
const TERM_KILLS = 20;
/** Every point the journal of a change passes, as KEYHIVE_TEST_CRASH_AFTER hooks. */
const JOURNAL_POINTS = ['keep:running', 'keep', 'files:running:1', 'files:running:2', 'files:running:3', 'files:running:4', 'files', 'keychain:running', 'keychain', 'record:running', 'record'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let w: DemoCopy;
let session: WorkspaceSession;
let generate: () => string;
let envDirs: string[];
let journalDir: string;

/**
 * `keyhive sync SECRET --value-stdin --no-restart`, killed with `signal` `delayMs` after its
 * change starts (the first write to the journal folder), so the kills land inside the
 * transaction rather than in the process's start-up. Never killed when `signal` is null.
 */
function syncKilled(value: string, signal: NodeJS.Signals | null, delayMs: number, env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KEYHIVE, 'sync', SECRET, '--value-stdin', '--no-restart', '--workspace', w.file], {
      env: { ...process.env, KEYHIVE_DATA_DIR: w.dataDir, ...env },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.stdin.end(value + '\n');
    let timer: NodeJS.Timeout | null = null;
    const watcher = signal
      ? watch(journalDir, () => {
          timer ??= setTimeout(() => child.kill(signal), delayMs);
        })
      : null;
    child.on('exit', (code, sig) => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      resolve({ code, signal: sig });
    });
  });
}

/** How long an undisturbed change takes from its first journal record to its last (the archived journal). */
async function transactionMs(): Promise<number> {
  const done = join(journalDir, 'done');
  const names = (await readdir(done)).filter((n) => n.startsWith('sync-')).sort();
  const times = await Promise.all(names.slice(-3).map(async (n) => {
    const r = JSON.parse(await readFile(join(done, n), 'utf8')) as { startedAt: string; updatedAt: string };
    return Date.parse(r.updatedAt) - Date.parse(r.startedAt);
  }));
  return Math.max(5, ...times);
}

/** One value everywhere (keychain, hub, core's winning file), no temp file, nothing pending. */
async function assertConsistent(allowed: string[], label: string): Promise<string> {
  const k = await w.store.get(accounts.secret(w.id, SECRET));
  const hub = await w.value(w.hubEnv, 'API_KEY');
  const local = await w.value(join(dirname(w.coreEnv), '.env.local'), 'HIVECFM_HUB_API_KEY').catch(() => null);
  const core = local ?? (await w.value(w.coreEnv, 'HIVECFM_HUB_API_KEY'));
  const at = `${label}: keychain ${k === allowed[0] ? 'old' : k === allowed[1] ? 'new' : 'other'}, hub ${hub === allowed[0] ? 'old' : hub === allowed[1] ? 'new' : 'other'}, core ${core === allowed[0] ? 'old' : core === allowed[1] ? 'new' : 'other'}`;
  expect(allowed.includes(k ?? ''), at).toBe(true);
  expect(hub === k && core === k, at).toBe(true);
  for (const d of envDirs) expect((await readdir(d)).filter((n) => TEMP_FILE.test(n)), `${label}: temp files in ${d}`).toEqual([]);
  expect((await readdir(join(w.dataDir, 'backups')).catch(() => [])).filter((n) => n.endsWith('.tmp')), `${label}: backup temp`).toEqual([]);
  expect(await session.journal.pending(w.id), `${label}: pending journals`).toEqual([]);
  return k!;
}

const recover = () => recoverPending(portsOf(session, null), w.dataDir);

beforeAll(async () => {
  w = await demoCopy('native');
  const ws = await loadWorkspace(w.file);
  const formats = keyFormats(ws.config);
  const format = ws.config.secrets[SECRET]!.format;
  generate = () => formats.generate(format);
  envDirs = [dirname(w.hubEnv), dirname(w.coreEnv)];
  journalDir = join(w.dataDir, 'journal');
  await mkdir(journalDir, { recursive: true });
  session = await openSession(w.file, { store: w.store, dataDir: w.dataDir });
  // Start in sync: the keychain and every side hold one value.
  await session.sync(SECRET, { value: generate() });
});

afterAll(async () => {
  await session?.close();
  await w?.cleanup();
});

describe('a sync killed at any point (real CLI, real keychain, real files)', () => {
  it(`SIGKILL at every journaled point (twice each; with the random ones 200 kills), then recover: all-old or all-new, no stray temp file`, async () => {
    let current = await assertConsistent([await w.store.get(accounts.secret(w.id, SECRET)) ?? ''], 'start');
    for (let round = 0; round < 2; round++) {
      for (const point of JOURNAL_POINTS) {
        const next = generate();
        const r = await syncKilled(next, null, 0, { KEYHIVE_TEST_CRASH_AFTER: point });
        await recover();
        const now = await assertConsistent([current, next], `crash after ${point} (exit ${r.code}, ${r.signal})`);
        // Before the keychain step is done the change is rolled back; after it, completed. (A point
        // a change never reaches — a 4th file of a 3-file change — lets it finish normally.)
        const committed = point === 'keychain' || point.startsWith('record') || r.signal !== 'SIGKILL';
        expect(now === next, `crash after ${point} (${r.signal ?? `exit ${r.code}`})`).toBe(committed);
        current = now;
      }
    }
  }, 600_000);

  it(`SIGKILL at ${RANDOM_KILLS} random moments (seed ${SEED}), then recover: all-old or all-new, no stray temp file`, async () => {
    const random = mulberry32(SEED);
    // Learn how long an undisturbed sync takes here, so the kills fall across its whole run.
    let current = (await w.store.get(accounts.secret(w.id, SECRET)))!;
    for (let i = 0; i < 3; i++) {
      const clean = generate();
      await syncKilled(clean, null, 0);
      current = await assertConsistent([current, clean], 'undisturbed');
    }
    const ms = await transactionMs();
    let interrupted = 0;
    for (let i = 0; i < RANDOM_KILLS; i++) {
      const next = generate();
      const delay = Math.floor(ms * 1.2 * random());
      const r = await syncKilled(next, 'SIGKILL', delay);
      interrupted += (await recover()).length;
      current = await assertConsistent([current, next], `SIGKILL after ${delay} ms (${r.signal ?? `exit ${r.code}`}, seed ${SEED}, kill ${i})`);
    }
    process.stdout.write(`SIGKILL: ${RANDOM_KILLS} kills, ${interrupted} left a change to recover\n`);
  }, 900_000);

  it(`SIGTERM at ${TERM_KILLS} random moments: the change finishes or rolls back before the process exits`, async () => {
    const random = mulberry32(SEED + 1);
    let current = (await w.store.get(accounts.secret(w.id, SECRET)))!;
    const ms = await transactionMs();
    for (let i = 0; i < TERM_KILLS; i++) {
      const next = generate();
      const delay = Math.floor(ms * 1.2 * random());
      const r = await syncKilled(next, 'SIGTERM', delay);
      // No recover here: what SIGTERM interrupted was completed or rolled back by the process itself.
      current = await assertConsistent([current, next], `SIGTERM after ${delay} ms (${r.signal ?? `exit ${r.code}`}, seed ${SEED}, kill ${i})`);
    }
  }, 600_000);
});
