/**
 * Copies a folder of text templates into place with one rendering function, without ever
 * leaving a half-written copy: every file is rendered into a sibling temp folder, which then
 * becomes the target (or, when the target exists, its files are moved over one by one, skipping
 * those the caller keeps). The temp folder never outlives the call.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { somethingAt } from './file-facts.js';

export interface TemplateCopy {
  /** The new text of one template file (its path relative to the template folder). */
  render(rel: string, text: string): string;
  /** The file's mode (default 0644). */
  mode?(rel: string): number;
  /** When the target already exists: files the copy must not replace (e.g. the user's .env files). */
  keep?(rel: string): boolean;
  /** The target folder's own mode (default 0700). */
  dirMode?: number;
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    else if (e.isFile()) out.push(relative(base, p));
  }
  return out.sort();
}

export async function copyTemplateDir(template: string, targetDir: string, copy: TemplateCopy): Promise<void> {
  const dirMode = copy.dirMode ?? 0o700;
  await mkdir(dirname(targetDir), { recursive: true, mode: dirMode });
  const staging = await mkdtemp(join(dirname(targetDir), '.template-'));
  try {
    for (const rel of await listFiles(template)) {
      const dest = join(staging, rel);
      await mkdir(dirname(dest), { recursive: true });
      await writeFile(dest, copy.render(rel, await readFile(join(template, rel), 'utf8')), { mode: copy.mode?.(rel) ?? 0o644 });
    }
    if (!(await somethingAt(targetDir))) {
      await rename(staging, targetDir).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e; // another process made it first
      });
    } else {
      for (const rel of await listFiles(staging)) {
        const dest = join(targetDir, rel);
        if (copy.keep?.(rel) && (await somethingAt(dest))) continue;
        await mkdir(dirname(dest), { recursive: true });
        await rename(join(staging, rel), dest);
      }
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await chmod(targetDir, dirMode).catch(() => {});
}
