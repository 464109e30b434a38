/** Ask about any scope set (no issued key needed): pick the system, type the scopes, ask an endpoint. */
import { useState } from 'react';
import { IssuerSystem } from '../../../../shared/domain.js';
import type { IssuerSystem as System } from '../../../../shared/domain.js';
import { EndpointCheck } from './EndpointCheck.js';

const EXAMPLE: Record<System, string> = { hogsend: 'messages:send', tokenhub: 'chat', hiveforge: 'runs:read' };

export function ScopePlayground() {
  const [system, setSystem] = useState<System>('tokenhub');
  const [scopes, setScopes] = useState(EXAMPLE.tokenhub);
  const list = scopes.split(/[\s,]+/).filter(Boolean);
  return (
    <section className="panel" aria-labelledby="playground-title">
      <h2 id="playground-title">Check any scopes</h2>
      <div className="toolbar">
        <label className="field">
          <span>System</span>
          <select
            value={system}
            onChange={(e) => {
              const s = e.target.value as System;
              setSystem(s);
              setScopes(EXAMPLE[s]);
            }}
          >
            {IssuerSystem.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>Scopes (space or comma separated)</span>
          <input value={scopes} onChange={(e) => setScopes(e.target.value)} spellCheck={false} />
        </label>
      </div>
      <EndpointCheck key={system} system={system} scopes={list} suggestions={[]} />
    </section>
  );
}
