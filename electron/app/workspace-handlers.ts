/** The workspace channels: which one is open, open another, create one, switch the run mode, choose a folder. */
import type { ApiHandlers } from '../../shared/api.js';
import { toErrorPayload } from '../../shared/errors.js';
import { browseFolders, pickFolder, type FolderPicker } from './workspace/browse-folders.js';
import { initWorkspace } from './workspace/init-workspace.js';
import { setRunMode } from './workspace/set-run-mode.js';
import type { SessionHolder } from './session-holder.js';

type WorkspaceChannels = 'workspace.current' | 'workspace.open' | 'workspace.init' | 'workspace.setRunMode' | 'workspace.browse' | 'workspace.pickFolder';

/** `picker`: the desktop's native folder chooser; absent in web mode and the CLI. */
export function workspaceHandlers(sessions: SessionHolder, picker?: FolderPicker): Pick<ApiHandlers, WorkspaceChannels> {
  return {
    'workspace.current': async () => {
      const problem = sessions.currentProblem();
      return { file: sessions.currentFile(), ...(problem !== null && problem !== undefined ? { problem: toErrorPayload(problem) } : {}) };
    },
    'workspace.open': async ({ file }) => (await sessions.open(file)).session.status(),
    'workspace.init': async ({ dir, preset }) => {
      const created = await initWorkspace({ dir, ...(preset ? { preset } : {}) });
      const ws = await sessions.open(created.file);
      return { file: created.file, status: await ws.session.status() };
    },
    'workspace.setRunMode': async ({ runMode }) => {
      const ws = await sessions.get();
      const file = ws.session.workspace.file;
      await setRunMode(file, runMode);
      // Reopen so services, URLs and probes follow the new mode at once.
      return (await sessions.open(file)).session.status();
    },
    'workspace.browse': async ({ dir }) => browseFolders(dir),
    'workspace.pickFolder': async () => pickFolder(picker),
  };
}
