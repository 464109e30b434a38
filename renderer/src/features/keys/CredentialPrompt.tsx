/**
 * Asks for an issuer's admin credential when it is missing or expired (a HiveForge owner/admin
 * JWT), with the reason in words instead of a 401. The value goes to the keychain and is cleared
 * from the field at once.
 */
import { useState } from 'react';
import type { IssuerKeys } from '../../../../shared/keys.js';
import { useApiClient } from '../../api/context.js';
import { useApp } from '../../stores/store-context.js';

export function CredentialPrompt({ issuer, onStored }: { issuer: IssuerKeys; onStored(): void }) {
  const { api } = useApiClient();
  const pushError = useApp((s) => s.pushError);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const what = issuer.system === 'hiveforge' ? 'an owner or admin JWT' : 'the admin credential';
  const store = async () => {
    setBusy(true);
    const credential = value;
    setValue('');
    const r = await api.invoke('keys.setCredential', { issuer: issuer.issuer, credential });
    setBusy(false);
    if (!r.ok) return void pushError(r.error, `Could not store the ${issuer.issuer} credential`);
    onStored();
  };
  return (
    <form className="credential-prompt" aria-label={`${issuer.issuer} credential`} onSubmit={(e) => (e.preventDefault(), void store())}>
      <p role="alert">{issuer.credential.problem}</p>
      <label>
        Paste {what} for {issuer.issuer} (kept in the keychain)
        <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={busy || value.trim() === ''}>
        Store in the keychain
      </button>
    </form>
  );
}
