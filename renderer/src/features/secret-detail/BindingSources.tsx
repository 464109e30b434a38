/** Per binding: which file wins, Compose overrides, the running container — lowest precedence first. */
import type { BindingStatus, ValueSource } from '../../../../shared/domain.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { StateBadge } from '../../components/StateBadge.js';

const SOURCE_KIND: Record<ValueSource['kind'], string> = {
  'env-file': '.env file',
  'compose-environment': 'Compose environment',
  container: 'Running container',
};

export function BindingSources({ binding }: { binding: BindingStatus }) {
  const sources = binding.sources;
  return (
    <article className="binding" aria-label={`${binding.service} ${binding.var}`}>
      <header className="binding-head">
        <strong>{binding.service}</strong>
        <code>{binding.var}</code>
        <span className="muted">{binding.role}</span>
        <StateBadge state={binding.state} />
        <Fingerprint value={binding.fingerprint} label={`${binding.service} effective fingerprint`} />
      </header>
      <p className="binding-file">
        <code>
          {binding.file}
          {binding.line ? `:${binding.line}` : ''}
        </code>
        {binding.line === null && <span className="muted"> (not set yet: Keyhive would write here)</span>}
      </p>
      {binding.detail && <p className="binding-detail">{binding.detail}</p>}
      {sources.length > 0 && (
        <ol className="sources" aria-label="Where the value comes from, lowest precedence first">
          {sources.map((s, i) => (
            <li key={i} className={i === sources.length - 1 ? 'source source-wins' : 'source'}>
              <span className="source-kind">{SOURCE_KIND[s.kind]}</span>
              {s.file && (
                <code className="source-file">
                  {s.file}
                  {s.line ? `:${s.line}` : ''}
                </code>
              )}
              <Fingerprint value={s.fingerprint} label="source fingerprint" />
              {i === sources.length - 1 && <span className="source-tag">wins</span>}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
