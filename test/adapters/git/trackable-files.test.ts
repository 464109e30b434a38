/**
 * Which env files git would track, asked of a real repository in one git call: tracked ones
 * (even when an ignore rule matches them now), untracked ones no rule ignores; not the ones a
 * .gitignore, an ignored folder or .git/info/exclude keeps out, nor missing untracked ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trackableFiles } from '../../../electron/adapters/git/repo-facts.js';
import { gitIn } from '../../app/scan/git-fixture.js';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('trackableFiles', () => {
  it('tracked or not ignored, in one call', async () => {
    root = mkdtempSync(join(tmpdir(), 'kh-trackable-'));
    const git = gitIn(root);
    await git.init();
    await git.write('tracked/.env', 'A=1\n');
    git.commit('add', 'tracked/.env');
    await git.write('.gitignore', 'tracked/.env\nignored/.env\nhidden/\n');
    await git.write('ignored/.env', 'A=1\n');
    await git.write('hidden/deep/.env', 'A=1\n');
    await git.write('excluded/.env', 'A=1\n');
    await writeFile(join(root, '.git/info/exclude'), 'excluded/.env\n');
    await git.write('open/.env', 'A=1\n');
    await git.write('open/sub dir/.env.local', 'A=1\n');
    const abs = (rel: string) => join(root, rel);
    const all = ['tracked/.env', 'ignored/.env', 'hidden/deep/.env', 'excluded/.env', 'open/.env', 'open/sub dir/.env.local', 'missing/.env'].map(abs);
    expect([...(await trackableFiles(root, all))].sort()).toEqual(['open/.env', 'open/sub dir/.env.local', 'tracked/.env'].map(abs).sort());
    expect(await trackableFiles(root, [])).toEqual(new Set());
  });
});
