/**
 * What the folder chooser reads: a folder's real path, its entries (names and whether each is a
 * folder), and the file names inside a sub-folder. Names only, never contents. Errors are the
 * system's own (with their code) for the use case to explain; `fileNamesIn` answers [] for what
 * cannot be read. (Whether a path is a folder: file-facts.ts `pathKind`.)
 */
import { readdir, realpath } from 'node:fs/promises';

export interface FolderItem {
  name: string;
  /** A folder itself (not a link to one). */
  isFolder: boolean;
}

/** The absolute path with every symlink resolved; throws the system error (ENOENT, EACCES…). */
export async function realFolderPath(absolute: string): Promise<string> {
  return realpath(absolute);
}

/** The entries of `dir`; throws the system error (ENOTDIR, EACCES…). */
export async function folderItems(dir: string): Promise<FolderItem[]> {
  return (await readdir(dir, { withFileTypes: true })).map((d) => ({ name: d.name, isFolder: d.isDirectory() }));
}

/** The names of what is not a folder inside `dir`; [] when it cannot be read. */
export async function fileNamesIn(dir: string): Promise<string[]> {
  return readdir(dir, { withFileTypes: true }).then(
    (items) => items.filter((d) => !d.isDirectory()).map((d) => d.name),
    () => [],
  );
}
