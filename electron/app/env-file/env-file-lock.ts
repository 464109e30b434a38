/**
 * `keyhive env set|unset FILE` edits one .env file; when that file belongs to a workspace (one
 * of its services' env files), the edit is a change of that workspace like any other: it takes
 * the workspace's one lock (waiting for a sync or rotation in progress, and refusing while a
 * crashed change is unrecovered). A loose file outside any workspace needs no lock.
 */
import { dirname, resolve } from 'node:path';
import { systemClock } from '../../../shared/clock.js';
import type { ContextOptions } from '../context/shell-context.js';
import { workspaceKeyFor } from '../../adapters/fs/workspace-identity.js';
import { DEFAULT_LOCK_WAIT_MS, withWorkspaceLock } from '../../adapters/fs/workspace-lock.js';
import { findWorkspaceFile, loadWorkspace } from '../../adapters/workspace/load-workspace.js';
import { newOperationId } from '../operation-id.js';
import { RotationJournal } from '../../adapters/fs/rotation-journal.js';
import { assertNothingPending } from '../sync/run-change.js';

/** The shell's data dir, clock and lock wait. */
export type EnvFileLockOptions = Pick<ContextOptions, 'dataDir' | 'clock' | 'lockWaitMs' | 'onLockWait'>;

/** The workspace file a .env file belongs to (null: a loose file, or a workspace that does not load). */
export async function owningWorkspace(file: string): Promise<{ file: string; id: string } | null> {
  const abs = resolve(file);
  const wsFile = await findWorkspaceFile(dirname(abs));
  if (!wsFile) return null;
  const ws = await loadWorkspace(wsFile).catch(() => null);
  if (!ws) return null;
  const bound = [...ws.services.values()].some((s) => s.envFiles.includes(abs));
  return bound ? { file: ws.file, id: ws.config.id } : null;
}

export async function withEnvFileLock<T>(file: string, fn: () => Promise<T>, opts: EnvFileLockOptions): Promise<T> {
  const owner = await owningWorkspace(file);
  if (!owner) return fn();
  const { dataDir } = opts;
  const key = await workspaceKeyFor(dataDir, owner.id, owner.file);
  const clock = opts.clock ?? systemClock;
  return withWorkspaceLock(dataDir, key, { operation: 'env-set', operationId: newOperationId('env-set', clock) }, fn, {
    waitMs: opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    ...(opts.onLockWait ? { onWait: opts.onLockWait } : {}),
    now: clock,
    onAcquired: () => assertNothingPending(new RotationJournal(dataDir), key),
  });
}
