/**
 * Scope reasoning for issued keys, for any system described by a `ScopeModel`:
 * `expand` (what a scope list really grants), `covers` (may this key call this endpoint, and
 * which scope is missing), `leastPrivilege` (the smallest scope list covering what a consumer
 * calls) and `excessScopes` (what a key holds beyond that).
 */
import type { IssuerSystem } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { findRule, formatEndpoint, parseEndpoint, type ParsedEndpoint } from './endpoint-match.js';
import { HIVEFORGE_SCOPES } from './hiveforge.js';
import { HOGSEND_SCOPES } from './hogsend.js';
import type { EndpointRule, ScopeModel } from './model.js';
import { TOKENHUB_SCOPES } from './tokenhub.js';

export const SCOPE_MODELS: Readonly<Record<IssuerSystem, ScopeModel>> = {
  hogsend: HOGSEND_SCOPES,
  tokenhub: TOKENHUB_SCOPES,
  hiveforge: HIVEFORGE_SCOPES,
};

export function scopeModel(system: string): ScopeModel {
  const model = (SCOPE_MODELS as Record<string, ScopeModel | undefined>)[system];
  if (!model) {
    throw new KeyhiveError('BAD_INPUT', `unknown system "${system}"`, { fix: `use one of: ${Object.keys(SCOPE_MODELS).join(', ')}` });
  }
  return model;
}

/** Throws BAD_INPUT naming the unknown scopes and listing the valid ones. */
export function assertKnownScopes(model: ScopeModel, scopes: readonly string[]): void {
  const unknown = scopes.filter((s) => !model.scopes.includes(s));
  if (unknown.length > 0) {
    throw new KeyhiveError('BAD_INPUT', `unknown ${model.system} scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
      fix: `use ${model.system} scopes from: ${model.scopes.join(', ')}`,
    });
  }
}

/** Everything the scope list grants (the listed scopes and all they include), in the model's order. */
export function expand(system: IssuerSystem | string, scopes: readonly string[]): string[] {
  const model = scopeModel(system);
  assertKnownScopes(model, scopes);
  if (scopes.length === 0 && model.emptyGrantsAll) return [...model.scopes];
  const granted = new Set<string>();
  const visit = (s: string): void => {
    if (granted.has(s)) return;
    granted.add(s);
    for (const child of model.includes[s] ?? []) visit(child);
  };
  scopes.forEach(visit);
  return model.scopes.filter((s) => granted.has(s));
}

export interface CoverResult {
  endpoint: string;
  covered: boolean;
  /** The narrowest scope that would cover the endpoint, when not covered. */
  missing: string | null;
  reason: string;
  rule: EndpointRule;
}

/** The rule for an endpoint ("METHOD /path"); unknown endpoints throw BAD_INPUT with the fix. */
export function ruleFor(system: IssuerSystem | string, endpoint: string | ParsedEndpoint): EndpointRule {
  const model = scopeModel(system);
  const parsed = typeof endpoint === 'string' ? parseEndpoint(endpoint) : endpoint;
  const rule = findRule(model.endpoints, parsed);
  if (!rule) {
    throw new KeyhiveError('BAD_INPUT', `${formatEndpoint(parsed)} is not a known ${model.system} endpoint`, {
      fix: `use one of: ${model.endpoints.map(formatEndpoint).join(', ')}`,
    });
  }
  return rule;
}

export function covers(system: IssuerSystem | string, keyScopes: readonly string[], endpoint: string | ParsedEndpoint): CoverResult {
  const model = scopeModel(system);
  const rule = ruleFor(system, endpoint);
  const granted = new Set(expand(model.system, keyScopes));
  const hit = rule.anyOf.find((s) => granted.has(s));
  const name = formatEndpoint(typeof endpoint === 'string' ? parseEndpoint(endpoint) : endpoint);
  const needs = rule.anyOf.join(' or ');
  const has = keyScopes.length === 0 ? (model.emptyGrantsAll ? 'no scopes (which allows every endpoint)' : 'no scopes') : keyScopes.join(', ');
  if (hit) {
    return { endpoint: name, covered: true, missing: null, reason: `${name} (${rule.what}) needs ${needs}; the key has ${has}, which grants ${hit}`, rule };
  }
  const missing = rule.anyOf[0] ?? null;
  return { endpoint: name, covered: false, missing, reason: `${name} (${rule.what}) needs ${needs}; the key has ${has}: add ${missing}`, rule };
}

/** Scopes that appear in some endpoint rule (they grant something of their own). */
const usedByRules = (model: ScopeModel): Set<string> => new Set(model.endpoints.flatMap((r) => r.anyOf));

/**
 * The smallest scope list that covers every endpoint: per endpoint the alternative granting the
 * least, without scopes implied by others, and pure grouping scopes (HiveForge `webhooks`,
 * `admin`) in place of all their children. No endpoints → [] (for TokenHub that means "all").
 */
export function leastPrivilege(system: IssuerSystem | string, endpoints: readonly string[]): string[] {
  const model = scopeModel(system);
  const chosen = new Set<string>();
  for (const e of endpoints) {
    const rule = ruleFor(system, e);
    const best = [...rule.anyOf].sort((a, b) => expand(system, [a]).length - expand(system, [b]).length)[0];
    if (best) chosen.add(best);
  }
  const used = usedByRules(model);
  let changed = true;
  while (changed) {
    changed = false;
    const granted = new Set(expand(system, [...chosen]));
    for (const parent of model.scopes) {
      if (chosen.has(parent) || used.has(parent) || (model.includes[parent] ?? []).length === 0) continue;
      const children = expand(system, [parent]).filter((s) => s !== parent);
      if (children.every((c) => granted.has(c))) {
        chosen.add(parent);
        changed = true;
        break;
      }
    }
  }
  // Drop scopes implied by another chosen scope.
  const list = [...chosen];
  const minimal = list.filter((s) => !list.some((o) => o !== s && expand(system, [o]).includes(s)));
  return model.scopes.filter((s) => minimal.includes(s));
}

/** What the key grants beyond the least privilege for these endpoints (empty when none). */
export function excessScopes(system: IssuerSystem | string, keyScopes: readonly string[], endpoints: readonly string[]): string[] {
  const needed = new Set(expand(system, leastPrivilege(system, endpoints)));
  if (endpoints.length === 0) return [];
  return expand(system, keyScopes).filter((s) => !needed.has(s));
}
