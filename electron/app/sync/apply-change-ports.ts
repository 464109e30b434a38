/**
 * Wiring for the operations (apply-change, rotate, recover, doctor): an open workspace session
 * plus the service controller, as the OperationPorts those use cases need. The CLI and the app
 * service open one per command / per workspace.
 */
import type { LockHolder } from '../../adapters/fs/workspace-lock.js';
import type { Clock } from '../../../shared/clock.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';
import type { ServiceController } from '../../core/services/runtime.js';
import type { OperationPorts } from './apply-change.js';
import { createServiceController, type ModeServiceController, type ServiceControlOptions } from '../services/service-control.js';
import { openSession, type WorkspaceSession } from '../workspace-session.js';

/** The ports of an open session (the workspace is read live, so a reloaded keyhive.yaml is seen). */
export function portsOf(session: WorkspaceSession, controller: ServiceController | null): OperationPorts {
  return {
    get workspace() {
      return session.workspace;
    },
    store: session.store,
    sync: (secret, from, o) => session.sync(secret, from, o),
    lock: session.lock,
    changes: session.changes,
    status: () => session.status(),
    activity: session.activity,
    clock: session.clock,
    controller,
  };
}

export interface OpenedOperation {
  session: WorkspaceSession;
  controller: ModeServiceController;
  ports: OperationPorts;
  dataDir: string;
  close(): Promise<void>;
}

/** Opens a session with service control (the running env feeds status: stale containers show). */
export async function openOperation(
  file: string,
  opts: { store?: SecretStore; dataDir?: string; services?: ServiceControlOptions; clock?: Clock; lockWaitMs?: number; onLockWait?: (holder: LockHolder) => void } = {},
): Promise<OpenedOperation> {
  const controller = createServiceController(opts.services);
  const session = await openSession(file, {
    ...(opts.store ? { store: opts.store } : {}),
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.lockWaitMs !== undefined ? { lockWaitMs: opts.lockWaitMs } : {}),
    ...(opts.onLockWait ? { onLockWait: opts.onLockWait } : {}),
    runtime: controller,
  });
  return {
    session,
    controller,
    ports: portsOf(session, controller),
    dataDir: session.dataDir,
    async close() {
      await session.close();
      await controller.close();
    },
  };
}
