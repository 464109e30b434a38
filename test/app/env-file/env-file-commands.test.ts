/**
 * The env-file use cases behind `keyhive env …`, on real files: results say what changed with
 * fingerprints (never the value), only the value's bytes change, a backup is kept, and reveal
 * is the one call that returns values.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintEnvFile, revealEnvFile, setEnvValue, showEnvFile, unsetEnvValue } from '../../../electron/app/env-file/env-file-commands.js';
import { createShellContext, type OwnedShellContext } from '../../../electron/app/context/shell-context.js';

const VALUE = 'env-commands-secret-0123456789abcdef';
let dir: string;
let prevData: string | undefined;
let context: OwnedShellContext;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kh-envcmd-'));
  context = await createShellContext({ dataDir: join(dir, 'data') });
  prevData = process.env.KEYHIVE_DATA_DIR;
  process.env.KEYHIVE_DATA_DIR = join(dir, 'data');
});
afterEach(async () => {
  await context.close();
  if (prevData === undefined) delete process.env.KEYHIVE_DATA_DIR;
  else process.env.KEYHIVE_DATA_DIR = prevData;
  rmSync(dir, { recursive: true, force: true });
});

describe('env-file use cases', () => {
  it('set changes only the bytes of the value and answers with fingerprints and a backup', async () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# keep me\nAPI_KEY="old"  # inline\nOTHER=1\n');
    const r = await setEnvValue(file, 'API_KEY', VALUE, context);
    expect(readFileSync(file, 'utf8')).toBe(`# keep me\nAPI_KEY="${VALUE}"  # inline\nOTHER=1\n`);
    expect(r).toMatchObject({ key: 'API_KEY', line: 2, change: 'changed', created: false });
    expect(r.before).toMatch(/^[0-9a-f]{8}$/);
    expect(r.after).toMatch(/^[0-9a-f]{8}$/);
    expect(r.before).not.toBe(r.after);
    expect(r.backupId).toBeTruthy();
    expect(JSON.stringify(r)).not.toContain(VALUE);

    const again = await setEnvValue(file, 'API_KEY', VALUE, context);
    expect(again).toMatchObject({ change: 'unchanged', backupId: null, after: r.after });
  });

  it('creates a missing file only when asked, 0600', async () => {
    const file = join(dir, 'new.env');
    await expect(setEnvValue(file, 'K', VALUE, context)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await setEnvValue(file, 'K', VALUE, context, { create: true });
    expect(r).toMatchObject({ change: 'added', created: true, before: null, backupId: null });
    expect(readFileSync(file, 'utf8')).toBe(`K=${VALUE}\n`);
  });

  it('show gives fingerprints and lines; reveal gives the values; unset comments every assignment out', async () => {
    const file = join(dir, '.env');
    writeFileSync(file, `A=${VALUE}\nB=\nA=second\n`);
    const shown = await showEnvFile(file, context);
    expect(shown.keys.map((k) => [k.key, k.line, k.overridden])).toEqual([
      ['A', 3, [1]],
      ['B', 2, []],
    ]);
    expect(shown.keys[1]!.fingerprint).toBe('');
    expect(JSON.stringify(shown)).not.toContain(VALUE);
    expect((await revealEnvFile(file)).values).toEqual({ A: 'second', B: '' });

    const u = await unsetEnvValue(file, 'A', context);
    expect(u).toMatchObject({ lines: [1, 3], how: 'comment' });
    expect(readFileSync(file, 'utf8')).toBe(`# A=${VALUE}\nB=\n# A=second\n`);
    expect((await unsetEnvValue(file, 'A', context)).lines).toEqual([]);
  });

  it('lint reports what dotenv and Compose read differently', async () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'A=1\nA=2\n');
    expect((await lintEnvFile(file)).length).toBeGreaterThan(0);
  });
});
