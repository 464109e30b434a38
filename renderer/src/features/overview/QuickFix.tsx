/**
 * The one-click fix beside a secret that needs attention: store the agreed value in the
 * keychain when there is no entry yet, otherwise open Sync to choose the right value.
 */
import type { SecretStatus } from '../../../../shared/domain.js';
import { useApp } from '../../stores/store-context.js';

export function QuickFix({ secret, onSync }: { secret: SecretStatus; onSync(): void }) {
  const importSecret = useApp((s) => s.importSecret);
  const busy = useApp((s) => s.busy === `import:${secret.name}`);
  if (secret.state === 'no-keychain-entry') {
    const from = secret.bindings.find((b) => b.role === 'server' && b.fingerprint) ?? secret.bindings.find((b) => b.fingerprint);
    if (!from) return null;
    return (
      <button
        type="button"
        className="button button-small button-primary"
        onClick={() => void importSecret(secret.name, from.service)}
        disabled={busy}
        aria-label={`Store ${secret.name} in the keychain from ${from.service}`}
      >
        {busy ? 'Storing…' : 'Store in keychain'}
      </button>
    );
  }
  return (
    <button type="button" className="button button-small" onClick={onSync} aria-label={`Sync ${secret.name}…`}>
      Sync…
    </button>
  );
}
