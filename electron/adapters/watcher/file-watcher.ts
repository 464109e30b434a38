/**
 * Watches a set of files for content changes, the way editors really save them.
 *   - One fs.watch per DIRECTORY, never per file: editors replace a file by writing a temp file
 *     and renaming it over the original, which orphans a per-file watch.
 *   - Each watched directory's parent is watched too, so deleting and re-creating the directory
 *     is noticed and the watch re-attached (the directory's inode is compared); a directory that
 *     does not exist yet is picked up when it appears.
 *   - No fixed debounce: the first event re-reads the file at once and the rest of a burst is
 *     absorbed by comparing content hashes (content-tracker.ts); a file seen missing or empty
 *     mid-save is held until its next event, or reported after `settleMs` when none comes.
 *   - Listeners get the paths whose content changed (created, edited or deleted) — never bytes.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { createContentTracker } from './content-tracker.js';

export { contentHash } from './content-tracker.js';

export interface FileWatcherOptions {
  /**
   * How long a file found missing or empty must stay so, with no further event, before that is
   * reported (default 100 ms, chokidar's `atomic` window). Never delays an ordinary edit.
   */
  settleMs?: number;
  /** Called with a plain-words message when a directory cannot be watched (never throws). */
  onWarning?: (message: string) => void;
}

export interface FileWatcher {
  /** Replace the set of watched files (e.g. after keyhive.yaml changed). */
  setFiles(paths: string[]): Promise<void>;
  /**
   * The content hash last reported for a watched file (null: missing), as of the listener call
   * that reported it; undefined for a file not watched.
   */
  hashOf(path: string): string | null | undefined;
  /** Resolves once no read is running and no missing/empty file is held (a settled state). */
  idle(): Promise<void>;
  close(): void;
}

export const DEFAULT_SETTLE_MS = 100;

interface DirWatch {
  watcher: FSWatcher | null;
  parentWatcher: FSWatcher | null;
  ino: number | null;
  /** Attaches run one after another, so two never race to create two watchers. */
  attaching: Promise<boolean>;
}

export async function watchFiles(paths: string[], onChange: (changed: string[]) => void, opts: FileWatcherOptions = {}): Promise<FileWatcher> {
  const warn = opts.onWarning ?? (() => undefined);
  const dirs = new Map<string, DirWatch>();
  let closed = false;

  const tracker = createContentTracker({
    settleMs: opts.settleMs ?? DEFAULT_SETTLE_MS,
    onChange: (changed) => {
      try {
        onChange(changed);
      } catch (e) {
        warn(`A watch listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    // The file's directory may have been deleted or replaced: check the watch is still on it.
    onMissing: (p) => void reattach(dirname(p)),
  });

  const filesIn = (dir: string): string[] => tracker.paths().filter((p) => dirname(p) === dir);
  const touchDir = (dir: string): void => {
    for (const p of filesIn(dir)) tracker.touch(p);
  };

  const closeWatch = (w: FSWatcher | null): void => {
    try {
      w?.close();
    } catch {
      /* already closed */
    }
  };

  const tryWatch = (dir: string, listener: (name: string | null) => void): FSWatcher | null => {
    try {
      const w = watch(dir, { persistent: true }, (_event, name) => listener(name === null ? null : String(name)));
      w.on('error', () => {
        closeWatch(w);
        const d = dirs.get(dir);
        if (d && d.watcher === w) d.watcher = null;
        markDir(dir);
      });
      return w;
    } catch {
      return null;
    }
  };

  /** (Re-)attach the watch on a directory and on its parent; true when a new watch was set up. */
  const attachNow = async (dir: string, d: DirWatch): Promise<boolean> => {
    let ino: number | null = null;
    try {
      const s = await stat(dir);
      ino = s.isDirectory() ? s.ino : null;
    } catch {
      ino = null;
    }
    if (closed || dirs.get(dir) !== d) return false;
    if (!d.parentWatcher) {
      // The parent tells us when the directory itself is deleted, replaced or created.
      const parent = dirname(dir);
      d.parentWatcher = parent === dir ? null : tryWatch(parent, (name) => {
        if (name === null || name === basename(dir)) markDir(dir);
      });
    }
    if (d.watcher && ino === d.ino) return false;
    closeWatch(d.watcher);
    d.watcher = null;
    d.ino = ino;
    if (ino === null) return false;
    d.watcher = tryWatch(dir, (name) => {
      if (name === null) return markDir(dir);
      const p = `${dir}/${name}`.replace(/\/+/g, '/');
      if (tracker.has(p)) tracker.touch(p);
    });
    if (!d.watcher) warn(`Cannot watch ${dir}; changes there are only seen on the next status.`);
    return d.watcher !== null;
  };

  const attach = (dir: string): Promise<boolean> => {
    if (closed) return Promise.resolve(false);
    let d = dirs.get(dir);
    if (!d) {
      d = { watcher: null, parentWatcher: null, ino: null, attaching: Promise.resolve(false) };
      dirs.set(dir, d);
    }
    const entry = d;
    entry.attaching = entry.attaching.then(() => attachNow(dir, entry));
    return entry.attaching;
  };

  /** Re-attach if the directory changed; a new watch may have missed edits: re-read its files. */
  const reattach = async (dir: string): Promise<void> => {
    if (dirs.has(dir) && (await attach(dir))) touchDir(dir);
  };

  /** Something happened to the directory itself (or we cannot tell which file): re-read all. */
  const markDir = (dir: string): void => {
    touchDir(dir);
    void reattach(dir);
  };

  const setFiles = async (next: string[]): Promise<void> => {
    await tracker.set(next);
    const wantedDirs = new Set(next.map((p) => dirname(p)));
    for (const [dir, d] of dirs) {
      if (wantedDirs.has(dir)) continue;
      closeWatch(d.watcher);
      closeWatch(d.parentWatcher);
      dirs.delete(dir);
    }
    for (const dir of wantedDirs) await attach(dir);
  };

  await setFiles(paths);

  return {
    setFiles,
    hashOf: (p) => tracker.hashOf(p),
    idle: () => tracker.idle(),
    close() {
      closed = true;
      tracker.close();
      for (const d of dirs.values()) {
        closeWatch(d.watcher);
        closeWatch(d.parentWatcher);
      }
      dirs.clear();
    },
  };
}
