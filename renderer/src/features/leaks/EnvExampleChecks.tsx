/** Each service's .env.example: missing bound variables, real values in it, and "Write .env.example". */
import type { EnvExampleCheck } from '../../../../shared/scan.js';

export function EnvExampleChecks({ checks, onWrite }: { checks: EnvExampleCheck[]; onWrite: (service: string) => void }) {
  if (checks.length === 0) return null;
  return (
    <section aria-label=".env.example">
      <h2>.env.example</h2>
      <ul className="checklist">
        {checks.map((c) => {
          const ok = c.exists && c.missing.length === 0 && c.realValues.length === 0;
          const problems = [!c.exists && 'does not exist yet', c.missing.length > 0 && `lacks ${c.missing.join(', ')}`, c.realValues.length > 0 && `holds a real value for ${c.realValues.join(', ')}`].filter(Boolean);
          return (
            <li key={c.service} className={`check-item sev-${ok ? 'ok' : c.realValues.length ? 'error' : 'info'}`}>
              <span className="check-mark" aria-hidden="true">
                {ok ? '✓' : c.realValues.length ? '✕' : 'i'}
              </span>
              <div className="check-body">
                <h3>
                  {c.service} <span className="muted">· {c.file}</span>
                </h3>
                <p>{ok ? 'Every bound variable is there, with placeholders only.' : `${c.file} ${problems.join('; ')}.`}</p>
              </div>
              {!ok && (
                <button type="button" className="button button-small button-primary" onClick={() => onWrite(c.service)} aria-label={`Write .env.example for ${c.service}`}>
                  Write .env.example
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
