/** The workspace channels: which one is open, open another, create one, switch the run mode. */
import type { ApiHandlers } from '../../shared/api.js';
import { notYetAvailable, type SessionHolder } from './session-holder.js';

type WorkspaceChannels = 'workspace.current' | 'workspace.open' | 'workspace.init' | 'workspace.setRunMode';

export function workspaceHandlers(sessions: SessionHolder): Pick<ApiHandlers, WorkspaceChannels> {
  return {
    'workspace.current': async () => ({ file: sessions.currentFile() }),
    'workspace.open': async ({ file }) => (await sessions.open(file)).session.status(),
    'workspace.init': async () => {
      throw notYetAvailable('Creating a workspace');
    },
    'workspace.setRunMode': async () => {
      throw notYetAvailable('Switching the run mode');
    },
  };
}
