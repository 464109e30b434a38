/**
 * A cache of what keyhive.yaml's YAML reads as, in the data dir, so opening a session (a CLI
 * command, a status) does not parse the same YAML again. Keyed by the file's path and a hash of
 * its exact text: any edit misses. Only the YAML step is cached — the schema and the workspace
 * rules run on every load, so a newer Keyhive never trusts an older one's verdict — and a file
 * with anything to report (an error or a warning, which need line numbers) always takes the full
 * parse. One small file per workspace path, replaced atomically; losing it only costs a parse.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../fs/durable-write.js';
import { isDeepStrictEqual } from 'node:util';
import { parseWorkspaceAndData, workspaceFromData, type ParsedWorkspace } from '../../core/workspace/parse.js';

/** Bump when what the YAML step produces changes (e.g. a `yaml` option). */
const CACHE_FORMAT = 'keyhive-workspace-yaml v1';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function workspaceCacheFile(dataDir: string, file: string): string {
  return join(dataDir, 'cache', `workspace-${sha256(file).slice(0, 16)}.json`);
}

/** parseWorkspaceWithWarnings(text, file), reusing the YAML's data from `dataDir` when the text is unchanged. */
export async function parseWorkspaceCached(text: string, file: string, dataDir: string): Promise<ParsedWorkspace> {
  const cacheFile = workspaceCacheFile(dataDir, file);
  const key = sha256(`${CACHE_FORMAT}\0${file}\0${text}`);
  const cached = await readFile(cacheFile, 'utf8').then(readCache, () => null);
  if (cached && cached.key === key) {
    const hit = workspaceFromData(cached.data);
    if (hit) return hit;
  }
  const { parsed, data } = parseWorkspaceAndData(text, file);
  if (parsed.warnings.length === 0) await store(cacheFile, key, data).catch(() => undefined); // a cache: never fails a load
  return parsed;
}

function readCache(text: string): { key?: unknown; data?: unknown } | null {
  try {
    const json = JSON.parse(text) as unknown;
    return json && typeof json === 'object' ? (json as { key?: unknown; data?: unknown }) : null;
  } catch {
    return null; // damaged: parsed again and replaced
  }
}

async function store(cacheFile: string, key: string, data: unknown): Promise<void> {
  const json = JSON.stringify({ key, data });
  // Only data that survives JSON exactly (no Infinity, NaN, -0 …) is cached.
  if (!isDeepStrictEqual((JSON.parse(json) as { data: unknown }).data, data)) return;
  await mkdir(join(cacheFile, '..'), { recursive: true, mode: 0o700 });
  // A cache: atomic (never a torn file), but not worth an fsync — a lost one is parsed again.
  await writeFileDurably(cacheFile, json, { durable: false });
}
