/**
 * The 401/403 doctor as a guided checklist: the most likely cause first (named above the list),
 * each step says what, why and the fix, with a fix button where a safe fix exists. Restarting a
 * process Keyhive did not start asks for confirmation first.
 */
import { useEffect, useState } from 'react';
import type { DoctorFinding, FindingSeverity } from '../../../../shared/domain.js';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { useApiClient } from '../../api/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useApp } from '../../stores/store-context.js';
import { SelectField } from '../../components/SelectField.js';

const SEVERITY_WORD: Record<FindingSeverity, string> = { ok: 'OK', info: 'Note', warning: 'Warning', error: 'Problem' };
const SEVERITY_MARK: Record<FindingSeverity, string> = { ok: '✓', info: 'i', warning: '!', error: '✕' };
const FIX_LABEL: Record<NonNullable<DoctorFinding['fixAction']>, string> = {
  'sync-from-keychain': 'Sync from keychain',
  'recreate-services': 'Recreate services',
  'restart-services': 'Restart services',
  probe: 'Probe again',
  'fix-caller-url': 'Use the URL for this run mode',
  'restart-stale-process': 'Restart the process…',
};

/** Plain words for each cause the doctor can name. */
const CAUSE_WORDS: Record<NonNullable<DoctorFinding['cause']>, string> = {
  'missing-value': 'a side has no key',
  drift: 'the two sides hold different keys',
  shadowed: '.env.local shadows .env',
  placeholder: 'an example key from the documentation',
  'bad-format': 'the key has the wrong format',
  'wrong-env-prefix': 'a key for the wrong environment',
  'unknown-key': 'the issuer does not know this key',
  revoked: 'the key was revoked',
  expired: 'the key expired',
  disabled: 'the key is disabled',
  'cache-window': 'inside the issuer’s cache window',
  'missing-scope': 'the key lacks a scope',
  'rate-limited': 'rate limited (429)',
  'no-admin-key': 'no admin key configured (503)',
  'header-shape': 'wrong Authorization header shape',
  'wrong-url': 'the wrong URL for the run mode',
  'stale-container': 'a container still runs with the old key',
  'stale-process': 'a process still runs with the old key',
  'service-down': 'a service is not running',
  'issuer-unreachable': 'the issuer could not be asked',
  'key-refused': 'the server refuses the key',
};

export function TroubleshootView() {
  const { api } = useApiClient();
  const names = useApp((s) => (s.status?.secrets ?? []).map((x) => x.name).join('\n'));
  const refresh = useApp((s) => s.refresh);
  const pushToast = useApp((s) => s.pushToast);
  const [secret, setSecret] = useState('');
  const [findings, setFindings] = useState<DoctorFinding[] | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [fixing, setFixing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void api.invoke('doctor.run', secret ? { secret } : {}).then((r) => {
      if (!live) return;
      setFindings(r.ok ? r.value : []);
      setError(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [api, secret, round]);
  const rerun = (which: string) => {
    setFindings(null);
    setSecret(which);
    setRound((n) => n + 1);
  };

  const fix = async (f: DoctorFinding) => {
    if (!f.fixAction) return;
    setConfirming(null);
    setFixing(f.id);
    const r = await api.invoke('doctor.fix', { secret: f.secret, action: f.fixAction });
    setFixing(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    setFindings((prev) => {
      const others = (prev ?? []).filter((x) => x.secret !== f.secret);
      return secret ? r.value.findings : [...others, ...r.value.findings];
    });
    pushToast({ tone: 'success', title: r.value.applied });
    void refresh();
  };

  const problems = (findings ?? []).filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  const cause = (findings ?? []).find((f) => f.cause && (f.severity === 'error' || f.severity === 'warning'));
  const fixKey = (f: DoctorFinding) => `${f.secret}:${f.id}`;
  return (
    <section className="view" aria-labelledby="doctor-title">
      <header className="view-head">
        <h1 id="doctor-title">Troubleshoot a 401</h1>
        <p className="view-sub">A service answers 401 Unauthorized or 403 Forbidden? The most likely cause comes first; each step checks one cause, with its evidence and the fix.</p>
      </header>
      <div className="toolbar">
        <SelectField label="Secret" value={secret} options={names ? names.split('\n') : []} onChange={rerun} allLabel="All secrets" />
        <button type="button" className="button" onClick={() => rerun(secret)} disabled={findings === null}>
          Check again
        </button>
        {findings && (
          <span className={problems ? 'answer-no' : 'answer-yes'} role="status">
            {problems ? `${problems} step${problems === 1 ? '' : 's'} need${problems === 1 ? 's' : ''} attention` : 'Every check passed'}
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} title="The doctor could not finish" />}
      {cause?.cause && (
        <p className="notice" role="note" aria-label="Most likely cause" data-cause={cause.cause}>
          <strong>Most likely cause: {CAUSE_WORDS[cause.cause]}</strong>
          {!secret && <span className="muted"> · {cause.secret}</span>} — {cause.title}
        </p>
      )}
      {findings === null ? (
        <Skeleton lines={5} label="Running the checklist" />
      ) : (
        <ol className="checklist" aria-label="Checklist">
          {findings.map((f) => (
            <li key={fixKey(f)} className={`check-item sev-${f.severity}`} data-severity={f.severity} {...(f.cause ? { 'data-cause': f.cause } : {})}>
              <span className="check-mark" aria-hidden="true">
                {SEVERITY_MARK[f.severity]}
              </span>
              <div className="check-body">
                <h3>
                  {f.title} <span className={`sev-word sev-word-${f.severity}`}>{SEVERITY_WORD[f.severity]}</span>
                  {!secret && <span className="muted"> · {f.secret}</span>}
                </h3>
                <p>{f.what}</p>
                {f.why && <p className="muted">{f.why}</p>}
                {f.fix && (
                  <p className="notice-fix">
                    <span className="notice-fix-label">Fix: </span>
                    {f.fix}
                  </p>
                )}
              </div>
              {f.fixAction && f.severity !== 'ok' && confirming !== fixKey(f) && (
                <button
                  type="button"
                  className="button button-small button-primary"
                  onClick={() => (f.fixAction === 'restart-stale-process' ? setConfirming(fixKey(f)) : void fix(f))}
                  disabled={fixing !== null}
                  aria-label={`${FIX_LABEL[f.fixAction]} (${f.title})`}
                >
                  {fixing === f.id ? 'Fixing…' : FIX_LABEL[f.fixAction]}
                </button>
              )}
              {confirming === fixKey(f) && (
                <div className="confirm-inline" role="group" aria-label="Confirm the restart">
                  <p className="muted">Keyhive did not start this process. Stop it and start the service with its configured command?</p>
                  <button type="button" className="button button-small button-danger" onClick={() => void fix(f)} disabled={fixing !== null}>
                    {fixing === f.id ? 'Restarting…' : 'Stop and restart'}
                  </button>
                  <button type="button" className="button button-small" onClick={() => setConfirming(null)}>
                    Cancel
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
