/** "Can this key call POST /v1/plan?" — answered by the engine, naming the missing scope. */
import { useState } from 'react';
import type { ScopeCheck } from '../../../../shared/api.js';
import type { IssuerSystem } from '../../../../shared/domain.js';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { useApiClient } from '../../api/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

export function EndpointCheck({ system, scopes, suggestions }: { system: IssuerSystem; scopes: string[]; suggestions: string[] }) {
  const { api } = useApiClient();
  const [endpoint, setEndpoint] = useState('');
  const [answer, setAnswer] = useState<ScopeCheck | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [checking, setChecking] = useState(false);
  const check = async (e: React.FormEvent) => {
    e.preventDefault();
    const ep = endpoint.trim().replace(/\s+/, ' ');
    if (!ep) return;
    setChecking(true);
    const r = await api.invoke('scopes.check', { system, scopes, endpoint: ep });
    setChecking(false);
    if (r.ok) {
      setAnswer(r.value);
      setError(null);
    } else {
      setAnswer(null);
      setError(r.error);
    }
  };
  return (
    <form className="endpoint-check" onSubmit={(e) => void check(e)} aria-label="Endpoint check">
      <label htmlFor="endpoint-input">Can this key call…</label>
      <div className="endpoint-row">
        <input
          id="endpoint-input"
          list="endpoint-suggestions"
          value={endpoint}
          onChange={(e) => setEndpoint(e.target.value)}
          placeholder="POST /v1/plan"
          spellCheck={false}
          autoComplete="off"
        />
        <datalist id="endpoint-suggestions">
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <button type="submit" className="button" disabled={checking || !endpoint.trim()}>
          Check
        </button>
      </div>
      <div className="endpoint-answer" role="status" aria-live="polite">
        {answer && (
          <p className={answer.covered ? 'answer-yes' : 'answer-no'}>
            <strong>{answer.covered ? 'Yes' : 'No'}</strong> — <code>{answer.endpoint}</code>{' '}
            {answer.covered ? 'is covered.' : answer.missing ? (
              <>
                needs the scope <code className="missing-scope">{answer.missing}</code>.
              </>
            ) : (
              'is not covered.'
            )}
            <span className="answer-reason"> {answer.reason}</span>
          </p>
        )}
        {error && <ErrorNotice error={error} />}
      </div>
    </form>
  );
}
