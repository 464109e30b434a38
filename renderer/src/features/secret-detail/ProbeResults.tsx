/** Probe results with latency; a fixed-height skeleton while they run (no layout jump). */
import type { ProbeResult } from '../../../../shared/domain.js';
import { Skeleton } from '../../components/Skeleton.js';

const KIND: Record<ProbeResult['kind'], string> = {
  health: 'Health',
  'auth-smoke': 'Authenticated call',
  'negative-control': 'Wrong key refused',
  'header-shape': 'Header shape',
};

export function ProbeResults({ results, running }: { results: ProbeResult[] | null; running: boolean }) {
  return (
    <div className="probes">
      {running || results === null ? (
        <Skeleton lines={3} label="Probes running" />
      ) : results.length === 0 ? (
        <p className="muted">No probes configured for this secret (add <code>probes:</code> in keyhive.yaml).</p>
      ) : (
        <ul className="probe-list">
          {results.map((p, i) => (
            <li key={`${p.kind}-${i}`} className={`probe ${p.ok ? 'probe-ok' : 'probe-fail'}`}>
              <span className={`badge ${p.ok ? 'state-in-sync' : 'state-drifted'}`}>
                <span className="badge-dot" aria-hidden="true" />
                {p.ok ? 'Passed' : 'Failed'}
              </span>
              <span className="probe-kind">{KIND[p.kind]}</span>
              <code className="probe-target">
                {p.method} {p.url}
              </code>
              <span className="probe-status">{p.status === null ? 'no answer' : `HTTP ${p.status}`}</span>
              <span className="probe-latency">{p.latencyMs === null ? '—' : `${Math.round(p.latencyMs)} ms`}</span>
              {!p.ok && (p.cause || p.fix) && (
                <p className="probe-cause">
                  {p.cause}
                  {p.fix && (
                    <>
                      {' '}
                      <span className="notice-fix-label">Fix:</span> {p.fix}
                    </>
                  )}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
