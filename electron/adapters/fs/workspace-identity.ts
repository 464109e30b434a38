/**
 * A workspace's identity includes where it lives. Keychain entries, the activity log, backups,
 * journals and the lock are namespaced by the workspace `id` of keyhive.yaml — but a committed
 * keyhive.yaml checked out twice (two clones, two git worktrees) has the same id in both. The
 * first location to open an id keeps it (registered in `<dataDir>/workspaces.json`); another live
 * checkout gets its own key, `<id>~<8 hex of its path>`, so its secrets, history and undo never
 * touch the first one's files. A registered location whose keyhive.yaml is gone (or now says
 * another id) is taken over, so moving a checkout keeps its entries.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from './durable-write.js';

type Registry = Record<string, string>;

async function readRegistry(file: string): Promise<Registry> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Registry) : {};
  } catch {
    return {};
  }
}

/** Does the workspace file at `file` still declare `id`? */
async function stillDeclares(file: string, id: string): Promise<boolean> {
  try {
    const m = /^id:\s*["']?([^"'\s#]+)/m.exec(await readFile(file, 'utf8'));
    return m?.[1] === id;
  } catch {
    return false;
  }
}

/** The key this workspace's data is kept under: its `id`, or `<id>~<hash>` for a second checkout. */
export async function workspaceKeyFor(dataDir: string, id: string, workspaceFile: string): Promise<string> {
  const file = join(dataDir, 'workspaces.json');
  const me = await realpath(workspaceFile).catch(() => workspaceFile);
  const registry = await readRegistry(file);
  const owner = registry[id];
  if (owner === me) return id;
  if (owner !== undefined && owner !== me && (await stillDeclares(owner, id))) {
    return `${id}~${createHash('sha256').update(me).digest('hex').slice(0, 8)}`;
  }
  registry[id] = me;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFileDurably(file, JSON.stringify(registry, null, 2) + '\n');
  return id;
}
