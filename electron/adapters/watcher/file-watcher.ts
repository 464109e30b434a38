/**
 * Watches a set of files for content changes, the way editors really save them.
 *   - One fs.watch per DIRECTORY, never per file: editors replace a file by writing a temp file
 *     and renaming it over the original, which orphans a per-file watch.
 *   - Each watched directory's parent is watched too, so deleting and re-creating the directory
 *     is noticed and the watch re-attached; a directory that does not exist yet is picked up
 *     when it appears.
 *   - Events are batched for `debounceMs` (default 20 ms) from the first event; then every
 *     touched file is re-read and its content hash compared. Events arriving during a check
 *     schedule another one, so the second of two writes 10 ms apart is never missed.
 *   - Listeners get the paths whose content changed (created, edited or deleted) — never bytes.
 */
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface FileWatcherOptions {
  debounceMs?: number;
  /** Called with a plain-words message when a directory cannot be watched (never throws). */
  onWarning?: (message: string) => void;
}

export interface FileWatcher {
  /** Replace the set of watched files (e.g. after keyhive.yaml changed). */
  setFiles(paths: string[]): Promise<void>;
  /** Resolves once no check is pending or running (for callers that need a settled state). */
  idle(): Promise<void>;
  close(): void;
}

const MAX_BYTES = 1024 * 1024;

/** Content hash of a regular file; null when absent or not a regular file (a FIFO never blocks). */
export async function contentHash(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    if (!s.isFile() || s.size > MAX_BYTES) return s.isFile() ? `large:${s.size}:${s.mtimeMs}` : null;
    const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      return createHash('sha256').update(await fh.readFile()).digest('hex');
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
}

interface DirWatch {
  watcher: FSWatcher | null;
  parentWatcher: FSWatcher | null;
  ino: number | null;
}

export async function watchFiles(paths: string[], onChange: (changed: string[]) => void, opts: FileWatcherOptions = {}): Promise<FileWatcher> {
  const debounceMs = opts.debounceMs ?? 20;
  const warn = opts.onWarning ?? (() => undefined);
  const hashes = new Map<string, string | null>();
  const dirs = new Map<string, DirWatch>();
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const filesIn = (dir: string): string[] => [...hashes.keys()].filter((p) => dirname(p) === dir);

  const schedule = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    timer ??= setTimeout(() => {
      timer = null;
      running = check().finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule();
        }
      });
    }, debounceMs);
  };

  const markDir = (dir: string): void => {
    for (const p of filesIn(dir)) dirty.add(p);
    schedule();
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

  /** (Re-)attach the watch on a directory and on its parent. */
  const attach = async (dir: string): Promise<void> => {
    if (closed) return;
    const d = dirs.get(dir) ?? { watcher: null, parentWatcher: null, ino: null };
    dirs.set(dir, d);
    let ino: number | null = null;
    try {
      const s = await stat(dir);
      ino = s.isDirectory() ? s.ino : null;
    } catch {
      ino = null;
    }
    if (closed || (d.watcher && ino === d.ino)) return;
    closeWatch(d.watcher);
    d.watcher = null;
    d.ino = ino;
    if (ino !== null) {
      d.watcher = tryWatch(dir, (name) => {
        if (name === null) return markDir(dir);
        const p = `${dir}/${name}`.replace(/\/+/g, '/');
        if (hashes.has(p)) {
          dirty.add(p);
          schedule();
        }
      });
      if (!d.watcher) warn(`Cannot watch ${dir}; changes there are only seen on the next status.`);
    }
    if (!d.parentWatcher) {
      // The parent tells us when the directory itself is deleted, replaced or created.
      const parent = dirname(dir);
      d.parentWatcher = parent === dir ? null : tryWatch(parent, (name) => {
        if (name === null || name === basename(dir)) markDir(dir);
      });
    }
  };

  const check = async (): Promise<void> => {
    const touched = [...dirty];
    dirty.clear();
    for (const dir of new Set(touched.map((p) => dirname(p)))) await attach(dir);
    const changed: string[] = [];
    for (const p of touched) {
      if (!hashes.has(p)) continue;
      const h = await contentHash(p);
      if (h !== hashes.get(p)) {
        hashes.set(p, h);
        changed.push(p);
      }
    }
    if (changed.length > 0 && !closed) {
      try {
        onChange(changed);
      } catch (e) {
        warn(`A watch listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };

  const setFiles = async (next: string[]): Promise<void> => {
    const wanted = new Set(next);
    for (const p of [...hashes.keys()]) if (!wanted.has(p)) hashes.delete(p);
    for (const p of wanted) if (!hashes.has(p)) hashes.set(p, await contentHash(p));
    const wantedDirs = new Set([...wanted].map((p) => dirname(p)));
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
    async idle() {
      while (timer || running) {
        if (running) await running;
        else await new Promise((r) => setTimeout(r, debounceMs));
      }
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const d of dirs.values()) {
        closeWatch(d.watcher);
        closeWatch(d.parentWatcher);
      }
      dirs.clear();
    },
  };
}
