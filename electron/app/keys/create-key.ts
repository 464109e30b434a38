/**
 * `keys.create` / `keyhive keys create`: a key through the issuer's admin API. For a workspace
 * secret the plaintext goes straight from the answer into the keychain and every binding (the
 * session's sync), then the consumers are made live (the same restart as Sync) and the secret's
 * probe runs with it. Without a secret it is kept in its own keychain entry. Never returned.
 */
import type { KeyCreated } from '../../../shared/keys.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { assertKnownScopes, scopeModel } from '../../core/scopes/scopes.js';
import { accounts } from '../../core/secrets/secret-store.js';
import { clientFor, clockOfKeys, issuedKeyAccount, issuedSecret, issuerConfig, type KeysContext, withKeysLock } from './keys-context.js';

export interface CreateKeyRequest {
  issuer: string;
  name: string;
  scopes: string[];
  secret?: string;
  expiresAt?: string;
}

/** createKey, holding the workspace lock. */
export function createKey(ctx: KeysContext, req: CreateKeyRequest, progress?: (detail: string) => void): Promise<KeyCreated> {
  return withKeysLock(ctx, 'keys-create', () => createKeyLocked(ctx, req, progress));
}

async function createKeyLocked(ctx: KeysContext, req: CreateKeyRequest, progress?: (detail: string) => void): Promise<KeyCreated> {
  const issuer = issuerConfig(ctx, req.issuer);
  assertKnownScopes(scopeModel(issuer.system), req.scopes);
  if (req.expiresAt !== undefined && Date.parse(req.expiresAt) <= clockOfKeys(ctx)().getTime()) {
    throw new KeyhiveError('BAD_INPUT', `the expiry ${req.expiresAt} is in the past`, { fix: 'choose a later date, or none' });
  }
  if (req.secret !== undefined) {
    const { issuerName } = issuedSecret(ctx, req.secret);
    if (issuerName !== req.issuer) {
      throw new KeyhiveError('BAD_INPUT', `${req.secret} is issued by "${issuerName}", not "${req.issuer}"`, { file: ctx.workspace.file, fix: `use --issuer ${issuerName}` });
    }
  }
  const client = await clientFor(ctx, req.issuer);
  const { key, plaintext } = await client.create({ name: req.name, scopes: req.scopes, ...(req.expiresAt ? { expiresAt: req.expiresAt } : {}) });
  progress?.(`created ${key.prefix}… with [${key.scopes.join(', ') || 'all endpoints'}]`);
  if (req.secret === undefined) {
    const account = issuedKeyAccount(ctx.workspace.id, req.issuer, key.id);
    await ctx.store.set(account, plaintext);
    return { key, storedAs: account, live: null, probe: null };
  }
  await ctx.syncValue(req.secret, plaintext);
  progress?.(`wrote it to ${req.secret}'s bindings and the keychain`);
  const live = ctx.restartConsumers ? await ctx.restartConsumers(req.secret, progress) : null;
  if (live) progress?.(live);
  const probe = ctx.probe ? await ctx.probe(req.secret) : null;
  if (probe) progress?.(`probe ${probe.ok ? 'passed' : 'FAILED'}: ${probe.detail}`);
  await ctx.activity?.append({
    kind: 'keys',
    secret: req.secret,
    summary: `Created ${issuer.system} key ${key.prefix}… "${key.name}" [${key.scopes.join(', ')}] for ${req.secret}${probe ? ` — probe ${probe.ok ? 'passed' : 'failed'}` : ''}.`,
  });
  return { key, storedAs: accounts.secret(ctx.workspace.id, req.secret), live, probe };
}
