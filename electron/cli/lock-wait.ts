/**
 * How a CLI change waits for another one holding the workspace: it says for whom it waits (on
 * stderr), and gives up after KEYHIVE_LOCK_WAIT_SECONDS (default 120 s) with LOCKED naming the
 * holder. 0 fails at once.
 */
import type { LockHolder } from '../../shared/lock.js';
import { KeyhiveError } from '../../shared/errors.js';

export const LOCK_WAIT_ENV = 'KEYHIVE_LOCK_WAIT_SECONDS';

/** The line a change prints while another one holds the workspace. */
export const waitingFor = (h: LockHolder): string => `waiting for ${h.operation} ${h.operationId} (pid ${h.pid} on ${h.host}, since ${h.since}) to finish…`;

export function cliLockOptions(env: NodeJS.ProcessEnv = process.env): { lockWaitMs?: number; onLockWait: (h: LockHolder) => void } {
  const raw = env[LOCK_WAIT_ENV];
  const onLockWait = (h: LockHolder): void => void process.stderr.write(waitingFor(h) + '\n');
  if (raw === undefined || raw === '') return { onLockWait };
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new KeyhiveError('BAD_INPUT', `${LOCK_WAIT_ENV} must be a number of seconds (0 or more).`, { fix: `e.g. ${LOCK_WAIT_ENV}=30` });
  }
  return { lockWaitMs: Math.round(seconds * 1000), onLockWait };
}
