/**
 * Which workspace bindings hold which issued key: each issued secret's bindings read from their
 * .env files (the value the consumer really has) and matched to the issuer's keys by prefix —
 * the only part of a key an issuer lists. Values stay in here; what leaves is the secret,
 * service, variable and fingerprint.
 */
import type { IssuedKey } from '../../../shared/domain.js';
import type { KeyHolder } from '../../../shared/keys.js';
import { accounts } from '../../core/secrets/secret-store.js';
import type { KeysContext } from './keys-context.js';
import { keyForValue } from './scopes.js';

export interface HeldValue extends KeyHolder {
  issuer: string;
  /** In memory only, to match prefixes. */
  value: string | null;
}

/** Every binding of every issued secret (and the keychain entry as a pseudo-binding when no binding has a value). */
export async function heldValues(ctx: KeysContext): Promise<HeldValue[]> {
  const status = ctx.status ? await ctx.status().catch(() => null) : null;
  const out: HeldValue[] = [];
  for (const [secret, config] of Object.entries(ctx.workspace.config.secrets)) {
    if (!config.issuer) continue;
    const st = status?.secrets.find((s) => s.name === secret);
    for (const b of config.bindings) {
      const value = ctx.bindingValue ? await ctx.bindingValue(b.service, b.var) : await ctx.store.get(accounts.secret(ctx.workspace.id, secret));
      const fp = st?.bindings.find((x) => x.service === b.service && x.var === b.var)?.fingerprint ?? null;
      out.push({ issuer: config.issuer, secret, service: b.service, var: b.var, fingerprint: fp, value });
    }
  }
  return out;
}

/** The holders of one key among the given held values. */
export function holdersOf(key: IssuedKey, issuer: string, held: readonly HeldValue[], allKeys: readonly IssuedKey[]): KeyHolder[] {
  return held
    .filter((h) => h.issuer === issuer && keyForValue(allKeys, h.value)?.id === key.id)
    .map(({ secret, service, var: v, fingerprint }) => ({ secret, service, var: v, fingerprint }));
}
