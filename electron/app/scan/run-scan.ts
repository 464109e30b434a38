/**
 * `keyhive scan` / the Leaks panel's "Scan": builds the automaton from the values Keyhive manages
 * (then drops it), looks where the scope says — the working tree by default; the staged diff,
 * the history or the images when asked — and reports findings sorted by file and line, plus the
 * bound env files git would track and each service's `.env.example` check. Never a value.
 */
import path from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { ScanFinding, ScanReport, ScanScope } from '../../../shared/scan.js';
import { checkEnvExample, ENV_EXAMPLE_NAME } from '../../core/scan/env-example.js';
import { dedupeFindings, sortFindings } from '../../core/scan/findings.js';
import { createScanner } from '../../core/scan/scanner.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { DockerEngine } from '../../adapters/docker/engine-api.js';
import { repoRoot } from '../../adapters/git/git-cli.js';
import { isReadableSync, pathKind, readTextOrNull } from '../../adapters/fs/file-facts.js';
import { trackableFiles } from '../../adapters/git/repo-facts.js';
import { boundEnvFiles, managedValues } from './managed-values.js';
import { workspaceImages } from './workspace-images.js';
import { emptyCollected, scanHistory, scanImage, scanStaged, scanWorkingTree } from './scan-sources.js';

export interface ScanDeps {
  workspace: Workspace;
  store: SecretStore | null;
  /** The Docker engine for --images (default: DOCKER_HOST or the local socket). */
  engine?: () => DockerEngine;
  onStep?: (label: string) => void;
}

/** Paths relative to the workspace root with forward slashes; absolute when outside it. */
export function pathShower(root: string): (abs: string) => string {
  return (abs) => {
    const rel = path.relative(root, abs);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
  };
}

/** The folders a scan covers: the given paths, else every service's directory (nested ones once). */
export function scanRoots(workspace: Workspace, paths: readonly string[]): string[] {
  const dirs = paths.length > 0 ? paths.map((p) => path.resolve(p)) : [...workspace.services.values()].map((s) => s.dir);
  const sorted = [...new Set(dirs)].sort();
  return sorted.filter((d) => !sorted.some((o) => o !== d && d.startsWith(o + path.sep)));
}

async function reposOf(dirs: readonly string[]): Promise<string[]> {
  const repos = new Set<string>();
  for (const d of dirs) {
    const r = await repoRoot((await isDir(d)) ? d : path.dirname(d));
    if (r) repos.add(r);
  }
  return [...repos].sort();
}

const isDir = async (p: string): Promise<boolean> => (await pathKind(p)) === 'dir';

async function unignoredEnvFindings(workspace: Workspace, show: (abs: string) => string): Promise<ScanFinding[]> {
  const byRepo = new Map<string, string[]>();
  const repoOfDir = new Map<string, string | null>();
  // A few quick checks without awaiting each, so git starts before the working tree is read.
  for (const file of [...boundEnvFiles(workspace)].sort()) {
    if (!isReadableSync(file)) continue;
    const dir = path.dirname(file);
    if (!repoOfDir.has(dir)) repoOfDir.set(dir, await repoRoot(dir));
    const repo = repoOfDir.get(dir);
    if (repo) byRepo.set(repo, [...(byRepo.get(repo) ?? []), file]);
  }
  const trackable: string[] = [];
  for (const [repo, files] of byRepo) trackable.push(...(await trackableFiles(repo, files)));
  const out: ScanFinding[] = [];
  for (const file of trackable.sort()) {
    out.push({ kind: 'unignored-env', secret: null, system: null, file: show(file), line: null, commit: null, image: null, encoding: 'raw', inHead: null, placeholder: false, where: 'working tree' });
  }
  return out;
}

async function envExampleChecks(workspace: Workspace, show: (abs: string) => string): Promise<ScanReport['envExamples']> {
  const checks: ScanReport['envExamples'] = [];
  for (const svc of workspace.services.values()) {
    const bound = Object.entries(workspace.config.secrets).flatMap(([secret, cfg]) => cfg.bindings.filter((b) => b.service === svc.name).map((b) => ({ var: b.var, secret })));
    if (bound.length === 0) continue;
    const file = path.join(svc.dir, ENV_EXAMPLE_NAME);
    const text = await readTextOrNull(file);
    checks.push({ ...checkEnvExample(svc.name, file, text, bound), file: show(file) });
  }
  return checks.sort((a, b) => a.service.localeCompare(b.service));
}

export async function runScan(deps: ScanDeps, scope: ScanScope): Promise<ScanReport> {
  const { workspace } = deps;
  const show = pathShower(workspace.root);
  const roots = scanRoots(workspace, scope.paths);
  const step = deps.onStep ?? (() => undefined);
  step('Read the managed values');
  const managed = await managedValues(workspace, deps.store);
  const scanner = createScanner(managed.values);
  const into = emptyCollected();
  const onlyWorkingTree = !scope.staged && !scope.history && !scope.images;
  let envExamples: ScanReport['envExamples'] = [];

  if (onlyWorkingTree) {
    step(`Scan ${roots.length} folder(s)`);
    // git answers the ignore question in its own process (started first) while this one reads and scans.
    const [unignored, , examples] = await Promise.all([unignoredEnvFindings(workspace, show), scanWorkingTree(scanner, roots, boundEnvFiles(workspace), show, into), envExampleChecks(workspace, show)]);
    into.hits.push(...unignored);
    envExamples = examples;
  }
  if (scope.staged || scope.history) {
    const repos = await reposOf(roots);
    if (repos.length === 0) {
      throw new KeyhiveError('BAD_INPUT', `No git repository holds ${roots.map(show).join(', ')}.`, { fix: 'Run the scan inside a git repository, or pass the repository folder as PATH.' });
    }
    for (const repo of repos) {
      if (scope.staged) {
        step(`Scan the staged changes of ${show(repo) || '.'}`);
        await scanStaged(scanner, repo, show, into);
      }
      if (scope.history) {
        step(`Scan the history of ${show(repo) || '.'}`);
        await scanHistory(scanner, repo, show, into);
      }
    }
  }
  if (scope.images) {
    const engine = deps.engine ? deps.engine() : new DockerEngine();
    try {
      const refs = await workspaceImages(workspace, engine);
      for (const ref of refs) {
        step(`Scan image ${ref}`);
        await scanImage(scanner, engine, ref, into);
      }
    } finally {
      if (!deps.engine) await engine.close();
    }
  }
  const all = sortFindings(dedupeFindings(into.hits));
  return {
    findings: all.filter((f) => !f.placeholder),
    placeholders: all.filter((f) => f.placeholder && !/\.(example|sample|template)$/.test(f.file ?? '')),
    envExamples,
    skippedSecrets: scanner.skippedSecrets,
    warnings: managed.warnings,
    scanned: { files: into.files, blobs: into.blobs, commits: into.commits, images: into.images },
  };
}

/** True when the report holds something that should fail `keyhive scan` (exit 1). */
export function scanFailed(report: ScanReport): boolean {
  return report.findings.length > 0 || report.envExamples.some((e) => e.exists && (e.missing.length > 0 || e.realValues.length > 0));
}
