/**
 * `keyhive scan [PATH…] [--staged] [--history] [--images] [--json] [--fix]`: the leak guard.
 * Default: the working tree of the workspace's service folders (bound env files excepted), the
 * bound env files git would track, and each service's .env.example. --staged / --history /
 * --images scan those sources instead. Exit 0 clean, 1 something found, 2 bad usage.
 * Never prints a value: the secret's name (or the system), the place and the encoding.
 */
import path from 'node:path';
import { KeyhiveError } from '../../../shared/errors.js';
import type { Command } from 'commander';
import type { ScanReport } from '../../../shared/scan.js';
import { describeFinding, scanJson } from '../../app/scan/scan-report.js';
import { runScan, scanFailed } from '../../app/scan/run-scan.js';
import { applyAllScanFixes } from '../../app/scan/apply-fix.js';
import { pathExists } from '../../app/workspace/workspace-file.js';
import { EXIT_PROBLEM } from '../exit.js';
import { withWorkspaceOptions } from '../workspace-option.js';
import { openCliSession, out, type WorkspaceOption } from './status.js';

interface ScanOptions extends WorkspaceOption {
  staged?: boolean;
  history?: boolean;
  images?: boolean;
  json?: boolean;
  fix?: boolean;
}

export function formatReport(report: ScanReport): string[] {
  const lines = report.findings.map(describeFinding);
  for (const p of report.placeholders) lines.push(`note: ${describeFinding(p)} — a documentation example key, not a real one`);
  for (const e of report.envExamples) {
    if (!e.exists) lines.push(`note: ${e.file} does not exist; \`keyhive scan --fix\` writes it with placeholders`);
    if (e.missing.length) lines.push(`${e.file}: lacks ${e.missing.join(', ')} (fix: keyhive scan --fix)`);
    if (e.realValues.length) lines.push(`${e.file}: holds a real value for ${e.realValues.join(', ')} (fix: keyhive scan --fix writes placeholders)`);
  }
  if (report.skippedSecrets.length) lines.push(`warning: not searched for (values shorter than 12 characters): ${report.skippedSecrets.join(', ')}`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  const s = report.scanned;
  const what = [s.files || !(s.blobs || s.images) ? `${s.files} file(s)` : '', s.blobs ? `${s.blobs} blob(s)` : '', s.commits ? `${s.commits} commit(s)` : '', s.images ? `${s.images} image(s)` : ''].filter(Boolean).join(', ');
  const managed = report.findings.filter((f) => f.kind === 'managed');
  lines.push(report.findings.length === 0 ? `No leaks found (${what} scanned).` : `${report.findings.length} finding(s) in ${what} scanned.`);
  const rotate = [...new Set(managed.map((f) => f.secret))];
  if (rotate.length) lines.push(`fix: rotate what leaked (keyhive rotate ${rotate.join(' / ')}), then remove it from the files${managed.some((f) => f.commit) ? ' and the history' : ''}.`);
  if (report.findings.some((f) => f.kind === 'unignored-env')) lines.push('fix: keyhive scan --fix adds the bound env files to .gitignore.');
  return lines;
}

export function register(program: Command): void {
  withWorkspaceOptions(
    program
      .command('scan')
      .description('find managed secrets (in any encoding), untracked keys of the four systems and git-trackable env files; exit 1 when anything is found')
      .argument('[paths...]', 'files or folders to scan (default: every service folder of the workspace)')
      .option('--staged', 'scan only the staged changes (what the next commit would add) — the pre-commit hook runs this')
      .option('--history', 'scan every commit reachable from any ref; names the first commit of each finding and whether HEAD still has it')
      .option('--images', "scan the workspace's Docker images: config env, history and every layer file")
      .option('--json', 'print the findings as JSON (see the README: "keyhive scan --json")')
      .option('--fix', 'add trackable bound env files to .gitignore and write each failing .env.example with placeholders, then scan again'),
  ).action(async (paths: string[], opts: ScanOptions) => {
    for (const p of paths) {
      if (!(await pathExists(p))) throw new KeyhiveError('BAD_INPUT', `${p} does not exist.`, { file: path.resolve(p), fix: 'Pass files or folders that exist, or no PATH to scan every service folder.' });
    }
    const { session, close } = await openCliSession(opts);
    try {
      const deps = { workspace: session.workspace, store: session.store };
      const scope = { paths: paths.map((p) => path.resolve(p)), staged: !!opts.staged, history: !!opts.history, images: !!opts.images };
      let report = await runScan(deps, scope);
      if (opts.fix) {
        const applied = (await applyAllScanFixes(session, report)).filter((f) => f.changed).map((f) => f.applied);
        if (!opts.json) applied.forEach((a) => out(`fixed: ${a}`));
        report = await runScan(deps, scope);
      }
      if (opts.json) out(JSON.stringify(scanJson(report, { history: scope.history }), null, 2));
      else formatReport(report).forEach(out);
      if (scanFailed(report)) process.exitCode = EXIT_PROBLEM;
    } finally {
      await close();
    }
  });
}
