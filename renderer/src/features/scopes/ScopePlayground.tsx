/** Ask about any scope set (no issued key needed): pick the system, type the scopes, ask an endpoint. */
import { useState } from 'react';
import { IssuerSystem } from '../../../../shared/domain.js';
import type { IssuerSystem as System } from '../../../../shared/domain.js';
import { SelectField } from '../../components/SelectField.js';
import { EndpointCheck } from './EndpointCheck.js';

/** A real scope set of each system to start from (see electron/core/scopes). */
const EXAMPLE: Record<System, string> = { hogsend: 'read', tokenhub: 'chat', hiveforge: 'read chat' };

export function ScopePlayground() {
  const [system, setSystem] = useState<System>('tokenhub');
  const [scopes, setScopes] = useState(EXAMPLE.tokenhub);
  const list = scopes.split(/[\s,]+/).filter(Boolean);
  return (
    <section className="panel" aria-labelledby="playground-title">
      <h2 id="playground-title">Check any scopes</h2>
      <div className="toolbar">
        <SelectField
          label="System"
          value={system}
          options={IssuerSystem.options}
          onChange={(value) => {
            const next = value as System;
            setSystem(next);
            setScopes(EXAMPLE[next]);
          }}
        />
        <label className="field field-grow">
          <span>Scopes (space or comma separated)</span>
          <input value={scopes} onChange={(e) => setScopes(e.target.value)} spellCheck={false} />
        </label>
      </div>
      <EndpointCheck key={system} system={system} scopes={list} suggestions={[]} />
    </section>
  );
}
