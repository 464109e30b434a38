/** Issued keys: their scopes as a tree, an endpoint question box, least-privilege advice, badges. */
import { useEffect, useState } from 'react';
import type { SecretScopes } from '../../../../shared/api.js';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { useApiClient } from '../../api/context.js';
import { Skeleton } from '../../components/Skeleton.js';
import { useApp } from '../../stores/store-context.js';
import { EndpointCheck } from './EndpointCheck.js';
import { KeyBadges } from './KeyBadges.js';
import { ScopePlayground } from './ScopePlayground.js';
import { ScopeTree } from './ScopeTree.js';
import { SelectField } from '../../components/SelectField.js';

type Loaded = { byName: Map<string, SecretScopes>; errors: Map<string, ErrorPayload> };

export function ScopesView() {
  const { api } = useApiClient();
  const names = useApp((s) => (s.status?.secrets ?? []).map((x) => x.name).join('\n'));
  const selected = useApp((s) => s.selectedSecret);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const list = names ? names.split('\n') : [];
    void Promise.all(list.map(async (n) => [n, await api.invoke('scopes.forSecret', { secret: n })] as const)).then((rs) => {
      if (!live) return;
      const byName = new Map<string, SecretScopes>();
      const errors = new Map<string, ErrorPayload>();
      for (const [n, r] of rs) {
        if (r.ok) byName.set(n, r.value);
        else errors.set(n, r.error);
      }
      setLoaded({ byName, errors });
    });
    return () => {
      live = false;
    };
  }, [api, names]);
  const issued = loaded ? [...loaded.byName.keys()] : [];
  const current = choice ?? (selected && loaded?.byName.has(selected) ? selected : issued[0]) ?? null;
  const data = current ? loaded?.byName.get(current) : undefined;
  return (
    <section className="view" aria-labelledby="scopes-title">
      <header className="view-head">
        <h1 id="scopes-title">Scopes</h1>
        <p className="view-sub">What each issued key (Hogsend, TokenHub, HiveForge) may do, and whether that is enough — or too much.</p>
      </header>
      {loaded === null ? (
        <Skeleton lines={6} label="Loading scopes" />
      ) : issued.length === 0 ? (
        <>
        <div className="empty-note">
          <p>No secret in this workspace is an issued key.</p>
          <p className="muted">
            Give a secret an <code>issuer:</code> and <code>scopes:</code> in keyhive.yaml to see its scopes here.
          </p>
        </div>
        <ScopePlayground />
        </>
      ) : (
        <div className="scopes-layout">
          <SelectField label="Key" value={current ?? ''} options={issued} onChange={setChoice} />
          {data && <ScopesPanel data={data} />}
        </div>
      )}
    </section>
  );
}

function ScopesPanel({ data }: { data: SecretScopes }) {
  const extra = data.leastPrivilege ? data.scopes.filter((s) => !data.leastPrivilege!.includes(s)) : [];
  const lacking = data.leastPrivilege ? data.leastPrivilege.filter((s) => !data.expanded.includes(s) && !data.scopes.includes(s)) : [];
  return (
    <div className="scopes-panel">
      <section className="panel" aria-labelledby="key-title">
        <h2 id="key-title">
          {data.secret} <span className="muted">· {data.system}</span>
        </h2>
        {data.key ? <KeyBadges issued={data.key} /> : <p className="muted">The issuer has not reported this key (no admin access, or it is not issued yet).</p>}
        {data.warnings.length > 0 && (
          <ul className="warnings">
            {data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="tree-title">
        <h2 id="tree-title">Scopes held</h2>
        {data.tree.length === 0 ? <p className="muted">This key holds no scopes.</p> : <ScopeTree key={data.secret} tree={data.tree} label={`Scopes of ${data.secret}`} />}
      </section>
      <section className="panel" aria-labelledby="check-title">
        <h2 id="check-title">Endpoint check</h2>
        <EndpointCheck key={data.secret} system={data.system} scopes={data.scopes} suggestions={[]} />
      </section>
      <section className="panel" aria-labelledby="lp-title">
        <h2 id="lp-title">Least privilege</h2>
        {data.leastPrivilege === null ? (
          <p className="muted">
            List what the consumer calls under <code>endpoints:</code> in keyhive.yaml to get a least-privilege suggestion.
          </p>
        ) : extra.length === 0 && lacking.length === 0 ? (
          <p className="answer-yes">This key holds exactly what its endpoints need.</p>
        ) : (
          <ul className="lp-list">
            {lacking.map((s) => (
              <li key={`+${s}`}>
                Add <code>{s}</code>: a listed endpoint needs it.
              </li>
            ))}
            {extra.map((s) => (
              <li key={`-${s}`}>
                Consider dropping <code>{s}</code>: no listed endpoint needs it.
              </li>
            ))}
            <li>
              Suggested set: <code>{data.leastPrivilege.join(' ')}</code>
            </li>
          </ul>
        )}
      </section>
    </div>
  );
}
