/**
 * The 401 doctor's checklist (pure): walks the runbook a developer would, in order, and says
 * for each step what is wrong, why, and the fix — naming the safe automatic fix when there is one.
 *   1. both sides set            5. the caller's URL for the run mode
 *   2. both sides identical      6. services up
 *   3. the keychain agrees       7. the running service holds what the files hold
 *   4. .env.local shadowing .env 8. the probes (header shape, smoke, wrong-key control)
 *                                9. 401s in the caller's recent logs
 */
import type { BindingStatus, DoctorCause, DoctorFinding } from '../../../shared/domain.js';
import { checkCallerUrl } from './caller-url.js';
import { probeCause } from './cause-order.js';
import type { DoctorFacts } from './facts.js';
import { scanLogLines } from './log-scan.js';

const side = (b: BindingStatus): string => `${b.service} ${b.var}`;
const fp = (f: string | null): string => (f ? `fingerprint ${f}` : 'no value');

export function diagnose(facts: DoctorFacts): DoctorFinding[] {
  const s = facts.secret;
  const out: DoctorFinding[] = [];
  const add = (f: Omit<DoctorFinding, 'secret'>): void => void out.push({ secret: s.name, ...f });
  const keychain = s.keychainFingerprint;
  const syncAction = keychain ? ({ fixAction: 'sync-from-keychain' } as const) : {};
  const syncFix = keychain
    ? `Write the keychain's value to every side and recreate the services: \`keyhive doctor ${s.name} --fix\` (or \`keyhive sync ${s.name}\`).`
    : `Pick the side that is right and import it: \`keyhive import ${s.name} --from <service>\`, then sync.`;

  // 1. both sides set
  const missing = s.bindings.filter((b) => b.state === 'missing' || b.fingerprint === null);
  for (const b of missing) {
    add({ id: `sides-set:${b.service}`, title: 'Both sides set', severity: 'error', cause: 'missing-value', what: `${side(b)} has no value (${b.file}).`, why: b.role === 'client' ? 'The caller sends no key, so the server answers "Missing Authorization header".' : 'The server has no key to compare with.', fix: syncFix, ...syncAction });
  }
  if (missing.length === 0) add({ id: 'sides-set', title: 'Both sides set', severity: 'ok', what: `Every side holds a value (${s.bindings.map(side).join(', ')}).` });

  // 2. identical
  const present = s.bindings.filter((b) => b.fingerprint !== null);
  const distinct = new Set(present.map((b) => b.fingerprint));
  if (distinct.size > 1) {
    const odd = keychain ? present.filter((b) => b.fingerprint !== keychain) : present.filter((b) => b.role === 'client');
    add({
      id: 'sides-identical',
      title: 'Both sides identical',
      severity: 'error',
      cause: 'drift',
      what: `The sides disagree: ${present.map((b) => `${side(b)} has ${fp(b.fingerprint)}`).join('; ')}.`,
      why: `The server compares the key it gets with its own byte for byte; ${odd.map(side).join(', ') || 'one side'} ${odd.length === 1 ? 'differs' : 'differ'}${keychain ? ` from the keychain (${keychain})` : ''}, so calls get 401.`,
      fix: syncFix,
      ...syncAction,
    });
  } else if (present.length > 1) {
    add({ id: 'sides-identical', title: 'Both sides identical', severity: 'ok', what: `Every side holds the same value (${fp(present[0]?.fingerprint ?? null)}).` });
  }

  // 3. keychain
  if (!keychain) {
    add({ id: 'keychain', title: 'Keychain entry', severity: 'warning', what: `The keychain holds no value for ${s.name}.`, why: 'Without it Keyhive has no source of truth to sync from or to roll back to.', fix: `Import the value from the side that works: \`keyhive import ${s.name} --from <service>\`.` });
  } else if (distinct.size === 1 && !distinct.has(keychain)) {
    add({ id: 'keychain', title: 'Keychain entry', severity: 'warning', what: `The sides agree with each other but not with the keychain (${keychain}).`, why: 'A sync from the keychain would replace a working pair.', fix: `If the sides are right, import their value (\`keyhive import ${s.name} --from <service>\`); otherwise sync from the keychain.`, ...syncAction });
  } else {
    add({ id: 'keychain', title: 'Keychain entry', severity: 'ok', what: `The keychain holds ${s.name} (${keychain}).` });
  }

  // 4. shadowing
  for (const b of s.bindings) {
    const files = b.sources.filter((x) => x.kind === 'env-file' && x.fingerprint !== null);
    const winner = b.sources.at(-1);
    const hidden = files.filter((x) => x !== winner && x.fingerprint !== b.fingerprint);
    if (b.state === 'shadowed' || hidden.length > 0) {
      add({
        id: `shadowed:${b.service}`,
        title: '.env.local shadowing .env',
        severity: 'warning',
        cause: 'shadowed',
        what: `${side(b)}: ${winner?.file ?? b.file}${winner?.line ? `:${winner.line}` : ''} wins over ${hidden.map((h) => h.file).join(', ') || 'another file'}, which holds a different value.`,
        why: b.detail ?? 'The file you most likely edited is not the one the service reads (later files win; .env.local wins for native dev).',
        fix: 'Keep one value in every file that assigns it: `keyhive sync` writes all of them.',
        ...syncAction,
      });
    }
  }

  // 5. caller URL
  for (const c of facts.callers) {
    const v = checkCallerUrl({ runMode: facts.runMode, urlVar: c.urlVar, value: c.value, serverUrls: facts.server?.urls ?? {} });
    const urlFixable = v.severity === 'error' && Boolean(facts.server?.urls[facts.runMode]);
    add({ id: `caller-url:${c.service}`, title: `${c.service} calls the right URL`, severity: v.severity, what: `${c.service}: ${v.what}${c.file ? ` (${c.file}${c.line ? `:${c.line}` : ''})` : ''}.`, ...(v.why ? { why: v.why } : {}), ...(v.fix ? { fix: urlFixable ? `${v.fix} \`keyhive doctor ${s.name} --fix\` rewrites ${c.urlVar} for ${facts.runMode} mode.` : v.fix } : {}), ...(v.severity === 'error' ? { cause: 'wrong-url' as const } : {}), ...(urlFixable ? { fixAction: 'fix-caller-url' as const } : {}) });
  }

  // 6. services up
  for (const svc of facts.services) {
    if (svc.running === false) {
      add({ id: `service-up:${svc.name}`, title: 'Service up', severity: 'error', cause: 'service-down', what: `${svc.name} is not running (${svc.detail}).`, why: 'Nothing answers, or the caller cannot call.', fix: `Start it with the current env: \`keyhive doctor ${s.name} --fix\` recreates it.`, fixAction: 'recreate-services' });
    } else if (svc.running && svc.healthy === false) {
      add({ id: `service-up:${svc.name}`, title: 'Service up', severity: 'warning', what: `${svc.name} runs but is not healthy (${svc.detail}).`, fix: "Look at its logs; recreating it may help." , fixAction: 'recreate-services' });
    } else if (svc.running) {
      add({ id: `service-up:${svc.name}`, title: 'Service up', severity: 'ok', what: `${svc.name} is running (${svc.detail}).` });
    }
  }

  // 7. stale container / process
  for (const b of s.bindings.filter((x) => x.state === 'stale-container')) {
    const running = b.sources.find((x) => x.kind === 'container');
    add({
      id: `stale-container:${b.service}`,
      title: 'Running service holds the file value',
      severity: 'error',
      cause: 'stale-container',
      what: `${b.service} still runs with ${fp(running?.fingerprint ?? null)} for ${b.var}, but its files hold ${fp(b.fingerprint)}.`,
      why: 'The env is read when a container is created (or a process starts): a plain `docker compose restart` keeps the old env.',
      fix: `Recreate it: \`keyhive doctor ${s.name} --fix\` (or \`docker compose up -d --force-recreate ${b.service}\`).`,
      fixAction: 'recreate-services',
    });
  }

  // 8. probes
  if (facts.probes === null) {
    add({ id: 'probes', title: 'Probes', severity: 'warning', what: `The probes could not run: ${facts.probeError ?? 'unknown reason'}.` });
  } else {
    for (const p of facts.probes) {
      const title = { health: 'Server health', 'auth-smoke': 'Call with the key', 'negative-control': 'Server checks keys', 'header-shape': 'Header shape the server wants' }[p.kind];
      const status = p.status === null ? 'no answer' : String(p.status);
      if (p.ok) add({ id: `probe:${p.kind}`, title, severity: p.kind === 'header-shape' ? 'info' : 'ok', what: `${p.method} ${p.url} → ${status}.${p.detail ? ` ${p.detail}` : ''}` });
      else {
        const cause = p.kind === 'auth-smoke' || p.kind === 'health' ? probeCause(p) : undefined;
        add({ id: `probe:${p.kind}`, title, severity: 'error', what: `${p.method} ${p.url} → ${status}${p.said ? ` "${p.said}"` : ''}.`, ...(p.cause ? { why: p.cause } : {}), ...(p.fix ? { fix: p.fix } : {}), fixAction: 'probe', ...(cause ? { cause } : {}) });
      }
    }
  }

  // 9. caller logs
  for (const l of facts.logs) {
    const scan = scanLogLines(l.lines);
    if (scan.refused === 0) continue;
    const said = scan.last ? ` The last one said what ${scan.last.system} says when: ${scan.last.cause}` : '';
    add({
      id: `caller-logs:${l.service}`,
      title: `401s in ${l.service}'s logs`,
      severity: scan.succeededAfter ? 'info' : 'warning',
      what: `${l.service}'s recent logs show ${scan.refused} refused call${scan.refused === 1 ? '' : 's'}${scan.succeededAfter ? ', followed by a successful one' : ''}.${said}`,
      ...(scan.last ? { fix: scan.last.fix } : {}),
      ...(!scan.succeededAfter && scan.last && LOG_CAUSE[scan.last.id] ? { cause: LOG_CAUSE[scan.last.id] } : {}),
    });
  }
  return out;
}

/** What a recognised error body in the caller's logs says the cause is. */
const LOG_CAUSE: Record<string, DoctorCause> = {
  'hub-header-format': 'header-shape',
  'hub-missing-header': 'missing-value',
  'hogsend-insufficient-scope': 'missing-scope',
  'tokenhub-scope': 'missing-scope',
  'hiveforge-missing-scope': 'missing-scope',
  'rate-limited': 'rate-limited',
};

/** True when any finding is still an error (the CLI exits 1). */
export const hasErrors = (findings: readonly DoctorFinding[]): boolean => findings.some((f) => f.severity === 'error');
