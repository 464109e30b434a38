import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupStore, deriveBackupKey } from '../../../electron/adapters/fs/backups.js';
import { createFileAtomic, readTextFileSafe, writeFileAtomic } from '../../../electron/adapters/fs/safe-file.js';
import { setValue } from '../../../electron/core/env/index.js';
import { KeyhiveError } from '../../../shared/errors.js';

let dir: string;
let root: string;
let data: string;
const ORIGINAL = 'HIVECFM_HUB_API_KEY="old-value" # shared\nPORT=8080\n';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyhive-safe-file-'));
  root = join(dir, 'workspace');
  data = join(dir, 'data');
  await mkdir(root);
});
afterEach(async () => {
  await chmod(root, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<KeyhiveError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(KeyhiveError);
    return e as KeyhiveError;
  }
  throw new Error('expected a KeyhiveError');
}

const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s));

describe('readTextFileSafe', () => {
  it('returns the real path, the exact bytes and the mode', async () => {
    const f = join(root, '.env');
    await writeFile(f, ORIGINAL, { mode: 0o640 });
    await chmod(f, 0o640);
    await symlink(f, join(root, 'link.env'));
    const r = await readTextFileSafe(join(root, 'link.env'), { root });
    expect(r.path).toBe(f);
    expect(Buffer.from(r.bytes).toString()).toBe(ORIGINAL);
    expect(r.mode).toBe(0o640);
  });

  it('refuses a symlink leading out of the workspace', async () => {
    const outside = join(dir, 'outside.env');
    await writeFile(outside, 'A=1\n');
    await symlink(outside, join(root, '.env'));
    const e = await failure(readTextFileSafe(join(root, '.env'), { root }));
    expect(e.code).toBe('FILE_REFUSED');
    expect(e.message).toMatch(/outside the workspace/);
    expect(e.fix).toBeTruthy();
  });

  it('refuses a directory, a FIFO (without blocking) and a 2 MiB file', async () => {
    await mkdir(join(root, 'dir.env'));
    expect((await failure(readTextFileSafe(join(root, 'dir.env'), { root }))).message).toMatch(/directory/);
    const fifo = join(root, 'fifo.env');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const e = await failure(readTextFileSafe(fifo, { root }));
    expect(e.code).toBe('FILE_REFUSED');
    expect(e.message).toMatch(/FIFO/);
    const big = join(root, 'big.env');
    await writeFile(big, Buffer.alloc(2 * 1024 * 1024, 0x41));
    const e2 = await failure(readTextFileSafe(big, { root }));
    expect(e2.code).toBe('FILE_REFUSED');
    expect(e2.message).toMatch(/1 MiB/);
  });

  it('says NOT_FOUND with a fix for a missing file', async () => {
    const e = await failure(readTextFileSafe(join(root, 'missing.env'), { root }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.file).toBe(join(root, 'missing.env'));
    expect(e.fix).toMatch(/create the file|Check the path/);
  });
});

describe('temp files of a write', () => {
  it('are 0600 until the rename and named so the usual .env ignore patterns cover them (real git check-ignore)', async () => {
    spawnSync('git', ['init', '-q', root]);
    const seen: Array<{ name: string; mode: number; ignoredBy: string[] }> = [];
    const patterns = ['.env*', '.env.*', '*.env'];
    for (const target of ['.env', '.env.local', 'app.env']) {
      const f = join(root, target);
      await writeFile(f, ORIGINAL);
      await chmod(f, 0o644);
      const real = createBackupStore(data, { scope: 'ws', key: async () => deriveBackupKey('test') });
      // The backup is taken while the temp file exists: look at it then.
      const spying = {
        ...real,
        save: async (p: string, b: Uint8Array) => {
          for (const name of (await readdir(root)).filter((n) => n.includes('.keyhive-'))) {
            const ignoredBy: string[] = [];
            for (const pattern of patterns) {
              await writeFile(join(root, '.gitignore'), pattern + '\n');
              if (spawnSync('git', ['-C', root, 'check-ignore', '-q', name]).status === 0) ignoredBy.push(pattern);
            }
            seen.push({ name, mode: (await stat(join(root, name))).mode & 0o777, ignoredBy });
          }
          return real.save(p, b);
        },
      };
      await writeFileAtomic(f, bytes('API_KEY=new\n'), { expected: bytes(ORIGINAL), root, backups: spying });
      expect((await stat(f)).mode & 0o777).toBe(0o644);
    }
    expect(seen.map((s) => s.name.replace(/[0-9a-f]{12}/, 'X'))).toEqual(['.env.keyhive-X.env', '.env.local.keyhive-X.env', 'app.env.keyhive-X.env']);
    expect(seen.map((s) => s.mode)).toEqual([0o600, 0o600, 0o600]);
    expect(seen.map((s) => s.ignoredBy)).toEqual([patterns, patterns, ['*.env']]);
    expect((await readdir(root)).filter((n) => n.includes('.keyhive-'))).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('keeps the owner and the mode, whether they match the temp\'s or not (0600 as made, 0644, another owner as root)', async () => {
    const f = join(root, '.env');
    for (const [mode, owner] of [[0o600, null], [0o644, null], [0o640, 4242]] as const) {
      await writeFile(f, ORIGINAL);
      await chmod(f, mode);
      if (owner !== null) {
        if (process.getuid?.() !== 0) continue; // only root can give a file away
        await chown(f, owner, owner);
      }
      const before = await stat(f);
      const read = await readTextFileSafe(f, { root });
      await writeFileAtomic(f, setValue(read.bytes, 'PORT', `${mode}`), { expected: read.bytes, root });
      const after = await stat(f);
      expect(after.ino).not.toBe(before.ino); // replaced, not edited in place
      expect([after.mode & 0o7777, after.uid, after.gid]).toEqual([mode, before.uid, before.gid]);
    }
  });

  it('replaces the file, keeps its mode and symlink, and backs up the previous bytes', async () => {
    const f = join(root, '.env');
    await writeFile(f, ORIGINAL);
    await chmod(f, 0o640);
    await symlink(f, join(root, 'alias.env'));
    const backups = createBackupStore(data, { scope: 'ws', key: async () => deriveBackupKey('test') });
    const read = await readTextFileSafe(join(root, 'alias.env'), { root });
    const next = setValue(read.bytes, 'HIVECFM_HUB_API_KEY', 'new-value');
    const { backupId } = await writeFileAtomic(join(root, 'alias.env'), next, { expected: read.bytes, root, backups });
    expect(await readFile(f, 'utf8')).toBe('HIVECFM_HUB_API_KEY="new-value" # shared\nPORT=8080\n');
    expect((await stat(f)).mode & 0o777).toBe(0o640);
    expect((await stat(join(root, 'alias.env'), { bigint: false })).isFile()).toBe(true);
    expect(await readdir(root)).toEqual(['.env', 'alias.env']); // no temp file left
    expect(backupId).not.toBeNull();
    const saved = await backups.load(backupId!);
    expect(saved.path).toBe(f);
    expect(Buffer.from(saved.bytes).toString()).toBe(ORIGINAL);
  });

  it('detects a change made between read and write, and keeps the other writer\'s bytes', async () => {
    const f = join(root, '.env');
    await writeFile(f, ORIGINAL);
    const read = await readTextFileSafe(f, { root });
    const theirs = ORIGINAL + 'ADDED_BY_SOMEONE_ELSE=1\n';
    await writeFile(f, theirs);
    const e = await failure(writeFileAtomic(f, setValue(read.bytes, 'PORT', '9090'), { expected: read.bytes, root, backups: createBackupStore(data, { scope: 'ws', key: async () => deriveBackupKey('test') }) }));
    expect(e.code).toBe('FILE_CONFLICT');
    expect(await readFile(f, 'utf8')).toBe(theirs);
    expect(await readdir(root)).toEqual(['.env']);
  });

  it('detects a writer that changes the file while the new bytes are being prepared (late check)', async () => {
    const f = join(root, '.env');
    await writeFile(f, ORIGINAL);
    const read = await readTextFileSafe(f, { root });
    const real = createBackupStore(data, { scope: 'ws', key: async () => deriveBackupKey('test') });
    const theirs = 'WRITTEN_DURING_OUR_WRITE=1\n';
    // The backup is taken after the temp file is written and before the final re-read:
    // a concurrent editor saving at that moment must win, and our temp file must vanish.
    const racing = {
      save: async (p: string, b: Uint8Array): Promise<string> => {
        await writeFile(f, theirs);
        return real.save(p, b);
      },
      load: real.load,
      sweep: real.sweep,
    };
    const e = await failure(writeFileAtomic(f, setValue(read.bytes, 'PORT', '9090'), { expected: read.bytes, root, backups: racing }));
    expect(e.code).toBe('FILE_CONFLICT');
    expect(e.fix).toMatch(/run the change again/);
    expect(await readFile(f, 'utf8')).toBe(theirs);
    expect(await readdir(root)).toEqual(['.env']);
  });

  it('refuses a read-only file and a read-only directory, leaving the file untouched', async () => {
    const f = join(root, '.env');
    await writeFile(f, ORIGINAL);
    await chmod(f, 0o444);
    const e = await failure(writeFileAtomic(f, bytes('X=1\n'), { expected: bytes(ORIGINAL), root }));
    expect(e.code).toBe('FILE_PERMISSION');
    expect(e.fix).toMatch(/chmod u\+w/);
    expect(await readFile(f, 'utf8')).toBe(ORIGINAL);

    await chmod(f, 0o644);
    await chmod(root, 0o555);
    const e2 = await failure(writeFileAtomic(f, bytes('X=1\n'), { expected: bytes(ORIGINAL), root }));
    expect(e2.code).toBe('FILE_PERMISSION');
    expect(e2.message).toMatch(/directory .* is read-only/);
    expect(await readFile(f, 'utf8')).toBe(ORIGINAL);
    await chmod(root, 0o755);
    expect(await readdir(root)).toEqual(['.env']);
  });

  it('refuses to write through a symlink out of the workspace, a directory, a FIFO or a missing file', async () => {
    const outside = join(dir, 'outside.env');
    await writeFile(outside, ORIGINAL);
    await symlink(outside, join(root, 'out.env'));
    expect((await failure(writeFileAtomic(join(root, 'out.env'), bytes('X=1\n'), { expected: bytes(ORIGINAL), root }))).code).toBe('FILE_REFUSED');
    expect(await readFile(outside, 'utf8')).toBe(ORIGINAL);
    await mkdir(join(root, 'd.env'));
    expect((await failure(writeFileAtomic(join(root, 'd.env'), bytes('X=1\n'), { expected: bytes(''), root }))).code).toBe('FILE_REFUSED');
    spawnSync('mkfifo', [join(root, 'p.env')]);
    expect((await failure(writeFileAtomic(join(root, 'p.env'), bytes('X=1\n'), { expected: bytes(''), root }))).code).toBe('FILE_REFUSED');
    expect((await failure(writeFileAtomic(join(root, 'none.env'), bytes('X=1\n'), { expected: bytes(''), root }))).code).toBe('NOT_FOUND');
    const big = join(root, 'big.env');
    await writeFile(big, Buffer.alloc(2 * 1024 * 1024, 0x41));
    expect((await failure(writeFileAtomic(big, bytes('X=1\n'), { expected: bytes(''), root }))).code).toBe('FILE_REFUSED');
    expect((await stat(big)).size).toBe(2 * 1024 * 1024);
  });
});

describe('createFileAtomic', () => {
  it('creates a new 0600 file and never replaces an existing one', async () => {
    const f = join(root, '.env.local');
    await createFileAtomic(f, bytes('A=1\n'), { root });
    expect(await readFile(f, 'utf8')).toBe('A=1\n');
    expect((await stat(f)).mode & 0o777).toBe(0o600);
    const e = await failure(createFileAtomic(f, bytes('B=2\n'), { root }));
    expect(e.code).toBe('FILE_CONFLICT');
    expect(await readFile(f, 'utf8')).toBe('A=1\n');
    expect(await readdir(root)).toEqual(['.env.local']);
  });

  it('says which directory is missing', async () => {
    const e = await failure(createFileAtomic(join(root, 'no-such-dir', '.env'), bytes('A=1\n'), { root }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('no-such-dir');
    expect(e.fix).toMatch(/Create the directory/);
  });

  it('refuses a parent directory outside the workspace', async () => {
    const e = await failure(createFileAtomic(join(dir, 'elsewhere.env'), bytes('A=1\n'), { root }));
    expect(e.code).toBe('FILE_REFUSED');
  });
});
