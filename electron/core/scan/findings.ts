/**
 * Findings in the order people read them (file, then line), and `keyhive scan --json`'s stable
 * shape: exactly kind, secret, system, file, line, commit, image, encoding (plus inHead for
 * --history). Placeholders and `.env.example` checks travel beside the findings.
 */
import type { ScanFinding, ScanReport } from '../../../shared/scan.js';

const cmp = (a: string | number | null, b: string | number | null): number => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
};

/** Sorted by file, line (missing ones last), then the rest so the order is total and stable. */
export function sortFindings(findings: readonly ScanFinding[]): ScanFinding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.file, b.file) || cmp(a.line, b.line) || cmp(a.image, b.image) || cmp(a.kind, b.kind) || cmp(a.secret, b.secret) || cmp(a.system, b.system) || cmp(a.encoding, b.encoding) || cmp(a.commit, b.commit) || cmp(a.where, b.where),
  );
}

/** One finding per (what, where): the same place found twice (e.g. two alignments) is one. */
export function dedupeFindings(findings: readonly ScanFinding[]): ScanFinding[] {
  const seen = new Map<string, ScanFinding>();
  for (const f of findings) {
    const key = [f.kind, f.secret, f.system, f.file, f.line, f.commit, f.image, f.encoding, f.where].join('\0');
    if (!seen.has(key)) seen.set(key, f);
  }
  return [...seen.values()];
}

export interface JsonFinding {
  kind: ScanFinding['kind'];
  secret: string | null;
  system: string | null;
  file: string | null;
  line: number | null;
  commit: string | null;
  image: string | null;
  encoding: ScanFinding['encoding'];
  inHead?: boolean;
}

function toJson(f: ScanFinding, history: boolean): JsonFinding {
  const base: JsonFinding = { kind: f.kind, secret: f.secret, system: f.system, file: f.file, line: f.line, commit: f.commit, image: f.image, encoding: f.encoding };
  return history && f.inHead !== null ? { ...base, inHead: f.inHead } : base;
}

/** The `--json` document. Key order is part of the contract (README "keyhive scan --json"). */
export function scanJson(report: ScanReport, opts: { history: boolean }): { findings: JsonFinding[]; placeholders: JsonFinding[]; envExamples: ScanReport['envExamples'] } {
  return {
    findings: sortFindings(report.findings).map((f) => toJson(f, opts.history)),
    placeholders: sortFindings(report.placeholders).map((f) => toJson(f, opts.history)),
    envExamples: report.envExamples.map((e) => ({ service: e.service, file: e.file, exists: e.exists, missing: e.missing, realValues: e.realValues })),
  };
}

/** One line for people: what, where, how encoded — never the value. */
export function describeFinding(f: ScanFinding): string {
  const what = f.kind === 'managed' ? `managed secret ${f.secret}` : f.kind === 'unignored-env' ? 'bound env file not ignored by git' : `untracked ${f.system} key`;
  const place = [f.image ? `image ${f.image}` : null, f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : null].filter(Boolean).join(' ');
  const enc = f.kind === 'unignored-env' ? '' : ` (${f.encoding})`;
  const commit = f.commit ? ` since ${f.commit.slice(0, 12)}${f.inHead === false ? ', only in history' : f.inHead ? ', still in HEAD' : ''}` : '';
  return `${place || f.where}: ${what}${enc} — ${f.where}${commit}`;
}
