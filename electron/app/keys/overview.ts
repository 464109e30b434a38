/**
 * `keys.overview` — what the Keys view, the overview's debt panel and `keyhive status --json`
 * show: per issuer, its admin credential (where it lives, a JWT's expiry, what is wrong), its
 * scope hierarchy, and every key with state, expanded scopes, holders (by fingerprint) and debt.
 * The clock is `ctx.clock`. An issuer that cannot be asked shows its error, not an exception.
 */
import { toErrorPayload, KeyhiveError } from '../../../shared/errors.js';
import type { IssuedKey } from '../../../shared/domain.js';
import type { IssuerCredential, IssuerKeys, KeyRow, KeysOverview, KeyState } from '../../../shared/keys.js';
import { keyDebt } from '../../core/issuers/key-debt.js';
import { expand, leastPrivilege } from '../../core/scopes/scopes.js';
import { scopeTree } from '../../core/scopes/tree.js';
import type { IssuerConfig } from '../../core/workspace/schema.js';
import { cacheWindowSeconds, clientFor, clockOfKeys, credentialAccount, type KeysContext } from './keys-context.js';
import { heldValues, holdersOf, type HeldValue } from './holders.js';
import { pendingRechecks, recheckDueKeys } from './recheck-old-key.js';

/** A JWT's `exp` as ISO, or null when the credential is not a JWT (never verifies, never logs it). */
export function jwtExpiry(token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}

export async function issuerCredential(ctx: KeysContext, name: string, issuer: IssuerConfig, now: number): Promise<IssuerCredential> {
  const value = await ctx.store.get(credentialAccount(ctx, name));
  const base = { source: issuer.credentialSecret ? ('secret' as const) : ('keychain' as const), secret: issuer.credentialSecret ?? null, stored: Boolean(value) };
  if (!value) {
    const fix = issuer.credentialSecret
      ? `import it: keyhive import ${issuer.credentialSecret} --from ${issuer.service ?? '<service>'}`
      : `store it: keyhive keys credential --issuer ${name} (reads it from stdin)`;
    const what = issuer.system === 'hiveforge' ? 'an owner or admin JWT' : 'the admin credential';
    return { ...base, expiresAt: null, problem: `Keyhive needs ${what} for ${name} — ${fix}` };
  }
  const expiresAt = jwtExpiry(value);
  const expired = expiresAt !== null && Date.parse(expiresAt) <= now;
  return {
    ...base,
    expiresAt,
    problem: expired ? `the ${name} JWT expired on ${expiresAt.slice(0, 16).replace('T', ' ')} UTC — sign in to ${issuer.system} again and store the new one: keyhive keys credential --issuer ${name}` : null,
  };
}

export function keyState(key: IssuedKey, now: number): KeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return key.enabled ? 'active' : 'disabled';
}

function rowsOf(ctx: KeysContext, name: string, issuer: IssuerConfig, keys: IssuedKey[], held: HeldValue[], now: number): KeyRow[] {
  return keys.map((key) => {
    const heldBy = holdersOf(key, name, held, keys);
    const secret = heldBy[0]?.secret ?? null;
    const endpoints = secret ? (ctx.workspace.config.secrets[secret]?.endpoints ?? []) : [];
    const debt = keyDebt({ system: issuer.system, key, secret, endpoints, now }).map((d) => ({ issuer: name, keyId: key.id, prefix: key.prefix, secret, ...d }));
    return { ...key, state: keyState(key, now), expandedScopes: expand(issuer.system, key.scopes), secret, heldBy, debt };
  });
}

export async function issuerKeys(ctx: KeysContext, name: string, held: HeldValue[], now: number): Promise<IssuerKeys> {
  const issuer = ctx.workspace.config.issuers[name]!;
  const credential = await issuerCredential(ctx, name, issuer, now);
  const secrets = Object.entries(ctx.workspace.config.secrets)
    .filter(([, s]) => s.issuer === name)
    .map(([secret, s]) => ({ secret, endpoints: s.endpoints ?? [], leastPrivilege: s.endpoints?.length ? leastPrivilege(issuer.system, s.endpoints) : null }));
  const out: IssuerKeys = {
    issuer: name,
    system: issuer.system,
    url: issuer.url,
    cacheWindowSeconds: cacheWindowSeconds(issuer),
    credential,
    hierarchy: scopeTree(issuer.system, []),
    secrets,
    keys: [],
    canSetEnabled: issuer.system === 'tokenhub',
    canUpdateScopes: issuer.system === 'hiveforge',
    error: null,
  };
  if (credential.problem) {
    out.error = toErrorPayload(new KeyhiveError('KEYCHAIN_MISSING', credential.problem));
    return out;
  }
  try {
    const keys = await (await clientFor(ctx, name)).list({ includeRevoked: true });
    out.keys = rowsOf(ctx, name, issuer, keys, held, now);
  } catch (e) {
    out.error = toErrorPayload(e);
  }
  return out;
}

export async function keysOverview(ctx: KeysContext): Promise<KeysOverview> {
  // A rotation that did not wait left the re-check of its old key to the app: do it when due.
  await recheckDueKeys(ctx).catch(() => []);
  const now = clockOfKeys(ctx)().getTime();
  const held = await heldValues(ctx);
  const issuers = await Promise.all(Object.keys(ctx.workspace.config.issuers).map((name) => issuerKeys(ctx, name, held, now)));
  const rechecks = (await pendingRechecks(ctx)).map((p) => ({ secret: p.secret, dueAt: p.dueAt }));
  return { checkedAt: new Date(now).toISOString(), issuers, debt: issuers.flatMap((i) => i.keys.flatMap((k) => k.debt)), rechecks };
}
