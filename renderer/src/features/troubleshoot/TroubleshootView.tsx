/** The 401 doctor as a guided checklist: each step says what, why and the fix, with a fix button. */
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
  return (
    <section className="view" aria-labelledby="doctor-title">
      <header className="view-head">
        <h1 id="doctor-title">Troubleshoot a 401</h1>
        <p className="view-sub">A service answers 401 Unauthorized? Walk the checklist: each step checks one cause, in the order they usually happen.</p>
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
      {findings === null ? (
        <Skeleton lines={5} label="Running the checklist" />
      ) : (
        <ol className="checklist" aria-label="Checklist">
          {findings.map((f) => (
            <li key={`${f.secret}:${f.id}`} className={`check-item sev-${f.severity}`} data-severity={f.severity}>
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
              {f.fixAction && f.severity !== 'ok' && (
                <button type="button" className="button button-small button-primary" onClick={() => void fix(f)} disabled={fixing !== null} aria-label={`${FIX_LABEL[f.fixAction]} (${f.title})`}>
                  {fixing === f.id ? 'Fixing…' : FIX_LABEL[f.fixAction]}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
