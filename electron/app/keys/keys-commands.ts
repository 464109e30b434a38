/**
 * The key use cases behind `keys.list`, `keys.create`, `keys.revoke` (and storing an issuer's
 * admin credential). A new key's plaintext goes straight from the issuer's answer into the
 * keychain — and, when it is for a workspace secret, to every consumer through the session's
 * sync — and is never returned, logged or shown.
 */
import type { IssuedKey } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { clientFor, credentialAccount, issuerConfig, type KeysContext, withKeysLock } from './keys-context.js';
import { createKey } from './create-key.js';
import { revokeKey } from './revoke-key.js';

export async function keysList(ctx: KeysContext, req: { issuer: string; includeRevoked?: boolean }): Promise<IssuedKey[]> {
  return (await clientFor(ctx, req.issuer)).list({ includeRevoked: req.includeRevoked ?? false });
}

/** `keys.create` (see keys/create-key.ts). */
export const keysCreate = createKey;

/** `keys.revoke` (see keys/revoke-key.ts): refused while a binding holds the key, unless forced. */
export const keysRevoke = revokeKey;

/** Stores an issuer's admin credential (legacy key, admin token or JWT) in the keychain. */
async function keysSetCredentialLocked(ctx: KeysContext, req: { issuer: string; credential: string }): Promise<{ account: string }> {
  issuerConfig(ctx, req.issuer);
  const value = req.credential.trim();
  if (value === '') throw new KeyhiveError('BAD_INPUT', 'the credential is empty', { fix: 'pipe the admin credential on stdin, e.g. `printf %s "$TOKEN" | keyhive keys credential --issuer NAME`' });
  const account = credentialAccount(ctx, req.issuer);
  const secret = issuerConfig(ctx, req.issuer).credentialSecret;
  if (secret) await ctx.syncValue(secret, value);
  else await ctx.store.set(account, value);
  return { account };
}

/** keysSetCredential, holding the one workspace lock. */
export const keysSetCredential = (...a: Parameters<typeof keysSetCredentialLocked>): ReturnType<typeof keysSetCredentialLocked> => withKeysLock(a[0], 'keys-credential', () => keysSetCredentialLocked(...a));
