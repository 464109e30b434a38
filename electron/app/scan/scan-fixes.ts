/**
 * The leak guard's one-click fixes (the Leaks panel's buttons and `keyhive scan --fix`): add a
 * bound env file to the `.gitignore` of its repository, and write or refresh a service's
 * `.env.example` with placeholders. Both are atomic writes that change only what they must.
 * (Rotating a leaked secret is the existing `secret.rotate` use case.)
 */
import path from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import { addGitignoreEntry, ENV_EXAMPLE_NAME, refreshEnvExample } from '../../core/scan/env-example.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { createFileAtomic, writeFileAtomic } from '../../adapters/fs/safe-file.js';
import { repoRoot } from '../../adapters/git/git-cli.js';
import { readBytesOrNull } from '../../adapters/fs/file-facts.js';
import { boundEnvFiles } from './managed-values.js';

const readOrNull = readBytesOrNull;

/** Replace the file atomically when its bytes are still `before`, or create it when there was none. */
async function save(file: string, before: Buffer | null, text: string | Uint8Array): Promise<void> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  if (before === null) await createFileAtomic(file, bytes, { mode: 0o644 });
  else await writeFileAtomic(file, bytes, { expected: before });
}

/** `file` (absolute, or relative to the workspace root) must be a bound env file. */
export async function ignoreEnvFile(workspace: Workspace, file: string): Promise<{ gitignore: string; changed: boolean }> {
  const abs = path.resolve(workspace.root, file);
  if (!boundEnvFiles(workspace).has(abs)) {
    throw new KeyhiveError('BAD_INPUT', `${file} is not an env file of this workspace's bindings.`, { fix: 'Pick a file from the scan\'s unignored-env findings.' });
  }
  const repo = (await repoRoot(path.dirname(abs))) ?? path.dirname(abs);
  const gitignore = path.join(repo, '.gitignore');
  const entry = path.relative(repo, abs).split(path.sep).join('/');
  const before = await readOrNull(gitignore);
  const next = addGitignoreEntry(before?.toString('utf8') ?? null, `/${entry}`);
  if (next === null) return { gitignore, changed: false };
  await save(gitignore, before, next);
  return { gitignore, changed: true };
}

export async function writeEnvExample(workspace: Workspace, service: string): Promise<{ file: string }> {
  const svc = workspace.services.get(service);
  if (!svc) throw new KeyhiveError('NOT_FOUND', `No service "${service}" in the workspace.`, { file: workspace.file, fix: `Use one of: ${[...workspace.services.keys()].join(', ')}.` });
  const bound = Object.entries(workspace.config.secrets).flatMap(([secret, cfg]) => cfg.bindings.filter((b) => b.service === service).map((b) => ({ var: b.var, secret })));
  const file = path.join(svc.dir, ENV_EXAMPLE_NAME);
  const before = await readOrNull(file);
  await save(file, before, refreshEnvExample(before?.toString('utf8') ?? null, bound));
  return { file };
}
