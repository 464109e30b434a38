/**
 * The leak guard: where a managed secret (in any encoding), an untracked key of a known system or
 * a git-trackable env file was found — in the working tree, the history or the Docker images —
 * with the one-click fixes: rotate the secret now, add the file to .gitignore, write .env.example.
 * Shows names, places and encodings only; never a value.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors.js';
import type { ScanFinding, ScanReport, ScanScope } from '../../../../shared/scan.js';
import { useApiClient } from '../../api/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useApp } from '../../stores/store-context.js';
import { EnvExampleChecks } from './EnvExampleChecks.js';
import { FindingItem } from './FindingItem.js';

export function LeaksView() {
  const { api } = useApiClient();
  const pushToast = useApp((s) => s.pushToast);
  const [history, setHistory] = useState(false);
  const [images, setImages] = useState(false);
  const [report, setReport] = useState<ScanReport | null>(null);
  const [scanning, setScanning] = useState(true);
  const [error, setError] = useState<ErrorPayload | null>(null);
  /** What the last "Scan" asked for; a new object each time, so the same scope scans again. */
  const [scope, setScope] = useState<Partial<ScanScope>>({});

  useEffect(() => {
    let live = true;
    void api.invoke('scan.run', scope).then((r) => {
      if (!live) return;
      setScanning(false);
      if (r.ok) setReport(r.value);
      setError(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [api, scope]);

  const rescan = useCallback(() => {
    setScanning(true);
    setScope(history || images ? { history, images } : {});
  }, [history, images]);
  const fix = useCallback(
    async (request: { action: 'gitignore'; file: string } | { action: 'env-example'; service: string }) => {
      const r = await api.invoke('scan.fix', request);
      if (!r.ok) return setError(r.error);
      pushToast({ tone: 'success', title: r.value.applied });
      rescan();
    },
    [api, pushToast, rescan],
  );

  const findings = report?.findings ?? [];
  return (
    <section className="view" aria-labelledby="leaks-title">
      <header className="view-head">
        <h1 id="leaks-title">Leaks</h1>
        <p className="view-sub">Keyhive looks for the exact values it manages — raw, base64, URL-, JSON- or shell-encoded — and for keys of Hogsend, TokenHub and HiveForge that nobody manages yet. No guessing from shapes, so no false alarms.</p>
      </header>
      <div className="toolbar">
        <label className="check-option">
          <input type="checkbox" checked={history} onChange={(e) => setHistory(e.target.checked)} /> Git history
        </label>
        <label className="check-option">
          <input type="checkbox" checked={images} onChange={(e) => setImages(e.target.checked)} /> Docker images
        </label>
        <button type="button" className="button button-primary" onClick={rescan} disabled={scanning}>
          {scanning ? 'Scanning…' : 'Scan'}
        </button>
        {report && !scanning && (
          <span className={findings.length ? 'answer-no' : 'answer-yes'} role="status">
            {findings.length ? `${findings.length} finding${findings.length === 1 ? '' : 's'}` : 'No leaks found'}
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} title="The scan could not finish" />}
      {scanning && !report ? (
        <Skeleton lines={4} label="Scanning" />
      ) : (
        report && (
          <>
            {findings.length > 0 && (
              <ol className="checklist" aria-label="Findings">
                {findings.map((f: ScanFinding, i) => (
                  <FindingItem key={`${f.kind}:${f.secret}:${f.system}:${f.file}:${f.line}:${f.commit}:${f.image}:${f.encoding}:${f.where}:${i}`} finding={f} onIgnore={(file) => void fix({ action: 'gitignore', file })} />
                ))}
              </ol>
            )}
            <EnvExampleChecks checks={report.envExamples} onWrite={(service) => void fix({ action: 'env-example', service })} />
            {report.placeholders.length > 0 && (
              <section aria-label="Documentation examples">
                <h2>Documentation examples</h2>
                <ul className="plain-list">
                  {report.placeholders.map((p, i) => (
                    <li key={`${p.file}:${p.line}:${i}`} className="muted">
                      {p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : p.image}: an example {p.system} key from its documentation — not a real key, but replace it before use.
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {report.skippedSecrets.length > 0 && <p className="muted">Not searched for (values shorter than 12 characters): {report.skippedSecrets.join(', ')}.</p>}
            {report.warnings.map((w) => (
              <p key={w} className="muted" role="note">
                {w}
              </p>
            ))}
          </>
        )
      )}
    </section>
  );
}
