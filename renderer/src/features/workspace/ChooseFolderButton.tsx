/**
 * "Choose folder…": the desktop app asks the native picker (`workspace.pickFolder`), web mode
 * opens the directory chooser. Then the folder becomes a workspace: opened when it already has
 * a keyhive.yaml, created (`workspace.init`) otherwise.
 */
import { useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { useApiClient } from '../../api/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useApp } from '../../stores/store-context.js';
import { FolderChooser, type ChosenFolder } from './FolderChooser.js';

export function ChooseFolderButton() {
  const { api, transport } = useApiClient();
  const initWorkspace = useApp((s) => s.initWorkspace);
  const openWorkspace = useApp((s) => s.openWorkspace);
  const [chooserOpen, setChooserOpen] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  const adoptFolder = (folder: ChosenFolder): Promise<ErrorPayload | null> =>
    folder.workspaceFile ? openWorkspace(folder.workspaceFile) : initWorkspace(folder.dir);

  const pickNative = async () => {
    setBusy(true);
    setError(null);
    try {
      const picked = await api.invoke('workspace.pickFolder', {});
      if (!picked.ok) return setError(picked.error);
      if (picked.value.dir === null) return; // cancelled
      // Whether it already holds a keyhive.yaml decides between open and create.
      const listing = await api.invoke('workspace.browse', { dir: picked.value.dir });
      const folder = listing.ok ? { dir: listing.value.dir, workspaceFile: listing.value.workspaceFile } : { dir: picked.value.dir, workspaceFile: null };
      setError(await adoptFolder(folder));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="choose-folder">
      <button
        type="button"
        className="button button-primary"
        disabled={busy}
        onClick={() => (transport === 'desktop' ? void pickNative() : setChooserOpen(true))}
      >
        {busy ? 'Working…' : 'Choose folder…'}
      </button>
      {error && <ErrorNotice error={error} />}
      {chooserOpen && <FolderChooser onChoose={adoptFolder} onClose={() => setChooserOpen(false)} />}
    </div>
  );
}
