/**
 * Who holds a workspace's one lock: named in the wait a change shows ("waiting for sync … pid …")
 * and in the LOCKED error when the wait runs out. Written by electron/adapters/fs/workspace-lock.ts.
 */
export interface LockHolder {
  pid: number;
  host: string;
  operation: string;
  operationId: string;
  /** ISO time the holder took the lock. */
  since: string;
}
