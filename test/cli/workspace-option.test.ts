import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveWorkspaceFile, withWorkspaceOptions } from '../../electron/cli/workspace-option.js';

describe('resolveWorkspaceFile', () => {
  let dir: string;
  const cwd = process.cwd();
  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'kh-ws-option-')));
  });
  afterEach(async () => {
    process.chdir(cwd);
    await rm(dir, { recursive: true, force: true });
  });

  it('finds keyhive.yaml in the current folder or any folder above it', async () => {
    await writeFile(join(dir, 'keyhive.yaml'), 'name: x\n');
    await mkdir(join(dir, 'svc', 'deep'), { recursive: true });
    process.chdir(join(dir, 'svc', 'deep'));
    expect(await resolveWorkspaceFile({})).toBe(join(dir, 'keyhive.yaml'));
  });

  it('takes --workspace as given, and names the path and the fix when it does not exist', async () => {
    await writeFile(join(dir, 'other.yaml'), 'name: x\n');
    expect(await resolveWorkspaceFile({ workspace: join(dir, 'other.yaml') })).toBe(join(dir, 'other.yaml'));
    await expect(resolveWorkspaceFile({ workspace: join(dir, 'nope.yaml') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      file: join(dir, 'nope.yaml'),
      fix: expect.stringContaining('--workspace'),
    });
  });

  it('without a workspace anywhere above, says how to make one or try the demo', async () => {
    process.chdir(dir);
    await expect(resolveWorkspaceFile({})).rejects.toMatchObject({ code: 'NOT_FOUND', fix: expect.stringContaining('--demo') });
  });

  it('adds --workspace and --demo to a command', () => {
    const cmd = withWorkspaceOptions(new Command('x'));
    expect(cmd.options.map((o) => o.long)).toEqual(['--workspace', '--demo']);
  });
});
