/**
 * `keyhive web` end to end: build the UI if needed, start the app service on the workspace,
 * serve it on 127.0.0.1, print the tokened URL once, optionally open the browser, and stop
 * cleanly on Ctrl-C (SIGINT) or SIGTERM — closing event streams, the server and the session.
 */
import { describeError } from '../../shared/errors.js';
import type { ContextOptions } from '../app/context/shell-context.js';
import { createKeyhiveService } from '../app/keyhive-service.js';
import { ensureUiBuild, openBrowser } from '../app/ui/ui-assets.js';
import { startWebServer, type RunningWebServer } from './web-server.js';

export interface WebModeOptions {
  /** The shell's context (the CLI's, for `keyhive web`). */
  context: ContextOptions;
  projectRoot: string;
  workspaceFile?: string;
  port: number;
  open: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the server should stop; defaults to the first SIGINT/SIGTERM. */
  untilStopped?: (server: RunningWebServer) => Promise<void>;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runWebMode(opts: WebModeOptions): Promise<void> {
  const rendererDir = await ensureUiBuild(opts.projectRoot, opts.err, 'renderer');
  const service = createKeyhiveService({ ...opts.context, ...(opts.workspaceFile ? { workspaceFile: opts.workspaceFile } : {}) });
  try {
    await service.start();
  } catch (e) {
    // The page shows the same problem and lets the user open another workspace.
    opts.err(describeError(e));
  }
  let server: RunningWebServer;
  try {
    server = await startWebServer({ service, rendererDir, port: opts.port });
  } catch (e) {
    await service.close();
    throw e;
  }
  opts.out(`Keyhive web UI: ${server.url}`);
  opts.out('Listening on 127.0.0.1 only. The link carries a single-use session token: it signs in one browser, then works for that browser only. Ctrl-C stops.');
  if (opts.open && !(await openBrowser(server.url))) {
    opts.out('No browser opener found (xdg-open/open/start): open the URL above yourself.');
  }
  await (opts.untilStopped ?? untilSignal)(server);
  await server.close();
  await service.close();
  opts.out('Keyhive web stopped.');
}
