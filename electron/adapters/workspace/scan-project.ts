/**
 * Walks a project folder for `keyhive init`: Compose files (and their overrides) and .env
 * files, skipping node_modules, .git and other dependency/build folders, to a bounded depth.
 * Reads each .env file's variable names and — only to compare them — fingerprints of the
 * values under a random key that lives for this scan alone. No value leaves this module.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseComposeFile } from '../../core/compose/index.js';
import { parseEnv } from '../../core/env/index.js';
import { BUILTIN_FORMATS } from '../../core/keys/index.js';
import { fingerprint, newFingerprintKey } from '../../core/secrets/fingerprint.js';
import {
  COMPOSE_BASE_NAMES,
  COMPOSE_OVERRIDE,
  dirOf,
  ENV_FILE,
  ENV_TEMPLATE,
  joinRel,
  type ProjectScan,
  type ScannedComposeService,
  type ScannedEnvFile,
  type ScannedVar,
} from '../../core/workspace/project-scan.js';
import { readTextFileSafe } from '../fs/safe-file.js';

export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.next', '.nuxt', 'dist', 'build', 'target', 'vendor', '.cache', '.turbo', 'coverage', '.idea', '.vscode']);
export const DEFAULT_MAX_DEPTH = 4;
const MAX_ENTRIES = 20_000;
const DETECTABLE = BUILTIN_FORMATS.filter((f) => ['tokenhub', 'hogsend', 'hiveforge-live', 'hiveforge-test'].includes(f.name));

function toPosix(rel: string): string {
  return rel.split(path.sep).join('/');
}

interface Walked {
  dirs: string[];
  files: string[];
}

async function walk(root: string, maxDepth: number): Promise<Walked> {
  const out: Walked = { dirs: [''], files: [] };
  const queue: Array<{ rel: string; depth: number }> = [{ rel: '', depth: 0 }];
  let seen = 0;
  while (queue.length > 0) {
    const { rel, depth } = queue.shift() as { rel: string; depth: number };
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue; // unreadable folder: skip it
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return out;
      const child = joinRel(rel, e.name);
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name) || depth + 1 > maxDepth) continue;
        out.dirs.push(child);
        queue.push({ rel: child, depth: depth + 1 });
      } else if ((e.isFile() || e.isSymbolicLink()) && (COMPOSE_BASE_NAMES.includes(e.name) || COMPOSE_OVERRIDE.test(e.name) || ENV_FILE.test(e.name) || ENV_TEMPLATE.test(e.name))) {
        out.files.push(child);
      }
    }
  }
  return out;
}

function detectFormat(value: string): string | null {
  for (const f of DETECTABLE) {
    const check = f.validate(value);
    if (check.ok && !check.warning) return f.name;
  }
  return null;
}

async function readEnvFile(root: string, rel: string, key: string): Promise<ScannedEnvFile> {
  const { bytes } = await readTextFileSafe(path.join(root, rel), { root });
  const doc = parseEnv(bytes);
  const vars: ScannedVar[] = Object.entries(doc.values).map(([name, value]) => ({ name, fingerprint: fingerprint(key, value), format: detectFormat(value) }));
  return { path: rel, dir: dirOf(rel), name: rel.slice(rel.lastIndexOf('/') + 1), vars };
}

function composeServices(root: string, rel: string, text: string, overrides: Array<{ rel: string; text: string }>, exists: Set<string>): ScannedComposeService[] {
  const abs = path.join(root, rel);
  const base = parseComposeFile(text, abs);
  const extra = overrides.map((o) => ({ rel: o.rel, file: parseComposeFile(o.text, path.join(root, o.rel)) }));
  const relOf = (p: string): string => toPosix(path.relative(root, p));
  return Object.entries(base.services).map(([name, svc]) => {
    const more = extra.filter((o) => o.file.services[name]);
    const envFiles = [...svc.envFiles, ...more.flatMap((o) => o.file.services[name]?.envFiles ?? [])].map(relOf).filter((f) => exists.has(f));
    const environment = new Set([...Object.keys(svc.environment), ...more.flatMap((o) => Object.keys(o.file.services[name]?.environment ?? {}))]);
    const ports = [...svc.ports, ...more.flatMap((o) => o.file.services[name]?.ports ?? [])]
      .filter((p) => p.protocol === 'tcp')
      .map((p) => (p.hostPort === undefined ? { containerPort: p.containerPort } : { hostPort: p.hostPort, containerPort: p.containerPort }));
    const s: ScannedComposeService = { name, composeFile: rel, overrides: more.map((o) => o.rel), envFiles: [...new Set(envFiles)], environment: [...environment], ports };
    if (base.name) s.project = base.name;
    const build = svc.build ?? more.map((o) => o.file.services[name]?.build).find(Boolean);
    if (build) {
      const ctx = relOf(build);
      if (!ctx.startsWith('..')) s.buildContext = ctx;
    }
    return s;
  });
}

/** Scan `root` (absolute). Unreadable or invalid files are listed in `skipped`, never fatal. */
export async function scanProject(root: string, opts: { maxDepth?: number } = {}): Promise<ProjectScan> {
  const walked = await walk(root, opts.maxDepth ?? DEFAULT_MAX_DEPTH);
  const scan: ProjectScan = { root, dirs: walked.dirs, composeFiles: [], envFiles: [], templates: [], composeServices: [], skipped: [] };
  const key = newFingerprintKey();
  const exists = new Set(walked.files);
  for (const rel of walked.files) {
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (ENV_TEMPLATE.test(name)) scan.templates.push(rel);
    else if (ENV_FILE.test(name)) {
      try {
        scan.envFiles.push(await readEnvFile(root, rel, key));
      } catch (e) {
        scan.skipped.push(`${rel}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  const composeText = new Map<string, string>();
  for (const rel of walked.files.filter((f) => COMPOSE_BASE_NAMES.includes(f.slice(f.lastIndexOf('/') + 1)) || COMPOSE_OVERRIDE.test(f.slice(f.lastIndexOf('/') + 1)))) {
    try {
      composeText.set(rel, new TextDecoder().decode((await readTextFileSafe(path.join(root, rel), { root })).bytes));
      scan.composeFiles.push(rel);
    } catch (e) {
      scan.skipped.push(`${rel}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const dir of new Set(scan.composeFiles.map(dirOf))) {
    const inDir = scan.composeFiles.filter((f) => dirOf(f) === dir);
    const base = COMPOSE_BASE_NAMES.map((n) => joinRel(dir, n)).find((f) => inDir.includes(f));
    if (!base) continue; // overrides without a base file
    const overrides = inDir.filter((f) => f !== base && COMPOSE_OVERRIDE.test(f.slice(f.lastIndexOf('/') + 1)));
    try {
      const texts = overrides.map((o) => ({ rel: o, text: composeText.get(o) ?? '' }));
      scan.composeServices.push(...composeServices(root, base, composeText.get(base) ?? '', texts, exists));
    } catch (e) {
      scan.skipped.push(`${base}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return scan;
}
