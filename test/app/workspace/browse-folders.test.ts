import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browseFolders, pickFolder } from '../../../electron/app/workspace/browse-folders.js';
import { createKeyhiveService } from '../../../electron/app/keyhive-service.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { FolderListing } from '../../../shared/api.js';
import { KeyhiveError } from '../../../shared/errors.js';

const SECRET = 'hsk_live_must-never-show-up-0123456789';
const SETPRIV = '/usr/bin/setpriv';
const asRoot = process.getuid?.() === 0;

/** Runs an ES module snippet (with tsx) as the unprivileged user `nobody`; returns its JSON output. */
async function asNobody(script: string): Promise<{ error: unknown; entries: unknown }> {
  const { stdout } = await promisify(execFile)(
    SETPRIV,
    ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script],
    { env: { ...process.env, HOME: tmpdir() } },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null');
}

async function expectError(p: Promise<unknown>, code: string): Promise<KeyhiveError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(KeyhiveError);
  const ke = e as KeyhiveError;
  expect(ke.code).toBe(code);
  expect(ke.fix).toBeTruthy();
  return ke;
}

describe('browseFolders (real temp dirs)', () => {
  let root: string;
  beforeAll(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'keyhive-browse-')));
    for (const d of ['beta', 'Alpha', 'svc10', 'svc2', 'hub', 'core', 'plain', '.git', '.hidden', 'node_modules', 'tmpl-only', 'nested']) await mkdir(join(root, d));
    await writeFile(join(root, 'hub', '.env'), `API_KEY=${SECRET}\n`);
    await writeFile(join(root, 'hub', 'compose.yaml'), 'services: {}\n');
    await writeFile(join(root, 'core', '.env.local'), `HIVECFM_HUB_API_KEY=${SECRET}\n`);
    await writeFile(join(root, 'core', 'docker-compose.prod.yml'), 'services: {}\n');
    await writeFile(join(root, 'core', 'keyhive.yaml'), 'name: core\n');
    await writeFile(join(root, 'tmpl-only', '.env.example'), 'API_KEY=\n');
    await mkdir(join(root, 'nested', 'keyhive.yaml')); // a directory named like the file is not a workspace
    await mkdir(join(root, 'nested', '.env')); // nor is a directory named .env
    await writeFile(join(root, 'README.md'), 'files are not listed\n');
    await writeFile(join(root, 'keyhive.yaml'), 'name: root\n');
    await symlink(join(root, 'hub'), join(root, 'link-to-hub'));
    await symlink(join(root, 'README.md'), join(root, 'link-to-file'));
    await symlink(join(root, 'gone'), join(root, 'dangling'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists sub-directories only, sorted by name, hidden ones and node_modules skipped', async () => {
    const listing = await browseFolders(root);
    expect(FolderListing.parse(listing)).toEqual(listing);
    expect(listing.dir).toBe(root);
    expect(listing.entries.map((e) => e.name)).toEqual(['Alpha', 'beta', 'core', 'hub', 'link-to-hub', 'nested', 'plain', 'svc2', 'svc10', 'tmpl-only']);
    for (const e of listing.entries) expect(e.path).toBe(join(root, e.name));
    expect(listing.truncated).toBeUndefined();
  });

  it('flags what each sub-directory holds, from file names only', async () => {
    const { entries } = await browseFolders(root);
    const by = (name: string) => entries.find((e) => e.name === name);
    expect(by('hub')).toMatchObject({ hasWorkspace: false, hasCompose: true, hasEnv: true });
    expect(by('link-to-hub')).toMatchObject({ hasWorkspace: false, hasCompose: true, hasEnv: true });
    expect(by('core')).toMatchObject({ hasWorkspace: true, hasCompose: true, hasEnv: true });
    expect(by('tmpl-only')).toMatchObject({ hasWorkspace: false, hasCompose: false, hasEnv: false });
    expect(by('nested')).toMatchObject({ hasWorkspace: false, hasCompose: false, hasEnv: false });
    expect(by('plain')).toMatchObject({ hasWorkspace: false, hasCompose: false, hasEnv: false });
    expect(JSON.stringify(await browseFolders(root))).not.toContain(SECRET);
  });

  it('reports the keyhive.yaml of the folder itself, and the parent folder', async () => {
    const listing = await browseFolders(root);
    expect(listing.workspaceFile).toBe(join(root, 'keyhive.yaml'));
    expect(listing.parent).toBe(join(root, '..'));
    const hub = await browseFolders(join(root, 'hub'));
    expect(hub.workspaceFile).toBeNull();
    expect(hub.entries).toEqual([]);
    expect(hub.parent).toBe(root);
  });

  it('resolves the path: dot segments, symbolic links, relative to home, ~', async () => {
    expect((await browseFolders(join(root, 'hub', '..', 'core'))).dir).toBe(join(root, 'core'));
    expect((await browseFolders(join(root, 'link-to-hub'))).dir).toBe(join(root, 'hub'));
    expect((await browseFolders('core', { home: root })).dir).toBe(join(root, 'core'));
    expect((await browseFolders('~/hub', { home: root })).dir).toBe(join(root, 'hub'));
  });

  it("starts in the user's home directory when no folder is given", async () => {
    expect((await browseFolders(undefined)).dir).toBe(await realpath(homedir()));
    expect((await browseFolders(undefined, { home: root })).dir).toBe(root);
    expect((await browseFolders('  ', { home: root })).dir).toBe(root);
  });

  it('has no parent at the file-system root', async () => {
    const top = await browseFolders('/');
    expect(top.dir).toBe('/');
    expect(top.parent).toBeNull();
    expect(top.entries.some((e) => e.name === 'tmp')).toBe(true);
  });

  it('caps the listing and says so', async () => {
    // Its own folder: the shared root's listing stays as the other tests expect, in any order.
    const many = await mkdtemp(join(tmpdir(), 'keyhive-browse-many-'));
    try {
      for (let i = 0; i < 7; i++) await mkdir(join(many, `d${i}`));
      const listing = await browseFolders(many, { limit: 5 });
      expect(listing.entries.map((e) => e.name)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
      expect(listing.truncated).toBe(true);
    } finally {
      await rm(many, { recursive: true, force: true });
    }
  });

  it('refuses a missing folder with NOT_FOUND and the fix', async () => {
    const e = await expectError(browseFolders(join(root, 'nope')), 'NOT_FOUND');
    expect(e.message).toContain(join(root, 'nope'));
    await expectError(browseFolders(join(root, 'dangling')), 'NOT_FOUND');
  });

  it('refuses a file with BAD_INPUT', async () => {
    await expectError(browseFolders(join(root, 'README.md')), 'BAD_INPUT');
  });

  it.skipIf(asRoot && !existsSync(SETPRIV))('refuses an unreadable folder with FILE_PERMISSION (and lists it as an empty folder from its parent)', async () => {
    const parent = join(root, 'perm');
    const locked = join(parent, 'locked');
    await mkdir(locked, { recursive: true });
    await chmod(root, 0o755);
    await chmod(locked, 0o000);
    try {
      if (!asRoot) {
        await expectError(browseFolders(locked), 'FILE_PERMISSION');
        expect((await browseFolders(parent)).entries).toEqual([{ name: 'locked', path: locked, hasWorkspace: false, hasCompose: false, hasEnv: false }]);
        return;
      }
      // root reads everything: ask the same question as an unprivileged user (nobody).
      const out = await asNobody(`
        const { browseFolders } = await import(${JSON.stringify(join(process.cwd(), 'electron/app/workspace/browse-folders.ts'))});
        const error = await browseFolders(${JSON.stringify(locked)}).then(() => null, (e) => ({ code: e.code, fix: e.fix }));
        const listing = await browseFolders(${JSON.stringify(parent)});
        console.log(JSON.stringify({ error, entries: listing.entries }));`);
      expect(out.error).toEqual({ code: 'FILE_PERMISSION', fix: expect.stringContaining(locked) });
      expect(out.entries).toEqual([{ name: 'locked', path: locked, hasWorkspace: false, hasCompose: false, hasEnv: false }]);
    } finally {
      await chmod(locked, 0o755);
      await rm(parent, { recursive: true, force: true }); // leave the shared root as the other tests expect
    }
  });
});

describe('pickFolder', () => {
  it('returns the native choice, or null when cancelled', async () => {
    expect(await pickFolder({ pickFolder: async () => '/home/dev/code' })).toEqual({ dir: '/home/dev/code' });
    expect(await pickFolder({ pickFolder: async () => null })).toEqual({ dir: null });
  });

  it('refuses where there is no native picker (web mode, CLI)', async () => {
    const e = await expectError(pickFolder(undefined), 'BAD_INPUT');
    expect(e.message).toBe('A native folder picker exists only in the desktop app.');
    expect(e.fix).toBe('Choose the folder in the list instead.');
  });
});

describe('through the app service', () => {
  it('answers workspace.browse with a validated listing, and errors as payloads with the fix', async () => {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'keyhive-browse-svc-')));
    await mkdir(join(root, 'api'));
    await writeFile(join(root, 'api', '.env'), `API_KEY=${SECRET}\n`);
    const svc = createKeyhiveService({ store: new MemorySecretStore(), dataDir: join(root, '.data') });
    try {
      const ok = await svc.invoke('workspace.browse', { dir: root });
      expect(ok).toEqual({ ok: true, value: { dir: root, parent: join(root, '..'), workspaceFile: null, entries: [{ name: 'api', path: join(root, 'api'), hasWorkspace: false, hasCompose: false, hasEnv: true }] } });
      expect(JSON.stringify(ok)).not.toContain(SECRET);
      const missing = await svc.invoke('workspace.browse', { dir: join(root, 'nope') });
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fix: expect.any(String) } });
      expect(await svc.invoke('workspace.browse', { dir: '' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(await svc.invoke('workspace.pickFolder', {})).toEqual({
        ok: false,
        error: { code: 'BAD_INPUT', message: 'A native folder picker exists only in the desktop app.', fix: 'Choose the folder in the list instead.' },
      });
    } finally {
      await svc.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  it('answers workspace.pickFolder from the FolderPicker port when one is given', async () => {
    const answers: Array<string | null> = ['/home/dev/code/hive', null];
    const svc = createKeyhiveService({ store: new MemorySecretStore(), dataDir: await mkdtemp(join(tmpdir(), 'keyhive-pick-')), folderPicker: { pickFolder: async () => answers.shift() ?? null } });
    try {
      expect(await svc.invoke('workspace.pickFolder', {})).toEqual({ ok: true, value: { dir: '/home/dev/code/hive' } });
      expect(await svc.invoke('workspace.pickFolder', {})).toEqual({ ok: true, value: { dir: null } });
    } finally {
      await svc.close();
    }
  });
});
