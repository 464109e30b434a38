/**
 * Choosing the folder a workspace lives in: `workspace.browse` lists the sub-directories of one
 * folder (names only, never file contents) with what each already holds (a keyhive.yaml, a
 * Compose file, a .env file), and `workspace.pickFolder` asks the desktop's native picker, a
 * port only electron/main provides (web mode has none: the page uses the listing instead).
 */
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { FolderEntry, FolderListing } from '../../../shared/api.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { fileNamesIn, folderItems, realFolderPath, type FolderItem } from '../../adapters/fs/folder-listing.js';
import { pathKind } from '../../adapters/fs/file-facts.js';
import { COMPOSE_BASE_NAMES, COMPOSE_OVERRIDE, ENV_FILE, ENV_TEMPLATE } from '../../core/workspace/project-scan.js';

/** The most sub-directories one listing returns. */
export const MAX_FOLDER_ENTRIES = 500;
const WORKSPACE_FILE = 'keyhive.yaml';
/** How many sub-directories are inspected at once (each is one readdir). */
const CONCURRENCY = 16;

/** Desktop only: the native folder chooser. Resolves null when the user cancels. */
export interface FolderPicker {
  pickFolder(): Promise<string | null>;
}

export interface BrowseOptions {
  /** Where a missing or relative `dir` starts (the user's home directory by default). */
  home?: string;
  limit?: number;
}

/** Lists the sub-directories of `dir` (the home directory when omitted) for the folder chooser. */
export async function browseFolders(dir: string | undefined, opts: BrowseOptions = {}): Promise<FolderListing> {
  const home = opts.home ?? homedir();
  const target = await resolveDir(expandHome(dir?.trim() || home, home), home);
  const dirents = await readDirents(target);
  const names = dirents.filter((d) => !skipped(d.name)).map((d) => d.name);
  const subdirs = (await mapLimit(names, async (n) => (await pathKind(join(target, n))) === 'dir')).flatMap((ok, i) => (ok ? [names[i]!] : []));
  subdirs.sort(byName);
  const kept = subdirs.slice(0, opts.limit ?? MAX_FOLDER_ENTRIES);
  const entries = await mapLimit(kept, (name) => describe(target, name));
  const hasWorkspaceFile = dirents.some((d) => d.name === WORKSPACE_FILE && !d.isFolder);
  const parent = dirname(target);
  return {
    dir: target,
    parent: parent === target ? null : parent,
    entries,
    workspaceFile: hasWorkspaceFile ? join(target, WORKSPACE_FILE) : null,
    ...(subdirs.length > kept.length ? { truncated: true } : {}),
  };
}

/** `workspace.pickFolder`: the native picker's choice, or a clear refusal where there is none. */
export async function pickFolder(picker: FolderPicker | undefined): Promise<{ dir: string | null }> {
  if (!picker) {
    throw new KeyhiveError('BAD_INPUT', 'A native folder picker exists only in the desktop app.', { fix: 'Choose the folder in the list instead.' });
  }
  return { dir: await picker.pickFolder() };
}

/** Hidden folders (`.git`, `.cache`, ...) and dependency trees are never where a workspace lives. */
function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Case-insensitive, numbers in natural order (`svc2` before `svc10`); exact order breaks ties. */
function byName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

function expandHome(dir: string, home: string): string {
  if (dir === '~') return home;
  if (dir.startsWith('~/')) return join(home, dir.slice(2));
  return dir;
}

async function resolveDir(dir: string, home: string): Promise<string> {
  const absolute = isAbsolute(dir) ? resolve(dir) : resolve(home, dir);
  try {
    return await realFolderPath(absolute);
  } catch (e) {
    throw fsError(e, absolute);
  }
}

async function readDirents(dir: string): Promise<FolderItem[]> {
  try {
    return await folderItems(dir);
  } catch (e) {
    throw fsError(e, dir);
  }
}

function fsError(e: unknown, dir: string): KeyhiveError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new KeyhiveError('FILE_PERMISSION', `Keyhive may not read the folder ${dir}.`, {
      fix: `Choose another folder, or give your user read access to it (chmod u+rx "${dir}").`,
      file: dir,
      cause: e,
    });
  }
  if (code === 'ENOTDIR') {
    return new KeyhiveError('BAD_INPUT', `${dir} is a file, not a folder.`, { fix: 'Choose the folder that contains it.', file: dir, cause: e });
  }
  if (code === 'ENOENT') {
    return new KeyhiveError('NOT_FOUND', `The folder ${dir} does not exist.`, { fix: 'Check the path, or go up and choose a folder that exists.', file: dir, cause: e });
  }
  return new KeyhiveError('FILE_PERMISSION', `Keyhive could not read the folder ${dir} (${code ?? 'unknown error'}).`, {
    fix: 'Choose another folder.',
    file: dir,
    cause: e,
  });
}

/** What a sub-directory holds, from its file names only; an unreadable one holds nothing we know of. */
async function describe(dir: string, name: string): Promise<FolderEntry> {
  const path = join(dir, name);
  const files = await fileNamesIn(path);
  return {
    name,
    path,
    hasWorkspace: files.includes(WORKSPACE_FILE),
    hasCompose: files.some((f) => COMPOSE_BASE_NAMES.includes(f) || COMPOSE_OVERRIDE.test(f)),
    hasEnv: files.some((f) => ENV_FILE.test(f) && !ENV_TEMPLATE.test(f)),
  };
}

/** `fn` over every item with at most CONCURRENCY calls in flight, results in input order. */
async function mapLimit<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}
