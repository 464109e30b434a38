/**
 * One secret through the whole doctor: the runbook checks (electron/core/doctor/checks.ts), the
 * issued-key checks (Hogsend, TokenHub, HiveForge), and the native processes Keyhive did not
 * start (stale-process) — then the findings ordered so the most specific cause comes first.
 */
import type { DoctorFinding } from '../../../shared/domain.js';
import { orderByCause } from '../../core/doctor/cause-order.js';
import { diagnose } from '../../core/doctor/checks.js';
import { runModeOf, type OperationPorts } from '../sync/apply-change.js';
import { gatherFacts } from './doctor-facts.js';
import { issuedKeyFindings } from './issued-key-facts.js';
import { placeholderFindings } from './placeholder-check.js';
import { staleProcessFindings } from './stale-process.js';

export async function diagnoseSecret(ports: OperationPorts, secret: string, opts: { now?: () => number } = {}): Promise<DoctorFinding[]> {
  const facts = await gatherFacts(ports, secret);
  const now = opts.now ?? (() => Date.now());
  const issued = await issuedKeyFindings({ workspace: ports.workspace, store: ports.store, now }, facts.secret, facts.probes);
  const placeholder = await placeholderFindings(ports.workspace, ports.store, facts.secret);
  const stale = runModeOf(ports) === 'native' ? await staleProcessFindings(ports, facts.secret) : [];
  // Issued-key and process findings first: at the same rank they are the more specific words.
  return orderByCause([...placeholder, ...stale, ...issued, ...withIssuerWords(withForeignProcesses(diagnose(facts), stale), issued)]);
}

/**
 * For an issued key, a refused call is explained by the issuer's checks above (revoked,
 * expired, …), not by the shared-key drift the generic 401 text describes.
 */
function withIssuerWords(findings: DoctorFinding[], issued: readonly DoctorFinding[]): DoctorFinding[] {
  if (issued.length === 0) return findings;
  const reason = issued.find((f) => f.severity === 'error' && f.cause);
  return findings.map((f) => {
    if (f.id !== 'probe:auth-smoke' || f.severity !== 'error' || f.cause !== 'key-refused') return f;
    return { ...f, why: reason ? `The issuer refused the key — ${reason.what}` : 'The issuer refused the key, and its admin API does not say why: check the key against `keyhive keys list`.', ...(reason?.fix ? { fix: reason.fix } : {}) };
  });
}

/**
 * A service Keyhive did not start is "not running" for its controller, yet a process started by
 * hand serves its port: say so instead of offering to start a second copy on the same port.
 */
function withForeignProcesses(findings: DoctorFinding[], stale: readonly DoctorFinding[]): DoctorFinding[] {
  const byHand = new Set(stale.map((f) => f.id.replace(/^stale-process:/, '')));
  return findings.map((f) => {
    const svc = f.id.startsWith('service-up:') ? f.id.slice('service-up:'.length) : null;
    if (!svc || !byHand.has(svc) || f.severity === 'ok') return f;
    return { secret: f.secret, id: f.id, title: f.title, severity: 'info', what: `${svc} was not started by Keyhive, but a process started by hand serves its port (see "Running process holds the file value").` };
  });
}
