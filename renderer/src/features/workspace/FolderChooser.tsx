/**
 * Web mode's directory chooser (the page cannot open a native picker): a breadcrumb of the
 * current folder, Up, and a keyboard-navigable list of its sub-directories with badges for what
 * each holds. Arrow keys / Home / End move, Enter or a double-click goes in, Backspace goes up.
 * The engine lists folder names only (`workspace.browse`), never file contents.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FolderListing, Result } from '../../../../shared/api.js';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { useApiClient } from '../../api/context.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

/** What the user chose: a folder, and its keyhive.yaml when it already has one. */
export interface ChosenFolder {
  dir: string;
  workspaceFile: string | null;
}

/** `/home/dev/code` → `/`, `/home`, `/home/dev`, `/home/dev/code` (and `C:\` style paths alike). */
export function breadcrumbOf(dir: string): Array<{ label: string; path: string }> {
  const sep = dir.includes('/') || !dir.includes('\\') ? '/' : '\\';
  const parts = dir.split(sep).filter((p, i) => p !== '' || i === 0);
  const crumbs: Array<{ label: string; path: string }> = [];
  let path = '';
  parts.forEach((part, i) => {
    if (i === 0) {
      path = part + sep;
      crumbs.push({ label: part === '' ? sep : part, path });
      return;
    }
    path = i === 1 ? path + part : path + sep + part;
    crumbs.push({ label: part, path });
  });
  return crumbs;
}

export function FolderChooser({ onChoose, onClose }: { onChoose(folder: ChosenFolder): Promise<ErrorPayload | null>; onClose(): void }) {
  const { api } = useApiClient();
  const listId = useId();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const loaded = listing !== null;

  const request = useRef(0);

  /** Shows a listing (only the newest one asked for), selecting `select` when it is there. */
  const show = useCallback((r: Result<FolderListing>, select?: string) => {
    if (!r.ok) return setError(r.error);
    setError(null);
    setListing(r.value);
    setActive(Math.max(0, r.value.entries.findIndex((e) => e.path === select)));
  }, []);
  const go = (dir: string, select?: string) => {
    const mine = ++request.current;
    void api.invoke('workspace.browse', { dir }).then((r) => mine === request.current && show(r, select));
  };
  // Start in the user's home directory (the engine's default).
  useEffect(() => {
    let live = true;
    const mine = ++request.current;
    void api.invoke('workspace.browse', {}).then((r) => live && mine === request.current && show(r));
    return () => {
      live = false;
    };
  }, [api, show]);
  // The list is where the keyboard works: focus it once the first folder is shown.
  useEffect(() => {
    if (loaded) listRef.current?.focus();
  }, [loaded]);

  const entries = listing?.entries ?? [];
  const current = entries[Math.min(active, entries.length - 1)];
  const goUp = () => {
    if (listing?.parent) go(listing.parent, listing.dir); // the folder we came from stays selected
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const last = entries.length - 1;
    const move: Record<string, number> = { ArrowDown: Math.min(active + 1, last), ArrowUp: Math.max(active - 1, 0), Home: 0, End: last };
    if (e.key in move && entries.length > 0) {
      e.preventDefault();
      setActive(move[e.key]!);
      document.getElementById(`${listId}-${move[e.key]}`)?.scrollIntoView?.({ block: 'nearest' });
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      go(current.path);
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      goUp();
    }
  };
  const choose = async () => {
    if (!listing) return;
    setBusy(true);
    const err = await onChoose({ dir: listing.dir, workspaceFile: listing.workspaceFile });
    setBusy(false);
    if (err) setError(err);
  };

  return (
    <Dialog title="Choose a folder" onClose={onClose}>
      <nav aria-label="Current folder" className="folder-crumbs">
        {listing &&
          breadcrumbOf(listing.dir).map((c, i, all) =>
            i === all.length - 1 ? (
              <span key={c.path} aria-current="location" className="folder-crumb-current">
                {c.label}
              </span>
            ) : (
              <button key={c.path} type="button" className="link-button" onClick={() => go(c.path)}>
                {c.label}
              </button>
            ),
          )}
      </nav>
      <div className="toolbar">
        <button type="button" className="button button-small" onClick={goUp} disabled={!listing?.parent}>
          Up
        </button>
        {listing?.workspaceFile && <span className="badge state-in-sync">This folder has a keyhive.yaml</span>}
      </div>
      <ul
        ref={listRef}
        role="listbox"
        tabIndex={0}
        data-autofocus
        className="folder-list"
        aria-label={listing ? `Folders in ${listing.dir}` : 'Folders'}
        aria-activedescendant={current ? `${listId}-${entries.indexOf(current)}` : undefined}
        onKeyDown={onKeyDown}
      >
        {entries.map((e, i) => (
          <li
            key={e.path}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={e === current}
            className="folder-item"
            onClick={() => setActive(i)}
            onDoubleClick={() => go(e.path)}
          >
            <span className="folder-name">{e.name}</span>
            {e.hasWorkspace && <span className="badge state-in-sync">keyhive.yaml</span>}
            {e.hasCompose && <span className="badge">compose</span>}
            {e.hasEnv && <span className="badge">.env</span>}
          </li>
        ))}
      </ul>
      {listing && entries.length === 0 && <p className="muted">No sub-folders here.</p>}
      {listing?.truncated && <p className="muted">Showing the first {entries.length} folders.</p>}
      {error && <ErrorNotice error={error} />}
      {!listing && error && (
        <button type="button" className="button button-small" onClick={() => go('/')}>
          Start at the top folder (/)
        </button>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" disabled={!listing || busy} onClick={() => void choose()}>
          {busy ? 'Working…' : listing?.workspaceFile ? 'Open workspace' : 'Use this folder'}
        </button>
      </div>
    </Dialog>
  );
}
