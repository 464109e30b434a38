/**
 * What the leak guard asks a git repository: is a file ignored or tracked, which files are
 * staged (with their staged blob), which blob each commit introduced first, and HEAD's blobs.
 */
import path from 'node:path';
import { git, gitText } from './git-cli.js';

/** True when git would track the file: already tracked, or not matched by any ignore rule. */
export async function wouldTrack(repo: string, file: string): Promise<boolean> {
  const tracked = await git(repo, ['ls-files', '--error-unmatch', '--', file]);
  if (tracked.code === 0) return true;
  const ignored = await git(repo, ['check-ignore', '-q', '--', file]);
  return ignored.code !== 0;
}

/**
 * Of `files` (absolute, inside `repo`), those git would track: tracked already (`--cached`), or
 * untracked and not ignored (`--others --exclude-standard`: .gitignore, info/exclude, core.excludesFile).
 * One git call. A file that does not exist (and is not tracked) is not in the answer.
 */
export async function trackableFiles(repo: string, files: readonly string[]): Promise<Set<string>> {
  if (files.length === 0) return new Set();
  const rel = files.map((f) => path.relative(repo, f));
  const out = await git(repo, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...rel]);
  const listed = new Set(out.stdout.toString('utf8').split('\0').filter(Boolean));
  return new Set(files.filter((_, i) => listed.has(rel[i]!)));
}

export interface StagedBlob {
  path: string;
  blob: string;
}

/** Added, copied, modified or renamed files in the index, with the staged blob of each. */
export async function stagedBlobs(repo: string): Promise<StagedBlob[]> {
  const hasHead = (await git(repo, ['rev-parse', '--verify', '-q', 'HEAD'])).code === 0;
  const args = hasHead ? ['diff', '--cached', '--raw', '--no-abbrev', '-z', '--no-renames', '--diff-filter=ACMR'] : ['ls-files', '-s', '-z'];
  const out = await gitText(repo, args);
  const tokens = out.split('\0');
  const staged: StagedBlob[] = [];
  if (!hasHead) {
    for (const t of tokens) {
      const m = /^\d+ ([0-9a-f]{40,64}) \d+\t(.*)$/s.exec(t);
      if (m) staged.push({ blob: m[1]!, path: m[2]! });
    }
    return staged;
  }
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!.replace(/^\n/, '');
    if (!t.startsWith(':')) continue;
    const fields = t.slice(1).split(' ');
    staged.push({ blob: fields[3]!, path: tokens[++i]! });
  }
  return staged;
}

export interface Introduction {
  commit: string;
  path: string;
  /** Position in parents-first order (smaller = earlier). */
  order: number;
}

/** For every blob any commit reachable from any ref added or changed: the first commit and path. */
export async function blobIntroductions(repo: string): Promise<{ blobs: Map<string, Introduction>; commits: number }> {
  const out = await gitText(repo, ['log', '--all', '--topo-order', '--reverse', '--format=%x01%H', '--raw', '--no-abbrev', '--no-renames', '-z']);
  const blobs = new Map<string, Introduction>();
  const tokens = out.split('\0');
  let commit = '';
  let order = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.replace(/^\n/, '');
    if (t.startsWith('\x01')) {
      commit = t.slice(1).trim();
      order++;
      continue;
    }
    if (!t.startsWith(':')) continue;
    const fields = t.slice(1).split(' ');
    const blob = fields[3]!;
    const status = fields[4] ?? '';
    const path = tokens[++i] ?? '';
    if (status.startsWith('D') || /^0+$/.test(blob)) continue;
    if (!blobs.has(blob)) blobs.set(blob, { commit, path, order });
  }
  return { blobs, commits: order };
}

/** Every file in HEAD: blob id → its paths (empty when there is no commit yet). */
export async function headBlobs(repo: string): Promise<Map<string, string[]>> {
  const r = await git(repo, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD']);
  const map = new Map<string, string[]>();
  if (r.code !== 0) return map;
  for (const entry of r.stdout.toString('utf8').split('\0')) {
    const m = /^\d+ blob ([0-9a-f]{40,64})\t(.*)$/s.exec(entry);
    if (m) map.set(m[1]!, [...(map.get(m[1]!) ?? []), m[2]!]);
  }
  return map;
}
