/**
 * Shared by the operation CLI tests: a private copy of the HiveCFM demo (native run mode, free
 * ports, its own workspace id and data dir), the real `keyhive` command spawned against it, and
 * readers for what the files and the real keychain hold.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { materializeDemo } from '../../electron/app/demo/demo-workspace.js';
import { KeytarSecretStore } from '../../electron/adapters/keychain/keytar-secret-store.js';
import { effectiveEntry, parseEnv } from '../../electron/core/env/parse.js';
import { freeDemoPorts } from '../support/demo-ports.js';

export const KEYHIVE = fileURLToPath(new URL('../../electron/cli/keyhive.mjs', import.meta.url));
export const SECRET = 'hivecfm-hub-api-key';

export interface DemoCopy {
  root: string;
  file: string;
  dataDir: string;
  id: string;
  hubEnv: string;
  coreEnv: string;
  store: KeytarSecretStore;
  run(args: string[], env?: Record<string, string>): SpawnSyncReturns<string>;
  value(envFile: string, key: string): Promise<string | null>;
  cleanup(): Promise<void>;
}

export async function demoCopy(runMode: 'native' | 'docker' = 'native', project?: string): Promise<DemoCopy> {
  const root = await mkdtemp(join(tmpdir(), 'kh-cli-'));
  const dataDir = join(root, 'data');
  const ports = await freeDemoPorts();
  const prev = process.env.KEYHIVE_DATA_DIR;
  process.env.KEYHIVE_DATA_DIR = dataDir;
  let file: string;
  try {
    file = await materializeDemo(join(root, 'demo'), { runMode, ports, ...(project ? { project } : {}) });
  } finally {
    if (prev === undefined) delete process.env.KEYHIVE_DATA_DIR;
    else process.env.KEYHIVE_DATA_DIR = prev;
  }
  const id = `kh-test-${randomBytes(5).toString('hex')}`;
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^id: .*$/m, `id: ${id}`));
  const demo = join(root, 'demo');
  return {
    root,
    file,
    dataDir,
    id,
    hubEnv: join(demo, 'hivecfm-hub', '.env'),
    coreEnv: join(demo, 'hivecfm-core', '.env'),
    store: new KeytarSecretStore(),
    run: (args, env = {}) =>
      spawnSync(process.execPath, [KEYHIVE, ...args, '--workspace', file], {
        encoding: 'utf8',
        env: { ...process.env, KEYHIVE_DATA_DIR: dataDir, ...env },
        timeout: 120_000,
      }),
    value: async (envFile, key) => {
      const e = effectiveEntry(parseEnv(await readFile(envFile)), key);
      return e ? e.value : null;
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** stdout + stderr of a run, for assertion messages. */
export const output = (r: SpawnSyncReturns<string>): string => `exit ${r.status} signal ${r.signal}\n${r.stdout}\n${r.stderr}`;

/** The real CLI, spawned without blocking (so servers in this process keep answering). */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KEYHIVE, ...args], { env: { ...process.env, ...env } });
    child.stdin.end(stdin ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
