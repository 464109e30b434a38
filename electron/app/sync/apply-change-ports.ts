/**
 * Wiring for the operations (apply-change, rotate, recover, doctor): an open workspace session
 * plus the service controller, as the OperationPorts those use cases need. The CLI and the app
 * service open one per command / per workspace.
 */
import type { ContextOptions } from '../context/shell-context.js';
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
    editValues: (req) => session.editValues(req),
    undo: (id) => session.undo(id),
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
  /** The shell's context (the clock is the system clock when a test leaves it out), and how services are controlled. */
  opts: ContextOptions & { services?: ServiceControlOptions },
): Promise<OpenedOperation> {
  const controller = createServiceController(opts.services);
  const { services: _services, ...context } = opts;
  const session = await openSession(file, { ...context, runtime: controller });
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
