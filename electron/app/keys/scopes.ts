/**
 * The scope use cases behind `scopes.expand`, `scopes.check` and `scopes.forSecret`: pure scope
 * reasoning for any system, and for a workspace secret its key's scopes as a tree, least
 * privilege for what its consumer calls, and warnings. Never returns a value.
 */
import type { ResponseOf } from '../../../shared/api.js';
import type { IssuedKey, IssuerSystem } from '../../../shared/domain.js';
import { isKeyhiveError } from '../../../shared/errors.js';
import { keyWarnings } from '../../core/issuers/warnings.js';
import { covers, expand, leastPrivilege, scopeModel } from '../../core/scopes/scopes.js';
import { renderScopeTree, scopeTree, type ScopeTreeNode } from '../../core/scopes/tree.js';
import { accounts } from '../../core/secrets/secret-store.js';
import { clientFor, clockOfKeys, issuedSecret, type KeysContext } from './keys-context.js';

/** The system a user typed (`hogsend`, `TokenHub`, an alias the scope models know); BAD_INPUT otherwise. */
export function issuerSystemNamed(raw: string): IssuerSystem {
  return scopeModel(raw.toLowerCase()).system;
}

/** A scope tree as indented text lines, for the CLI. */
export function scopeTreeLines(tree: readonly ScopeTreeNode[]): string[] {
  return renderScopeTree(tree);
}

export function scopesExpand(req: { system: IssuerSystem; scopes: string[] }): string[] {
  return expand(req.system, req.scopes);
}

export function scopesCheck(req: { system: IssuerSystem; scopes: string[]; endpoint: string }): ResponseOf<'scopes.check'> {
  const r = covers(req.system, req.scopes, req.endpoint);
  return { endpoint: r.endpoint, covered: r.covered, missing: r.missing, reason: r.reason };
}

/** The issuer's record of the key a value belongs to (longest matching prefix), or null. */
export function keyForValue(keys: readonly IssuedKey[], value: string | null): IssuedKey | null {
  if (!value) return null;
  const matches = keys.filter((k) => k.prefix.length >= 4 && value.startsWith(k.prefix));
  return matches.sort((a, b) => b.prefix.length - a.prefix.length)[0] ?? null;
}

export async function scopesForSecret(ctx: KeysContext, req: { secret: string }): Promise<ResponseOf<'scopes.forSecret'>> {
  const { config, issuerName, issuer } = issuedSecret(ctx, req.secret);
  const value = await ctx.store.get(accounts.secret(ctx.workspace.id, req.secret));
  const warnings: string[] = [];
  let key: IssuedKey | null = null;
  try {
    key = keyForValue(await (await clientFor(ctx, issuerName)).list(), value);
    if (!key && value) warnings.push(`the issuer lists no key with this value's prefix: it may have been revoked, or be a legacy env key`);
  } catch (e) {
    warnings.push(`could not ask ${issuerName}: ${isKeyhiveError(e) ? e.message : String(e)}`);
  }
  const scopes = key?.scopes ?? config.scopes ?? [];
  const endpoints = config.endpoints ?? [];
  const found = keyWarnings({ secret: req.secret, system: issuer.system, key, valuePrefix: value?.slice(0, 8) ?? null, scopes, endpoints, now: clockOfKeys(ctx)().getTime() });
  return {
    secret: req.secret,
    system: issuer.system,
    scopes,
    expanded: expand(issuer.system, scopes),
    tree: scopeTree(issuer.system, scopes),
    leastPrivilege: endpoints.length ? leastPrivilege(issuer.system, endpoints) : null,
    key,
    warnings: [...warnings, ...found.map((w) => `${w.message} — ${w.fix}`)],
  };
}
