/**
 * `keys.reveal` / `keys.copy`: the plaintext of a key created for "the keychain only" (its own
 * keychain entry, no workspace secret holds it). An explicit user act, like `secret.reveal`:
 * read from the keychain on demand, never logged, never in an event or the activity log.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import { issuedKeyAccount, issuerConfig, type KeysContext } from './keys-context.js';

export async function issuedKeyValue(ctx: KeysContext, req: { issuer: string; id: string }): Promise<string> {
  issuerConfig(ctx, req.issuer); // an unknown issuer is a clear error, not an empty lookup
  const value = await ctx.store.get(issuedKeyAccount(ctx.workspace.id, req.issuer, req.id));
  if (value === null) {
    throw new KeyhiveError('KEYCHAIN_MISSING', `the keychain holds no key ${req.id} of ${req.issuer} (only keys created for "the keychain only" are kept there)`, {
      fix: 'for a key written to a workspace secret, reveal that secret instead',
    });
  }
  return value;
}
