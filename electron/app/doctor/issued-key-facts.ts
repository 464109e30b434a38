/**
 * Gathers what the doctor needs to judge an ISSUED key (electron/core/doctor/issued-key-rules.ts):
 * the consumer's value judged locally (format, documentation example, environment prefix), the
 * issuer's record found by its stored prefix through the admin API (the value itself is never
 * sent anywhere but the probes' own targets), and the authenticated probe's answer.
 */
import type { DoctorFinding, IssuerSystem, ProbeResult, SecretStatus } from '../../../shared/domain.js';
import { isKeyhiveError } from '../../../shared/errors.js';
import { environmentOf, matchByPrefix, checkIssuedKey, type IssuerLookup, type KeyEnvironment } from '../../core/doctor/issued-key-rules.js';
import { isDocumentationExample } from '../../core/env/secret-strength.js';
import { REVOCATION_CACHE_MS, type IssuerClient } from '../../core/issuers/issuer-client.js';
import { keyFormats } from '../../core/keys/registry.js';
import { isLoopbackAddress, isPrivateAddress, LOOPBACK_NAMES, normalizeHost } from '../../core/probes/target-policy.js';
import { accounts, type SecretStore } from '../../core/secrets/secret-store.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { createIssuerClient } from '../../adapters/issuers/create-issuer-client.js';
import { currentKeyOf } from '../keys/probe-keys.js';

export interface IssuedKeyDoctorContext {
  workspace: Workspace;
  store: SecretStore;
  now: () => number;
  clientFactory?: (system: IssuerSystem, url: string, credential: string) => IssuerClient;
}

const SYSTEM_FORMAT: Record<IssuerSystem, string> = { hogsend: 'hogsend', tokenhub: 'tokenhub', hiveforge: 'hiveforge' };

/** A host only this machine or its LAN reaches: the workspace is local (a sandbox), not production. */
function isLocalHost(url: string): boolean {
  try {
    const h = normalizeHost(new URL(url).hostname);
    return LOOPBACK_NAMES.has(h) || h.endsWith('.localhost') || h.endsWith('.local') || isLoopbackAddress(h) || isPrivateAddress(h) || !h.includes('.');
  } catch {
    return false;
  }
}

function targetEnvironment(format: string, issuerUrl: string, listed: readonly { prefix: string }[]): { env: KeyEnvironment; why: string } {
  if (format === 'hiveforge-live') return { env: 'live', why: 'the secret is declared `format: hiveforge-live`' };
  if (format === 'hiveforge-test') return { env: 'test', why: 'the secret is declared `format: hiveforge-test`' };
  const envs = new Set(listed.map((k) => environmentOf(k.prefix)).filter((e): e is KeyEnvironment => e !== null));
  if (envs.size === 1) {
    const env = [...envs][0]!;
    return { env, why: `every key ${issuerUrl} lists is ${env === 'live' ? 'hf_live_' : 'hf_test_'}` };
  }
  return isLocalHost(issuerUrl) ? { env: 'test', why: `${issuerUrl} is a local workspace` } : { env: 'live', why: `${issuerUrl} is a public host` };
}

async function lookupKey(ctx: IssuedKeyDoctorContext, issuerName: string, value: string): Promise<{ lookup: IssuerLookup; listed: { prefix: string }[] }> {
  const issuer = ctx.workspace.config.issuers[issuerName]!;
  const credential = await ctx.store.get(accounts.issuerCredential(ctx.workspace.config.id, issuerName));
  if (!credential) return { lookup: { kind: 'unavailable', reason: 'no admin credential for it in the keychain', status: null }, listed: [] };
  try {
    const client = (ctx.clientFactory ?? createIssuerClient)(issuer.system, issuer.url, credential);
    const keys = await client.list({ includeRevoked: true });
    const hit = matchByPrefix(keys, value)[0];
    return { lookup: hit ? { kind: 'found', key: hit } : { kind: 'not-found', listed: keys.length }, listed: keys };
  } catch (e) {
    const msg = isKeyhiveError(e) ? e.message : String(e);
    const status = /refused .*?: (\d{3}) /.exec(msg)?.[1];
    return { lookup: { kind: 'unavailable', reason: msg, status: status ? Number(status) : null }, listed: [] };
  }
}

/** The issued-key findings for one secret (empty when the secret has no `issuer:`). */
export async function issuedKeyFindings(ctx: IssuedKeyDoctorContext, status: SecretStatus, probes: readonly ProbeResult[] | null): Promise<DoctorFinding[]> {
  const cfg = ctx.workspace.config.secrets[status.name];
  const issuerName = cfg?.issuer;
  const issuer = issuerName ? ctx.workspace.config.issuers[issuerName] : undefined;
  if (!cfg || !issuerName || !issuer) return [];
  const current = await currentKeyOf(ctx.workspace, ctx.store, status.name);
  const smoke = probes?.find((p) => p.secret === status.name && p.kind === 'auth-smoke') ?? null;
  const endpoints = cfg.endpoints ?? (cfg.probes?.smoke ? [cfg.probes.smoke] : []);
  const base = { secret: status.name, system: issuer.system, issuerName, issuerUrl: issuer.url, smoke, endpoints, cacheMs: REVOCATION_CACHE_MS[issuer.system], now: ctx.now() };
  if (!current) return checkIssuedKey({ ...base, value: null, targetEnvironment: null, lookup: null });
  const format = cfg.format === 'generic' ? SYSTEM_FORMAT[issuer.system] : cfg.format;
  const fp = status.bindings.find((b) => b.role === 'client' && b.fingerprint)?.fingerprint ?? status.keychainFingerprint;
  const { lookup, listed } = await lookupKey(ctx, issuerName, current.value);
  return checkIssuedKey({
    ...base,
    value: { fingerprint: fp ?? null, format: keyFormats(ctx.workspace.config).validate(format, current.value), placeholder: isDocumentationExample(current.value), environment: environmentOf(current.value) },
    targetEnvironment: issuer.system === 'hiveforge' ? targetEnvironment(cfg.format, issuer.url, listed) : null,
    lookup,
  });
}
