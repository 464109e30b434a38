/**
 * A real safe `set` in a child process, SIGKILLed right after every step of writeFileAtomic (the
 * KEYHIVE_TEST_CRASH_AFTER hook), and once not at all. Whatever the step, after recovery (stray
 * temps swept, as the change's recovery does): the file holds exactly the old bytes or exactly the
 * new ones (the new ones once the rename happened), no temp file is left, and when the new bytes
 * are in place the backup restores the old ones.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackupStore, deriveBackupKey } from '../../../electron/adapters/fs/backups.js';
import { readTextFileSafe, writeFileAtomic } from '../../../electron/adapters/fs/safe-file.js';
import { removeStrayTemps, TEMP_FILE } from '../../../electron/adapters/fs/safe-temp.js';
import { parseEnv } from '../../../electron/core/env/index.js';

const CHILD = fileURLToPath(new URL('./safe-set-child.ts', import.meta.url));
const OLD = '# api\nexport HIVECFM_HUB_API_KEY="old-key-0001" # shared\nPORT=8080\n';
const NEW = '# api\nexport HIVECFM_HUB_API_KEY="new-key-0002" # shared\nPORT=8080\n';
/** Every step writeFileAtomic passes, in order; after `renamed` the new bytes must be in place. */
const STEPS = ['temp', 'written', 'backup', 'checked', 'renamed', 'synced'] as const;

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'keyhive-safe-set-crash-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function runChild(args: string[], step: string | null): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (step) env.KEYHIVE_TEST_CRASH_AFTER = `safe-write:${step}`;
    else delete env.KEYHIVE_TEST_CRASH_AFTER;
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('safe set, killed (SIGKILL) after every step', { timeout: 120_000 }, () => {
  it.each([...STEPS, null])('after %s: old or new bytes, no temp, and the backup restores the old value', async (step) => {
    const root = join(base, `ws-${step ?? 'none'}`);
    const data = join(base, `data-${step ?? 'none'}`);
    await mkdir(root);
    const file = join(root, '.env');
    await writeFile(file, OLD);
    const r = await runChild([file, root, data, 'HIVECFM_HUB_API_KEY', 'new-key-0002'], step);
    if (step) expect(r.signal).toBe('SIGKILL');
    else expect(r.code).toBe(0);

    // The kill landed inside the write: before the rename, the dead writer's temp is still there.
    const renamed = step === null || STEPS.indexOf(step) >= STEPS.indexOf('renamed');
    expect((await readdir(root)).filter((n) => TEMP_FILE.test(n))).toHaveLength(renamed ? 0 : 1);

    // Recovery: what the change's recovery does with a dead writer's leftovers.
    const backups = createBackupStore(data, { scope: 'crash', key: async () => deriveBackupKey('crash-test') });
    await removeStrayTemps(root);
    await backups.sweep();
    expect((await readdir(root)).filter((n) => TEMP_FILE.test(n))).toEqual([]);
    expect(await readdir(root)).toEqual(['.env']);

    const now = await readFile(file, 'utf8');
    expect([OLD, NEW]).toContain(now);
    expect(now).toBe(renamed ? NEW : OLD);

    // Every backup on disk is whole (it authenticates) and holds the old bytes.
    const ids = (await readdir(join(data, 'backups', 'crash')).catch(() => [] as string[])).map((n) => n.replace(/\.bak$/, ''));
    for (const id of ids) expect(Buffer.from((await backups.load(id)).bytes).toString()).toBe(OLD);
    if (step === null) expect(ids).toEqual([r.out.trim()]);
    if (now === NEW) {
      // Undo: the backup puts the old value back, through the same safe writer.
      expect(ids).toHaveLength(1);
      const saved = await backups.load(ids[0]!);
      const read = await readTextFileSafe(file, { root });
      await writeFileAtomic(file, saved.bytes, { expected: read.bytes, root });
      expect(parseEnv(await readFile(file)).values.HIVECFM_HUB_API_KEY).toBe('old-key-0001');
      expect(await readFile(file, 'utf8')).toBe(OLD);
    }
  });
});
