/**
 * `keys.revoke`, `keys.setEnabled`, `keys.updateScopes`. Revoking (or disabling) a key that a
 * workspace binding still holds is refused, naming every holder, unless forced: the consumer
 * would start failing with 401.
 */
import type { IssuedKey } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { assertKnownScopes, scopeModel } from '../../core/scopes/scopes.js';
import { clientFor, issuedKeyAccount, issuerConfig, type KeysContext, withKeysLock } from './keys-context.js';
import { heldValues, holdersOf } from './holders.js';

async function holdersOfId(ctx: KeysContext, issuer: string, id: string): Promise<{ key: IssuedKey; holders: string[] }> {
  const client = await clientFor(ctx, issuer);
  const keys = await client.list({ includeRevoked: true });
  const key = keys.find((k) => k.id === id);
  if (!key) throw new KeyhiveError('NOT_FOUND', `${issuer} lists no key ${id}`, { fix: `check the id with \`keyhive keys list --issuer ${issuer} --all\`` });
  const held = await heldValues(ctx);
  return { key, holders: holdersOf(key, issuer, held, keys).map((h) => `${h.service}:${h.var} (${h.secret})`) };
}

function refuseInUse(what: string, key: IssuedKey, holders: string[], issuer: string): never {
  throw new KeyhiveError('BAD_INPUT', `${what} ${key.prefix}… ("${key.name}") is refused: ${holders.join(', ')} still ${holders.length === 1 ? 'uses' : 'use'} it`, {
    fix: `rotate the consumer to a new key first (keyhive keys rotate SECRET), or force it: keyhive keys revoke --issuer ${issuer} ${key.id} --force`,
  });
}

async function revokeKeyLocked(ctx: KeysContext, req: { issuer: string; id: string; force?: boolean }): Promise<{ revoked: boolean; heldBy: string[] }> {
  issuerConfig(ctx, req.issuer);
  const { key, holders } = await holdersOfId(ctx, req.issuer, req.id);
  if (holders.length > 0 && !req.force) refuseInUse('revoking', key, holders, req.issuer);
  await (await clientFor(ctx, req.issuer)).revoke(req.id);
  await ctx.store.delete(issuedKeyAccount(ctx.workspace.id, req.issuer, req.id));
  await ctx.activity?.append({
    kind: 'keys',
    summary: `Revoked ${key.prefix}… ("${key.name}") on ${req.issuer}${holders.length ? ` although ${holders.join(', ')} still used it (forced)` : ''}.`,
  });
  return { revoked: true, heldBy: holders };
}

async function setKeyEnabledLocked(ctx: KeysContext, req: { issuer: string; id: string; enabled: boolean; force?: boolean }): Promise<IssuedKey> {
  const client = await clientFor(ctx, req.issuer);
  if (!client.setEnabled) throw new KeyhiveError('BAD_INPUT', `${client.system} cannot enable or disable a key`, { fix: 'revoke it instead' });
  if (!req.enabled && !req.force) {
    const { key, holders } = await holdersOfId(ctx, req.issuer, req.id);
    if (holders.length > 0) refuseInUse('disabling', key, holders, req.issuer);
  }
  const key = await client.setEnabled(req.id, req.enabled);
  await ctx.activity?.append({ kind: 'keys', summary: `${req.enabled ? 'Enabled' : 'Disabled'} ${key.prefix}… ("${key.name}") on ${req.issuer}.` });
  return key;
}

async function updateKeyScopesLocked(ctx: KeysContext, req: { issuer: string; id: string; scopes: string[] }): Promise<IssuedKey> {
  const issuer = issuerConfig(ctx, req.issuer);
  assertKnownScopes(scopeModel(issuer.system), req.scopes);
  const client = await clientFor(ctx, req.issuer);
  if (!client.updateScopes) throw new KeyhiveError('BAD_INPUT', `${client.system} cannot change a key's scopes in place`, { fix: 'create a key with the scopes you want and rotate the consumer to it' });
  const key = await client.updateScopes(req.id, req.scopes);
  await ctx.activity?.append({ kind: 'keys', summary: `Changed the scopes of ${key.prefix}… ("${key.name}") on ${req.issuer} to [${key.scopes.join(', ')}].` });
  return key;
}

/** revokeKey, holding the one workspace lock. */
export const revokeKey = (...a: Parameters<typeof revokeKeyLocked>): ReturnType<typeof revokeKeyLocked> => withKeysLock(a[0], 'keys-revoke', () => revokeKeyLocked(...a));

/** setKeyEnabled, holding the one workspace lock. */
export const setKeyEnabled = (...a: Parameters<typeof setKeyEnabledLocked>): ReturnType<typeof setKeyEnabledLocked> => withKeysLock(a[0], 'keys-enable', () => setKeyEnabledLocked(...a));

/** updateKeyScopes, holding the one workspace lock. */
export const updateKeyScopes = (...a: Parameters<typeof updateKeyScopesLocked>): ReturnType<typeof updateKeyScopesLocked> => withKeysLock(a[0], 'keys-scopes', () => updateKeyScopesLocked(...a));
