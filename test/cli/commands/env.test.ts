/**
 * `keyhive env …` through the real command (`node electron/cli/keyhive.mjs`), on real files.
 * Every test checks that no value reaches stdout/stderr unless --reveal asks for it.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Each case spawns the real CLI several times; on a loaded machine a spawn can take seconds.
vi.setConfig({ testTimeout: 240_000 });

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET = 'hcfm_S3cr3t_do_not_print_9f8e7d';
const OTHER = 'hsk_0ther_s3cret_value_1a2b3c';
let dir: string;
let data: string;

interface Run { code: number; stdout: string; stderr: string }

function keyhive(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['electron/cli/keyhive.mjs', ...args], {
      cwd: REPO,
      env: { ...process.env, KEYHIVE_DATA_DIR: data, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function expectNoSecret(r: Run): void {
  for (const s of [SECRET, OTHER]) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
}

async function envFile(name: string, content: string): Promise<string> {
  const f = join(dir, name);
  await writeFile(f, content);
  return f;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyhive-cli-env-'));
  data = join(dir, 'data');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('keyhive env show', () => {
  it('shows fingerprints, not values, and keeps them stable across runs', async () => {
    const f = await envFile('show.env', `# hub\nAPI_KEY=${SECRET}\nPORT=8080\nAPI_KEY="${OTHER}"\n`);
    const a = await keyhive(['env', 'show', f]);
    expect(a.code).toBe(0);
    expectNoSecret(a);
    expect(a.stdout).toMatch(/line 4\s+API_KEY\s+[0-9a-f]{8}\s+\(also set on line 2; this one wins\)/);
    expect(a.stdout).not.toContain('8080');
    const b = await keyhive(['env', 'show', f]);
    expect(b.stdout).toBe(a.stdout);
    expect((await stat(join(data, 'fingerprint.key'))).mode & 0o777).toBe(0o600);
  });

  it('--json gives key → {fingerprint, line}; --json --reveal gives exactly what dotenv reads', async () => {
    const content = `A=${SECRET}\nB='x # y'\nC="multi\\nline"\nD=\nexport E=\`${OTHER}\`\n`;
    const f = await envFile('json.env', content);
    const j = await keyhive(['env', 'show', f, '--json']);
    expect(j.code).toBe(0);
    expectNoSecret(j);
    const parsed = JSON.parse(j.stdout) as Record<string, { fingerprint: string | null; line: number }>;
    expect(Object.keys(parsed)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(parsed.A).toEqual({ fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/), line: 1 });
    expect(parsed.D).toEqual({ fingerprint: null, line: 4 });
    const r = await keyhive(['env', 'show', f, '--json', '--reveal']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(dotenv.parse(content));
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with the file and the fix for a missing file, and 1 for a directory', async () => {
    const missing = await keyhive(['env', 'show', join(dir, 'nope.env')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(dir, 'nope.env'));
    expect(missing.stderr).toMatch(/fix: /);
    await mkdir(join(dir, 'adir'));
    const d = await keyhive(['env', 'show', join(dir, 'adir')]);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/not a regular file/);
  });
});

describe('keyhive env set', () => {
  it('changes only the value bytes, prints key/line/fingerprints, keeps a backup', async () => {
    const before = `# core\r\nHIVECFM_HUB_API_KEY="${OTHER}" # shared with hub\r\nPORT=3000\r\n`;
    const f = await envFile('set.env', before);
    const r = await keyhive(['env', 'set', f, 'HIVECFM_HUB_API_KEY', SECRET]);
    expect(r.code).toBe(0);
    expectNoSecret(r);
    expect(r.stdout).toMatch(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: HIVECFM_HUB_API_KEY changed [0-9a-f]{8} -> [0-9a-f]{8}`));
    expect(r.stdout).toMatch(/backup \d{13}-[0-9a-f]{12}/);
    expect(await readFile(f, 'utf8')).toBe(before.replace(OTHER, SECRET));
    const backups = await readdir(join(data, 'backups'));
    expect(backups.length).toBeGreaterThanOrEqual(1);
  });

  it('reads the value from --stdin (one trailing newline dropped) and appends a new key', async () => {
    const f = await envFile('stdin.env', 'A=1');
    const r = await keyhive(['env', 'set', f, 'NEW_KEY', '--stdin'], `${SECRET}\n`);
    expect(r.code).toBe(0);
    expectNoSecret(r);
    expect(r.stdout).toMatch(/:2: NEW_KEY added \(fingerprint [0-9a-f]{8}\)/);
    expect(await readFile(f, 'utf8')).toBe(`A=1\nNEW_KEY=${SECRET}\n`);
  });

  it('refuses bad usage with exit 2 and leaves the file alone', async () => {
    const f = await envFile('usage.env', 'A=1\n');
    expect((await keyhive(['env', 'set', f, 'A'])).code).toBe(2);
    expect((await keyhive(['env', 'set', f, 'A', 'x', '--stdin'], 'y')).code).toBe(2);
    expect((await keyhive(['env', 'set', f, 'BAD KEY', 'x'])).code).toBe(2);
    expect((await keyhive(['env', 'set', f, 'A', 'x', '--bogus'])).code).toBe(2);
    const unwritable = await keyhive(['env', 'set', f, 'A', '--stdin'], `q'"\`\n#${SECRET}`);
    expect(unwritable.code).toBe(2);
    expectNoSecret(unwritable);
    expect(unwritable.stderr).toMatch(/cannot write the new value of A/);
    expect(unwritable.stderr).toContain(f);
    expect(await readFile(f, 'utf8')).toBe('A=1\n');
  });

  it('refuses a read-only file with exit 1 and the fix; creates a missing file only with --create', async () => {
    const f = await envFile('ro.env', 'A=1\n');
    await chmod(f, 0o444);
    const r = await keyhive(['env', 'set', f, 'A', SECRET]);
    expect(r.code).toBe(1);
    expectNoSecret(r);
    expect(r.stderr).toMatch(/read-only[\s\S]*fix: Make it writable/);
    expect(await readFile(f, 'utf8')).toBe('A=1\n');
    const missing = join(dir, 'new.env');
    expect((await keyhive(['env', 'set', missing, 'A', SECRET])).code).toBe(2);
    const c = await keyhive(['env', 'set', missing, 'A', SECRET, '--create']);
    expect(c.code).toBe(0);
    expectNoSecret(c);
    expect(await readFile(missing, 'utf8')).toBe(`A=${SECRET}\n`);
    expect((await stat(missing)).mode & 0o777).toBe(0o600);
  });
});

describe('keyhive env unset', () => {
  it('comments out, or removes with --remove, every assignment of the key', async () => {
    const f = await envFile('unset.env', `A=${SECRET}\nB=2\nA=${OTHER}\n`);
    const r = await keyhive(['env', 'unset', f, 'A']);
    expect(r.code).toBe(0);
    expectNoSecret(r);
    expect(r.stdout).toMatch(/A commented out \(lines 1, 3\)/);
    expect(await readFile(f, 'utf8')).toBe(`# A=${SECRET}\nB=2\n# A=${OTHER}\n`);
    const g = await envFile('remove.env', `A=${SECRET}\nB=2\n`);
    expect((await keyhive(['env', 'unset', g, 'A', '--remove'])).code).toBe(0);
    expect(await readFile(g, 'utf8')).toBe('B=2\n');
    const again = await keyhive(['env', 'unset', g, 'A']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/not set; nothing to do/);
  });
});

describe('keyhive env lint', () => {
  it('exits 1 with file:line:col findings and fixes, never values', async () => {
    const f = await envFile('lint.env', `API_KEY=changeme\nURL=http://x/#${SECRET}\nTOKEN=$${SECRET}\n`);
    const r = await keyhive(['env', 'lint', f]);
    expect(r.code).toBe(1);
    expectNoSecret(r);
    expect(r.stdout).toMatch(/lint\.env:1:9: warning PLACEHOLDER_SECRET/);
    expect(r.stdout).toMatch(/lint\.env:2:5: warning HASH_WITHOUT_SPACE/);
    expect(r.stdout).toMatch(/lint\.env:3:7: warning COMPOSE_INTERPOLATION/);
    expect(r.stdout).toMatch(/fix: /);
    expect(r.stdout).not.toContain('changeme');
    const j = await keyhive(['env', 'lint', f, '--json']);
    expect(j.code).toBe(1);
    expect((JSON.parse(j.stdout) as { code: string }[]).map((d) => d.code)).toEqual(['PLACEHOLDER_SECRET', 'HASH_WITHOUT_SPACE', 'COMPOSE_INTERPOLATION']);
  });

  it('exits 0 on a clean file', async () => {
    const f = await envFile('clean.env', 'PORT=8080\nAPI_KEY=hsk_9Qw3LzX7pN2vR8tY5kM1\n');
    const r = await keyhive(['env', 'lint', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no problems found/);
  });

  it('has --help for every subcommand', async () => {
    const subs = ['show', 'set', 'unset', 'lint'];
    const runs = await Promise.all(subs.map((sub) => keyhive(['env', sub, '--help'])));
    runs.forEach((r, i) => {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: keyhive env ${subs[i]}`);
    });
  });
});
