/**
 * The key use cases behind `keys.list`, `keys.create`, `keys.revoke` (and storing an issuer's
 * admin credential). A new key's plaintext goes straight from the issuer's answer into the
 * keychain — and, when it is for a workspace secret, to every consumer through the session's
 * sync — and is never returned, logged or shown.
 */
import type { ResponseOf } from '../../shared/api.js';
import type { IssuedKey } from '../../shared/domain.js';
import { KeyhiveError } from '../../shared/errors.js';
import { assertKnownScopes, scopeModel } from '../core/scopes/scopes.js';
import { accounts } from '../core/secrets/secret-store.js';
import { clientFor, credentialAccount, issuedKeyAccount, issuedSecret, issuerConfig, type KeysContext } from './keys-context.js';

export async function keysList(ctx: KeysContext, req: { issuer: string; includeRevoked?: boolean }): Promise<IssuedKey[]> {
  return (await clientFor(ctx, req.issuer)).list({ includeRevoked: req.includeRevoked ?? false });
}

export async function keysCreate(
  ctx: KeysContext,
  req: { issuer: string; name: string; scopes: string[]; secret?: string; expiresAt?: string },
): Promise<ResponseOf<'keys.create'>> {
  const issuer = issuerConfig(ctx, req.issuer);
  assertKnownScopes(scopeModel(issuer.system), req.scopes);
  if (req.secret !== undefined) {
    const { issuerName } = issuedSecret(ctx, req.secret);
    if (issuerName !== req.issuer) {
      throw new KeyhiveError('BAD_INPUT', `${req.secret} is issued by "${issuerName}", not "${req.issuer}"`, { file: ctx.workspace.file, fix: `use --issuer ${issuerName}` });
    }
  }
  const client = await clientFor(ctx, req.issuer);
  const { key, plaintext } = await client.create({ name: req.name, scopes: req.scopes, ...(req.expiresAt ? { expiresAt: req.expiresAt } : {}) });
  if (req.secret !== undefined) {
    await ctx.syncValue(req.secret, plaintext);
    return { key, storedAs: accounts.secret(ctx.workspace.id, req.secret) };
  }
  const account = issuedKeyAccount(ctx.workspace.id, req.issuer, key.id);
  await ctx.store.set(account, plaintext);
  return { key, storedAs: account };
}

export async function keysRevoke(ctx: KeysContext, req: { issuer: string; id: string }): Promise<{ revoked: boolean }> {
  await (await clientFor(ctx, req.issuer)).revoke(req.id);
  await ctx.store.delete(issuedKeyAccount(ctx.workspace.id, req.issuer, req.id));
  return { revoked: true };
}

/** Stores an issuer's admin credential (legacy key, admin token or JWT) in the keychain. */
export async function keysSetCredential(ctx: KeysContext, req: { issuer: string; credential: string }): Promise<{ account: string }> {
  issuerConfig(ctx, req.issuer);
  const value = req.credential.trim();
  if (value === '') throw new KeyhiveError('BAD_INPUT', 'the credential is empty', { fix: 'pipe the admin credential on stdin, e.g. `printf %s "$TOKEN" | keyhive keys credential --issuer NAME`' });
  const account = credentialAccount(ctx, req.issuer);
  const secret = issuerConfig(ctx, req.issuer).credentialSecret;
  if (secret) await ctx.syncValue(secret, value);
  else await ctx.store.set(account, value);
  return { account };
}
