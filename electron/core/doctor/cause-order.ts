/**
 * Which finding the doctor names FIRST (pure). Problems come before notes and passed steps;
 * among problems, the most specific cause comes first: a value that cannot work at all
 * (placeholder, format, environment), then a server that cannot accept anything (no admin key,
 * rate limit), then a running process that holds an old value, then the files, then what the
 * issuer says about the key, then the generic symptoms (a refused call, a service down).
 * Within the same rank the checklist's own order is kept (the sort is stable).
 */
import type { DoctorCause, DoctorFinding, FindingSeverity, ProbeResult } from '../../../shared/domain.js';
import { matchErrorBody } from '../probes/error-bodies.js';

export const CAUSE_RANK: readonly DoctorCause[] = [
  'placeholder',
  'bad-format',
  'wrong-env-prefix',
  'no-admin-key',
  'rate-limited',
  'stale-process',
  'stale-container',
  'missing-value',
  'drift',
  'shadowed',
  'wrong-url',
  'header-shape',
  'revoked',
  'expired',
  'disabled',
  'cache-window',
  'unknown-key',
  'missing-scope',
  'service-down',
  'issuer-unreachable',
  'key-refused',
];

const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2, ok: 3 };
const causeRank = (f: DoctorFinding): number => (f.cause ? CAUSE_RANK.indexOf(f.cause) : CAUSE_RANK.length);

/** The findings with the cause first (stable: same rank keeps the checklist order). */
export function orderByCause(findings: readonly DoctorFinding[]): DoctorFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || causeRank(a.f) - causeRank(b.f) || a.i - b.i)
    .map((x) => x.f);
}

/** What a failed probe says the cause is, from its status and the server's own words. */
export function probeCause(p: ProbeResult): DoctorCause | undefined {
  if (p.ok || p.status === null) return p.ok ? undefined : 'service-down';
  if (p.status === 429) return 'rate-limited';
  if (p.status === 503 && p.kind !== 'health') return 'no-admin-key';
  const rule = p.said ? matchErrorBody(p.status, JSON.stringify({ error: p.said }))?.rule.id : undefined;
  if (rule === 'hub-header-format') return 'header-shape';
  if (rule === 'hub-missing-header') return 'missing-value';
  if (p.status === 403) return 'missing-scope';
  if (p.status === 401) return 'key-refused';
  return undefined;
}
