/**
 * Every regular file under some folders (or the files given), for the leak guard: `.git` and
 * `node_modules` are skipped, symbolic links are not followed, each file is visited once.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

export async function* walkFiles(roots: readonly string[]): AsyncGenerator<{ file: string; size: number }> {
  const seen = new Set<string>();
  const stack = [...roots].map((r) => path.resolve(r)).reverse();
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    let st;
    try {
      st = await lstat(p);
    } catch {
      continue;
    }
    if (st.isFile()) {
      yield { file: p, size: st.size };
      continue;
    }
    if (!st.isDirectory()) continue;
    let names: string[];
    try {
      names = await readdir(p);
    } catch {
      continue;
    }
    names.sort();
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i]!;
      if (!SKIPPED_DIRS.has(name)) stack.push(path.join(p, name));
    }
  }
}
