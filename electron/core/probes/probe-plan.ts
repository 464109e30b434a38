/**
 * Which probes prove a secret works, from the workspace alone (pure):
 *   - health            GET <health> without credentials, expect 200
 *   - auth-smoke        <smoke endpoint> with the current key, expect 2xx or 404 (never 401/403)
 *   - negative-control  the same endpoint with a random wrong key, expect 401/403 (else the server
 *                       does not check keys at all)
 *   - header-shape      the same endpoint with the raw key (no `Bearer `), expect a refusal: tells
 *                       the user the server insists on `Bearer <key>` (only for Bearer headers)
 * The target is the secret's `probes.service`, else its server binding's service, else its
 * issuer; the base URL is that service's URL for the workspace's run mode.
 */
import type { ProbeKind, RunMode } from '../../../shared/domain.js';
import type { WorkspaceConfig } from '../workspace/schema.js';

export type ProbeAuth = 'none' | 'current' | 'wrong' | 'raw-current';

export interface PlannedProbe {
  kind: ProbeKind;
  method: string;
  /** Path (with query) appended to the base URL. */
  path: string;
  auth: ProbeAuth;
}

export interface ProbeTarget {
  secret: string;
  /** The workspace service that checks the key (null when only an issuer URL is known). */
  service: string | null;
  /** Base URL as the workspace writes it for the run mode (Docker names resolved later). */
  baseUrl: string;
  header: { name: string; scheme: 'Bearer' | 'raw' };
  probes: PlannedProbe[];
}

export type PlanResult = { ok: true; target: ProbeTarget } | { ok: false; secret: string; reason: string; fix: string };

export function splitEndpoint(endpoint: string): { method: string; path: string } {
  const [method = 'GET', path = '/'] = endpoint.trim().split(/\s+/, 2);
  return { method: method.toUpperCase(), path };
}

export function planProbes(config: WorkspaceConfig, secretName: string, runMode: RunMode): PlanResult {
  const secret = config.secrets[secretName];
  if (!secret) return { ok: false, secret: secretName, reason: `no secret named "${secretName}" in keyhive.yaml`, fix: 'Use a name listed under `secrets:`.' };
  const probeCfg = secret.probes;
  const serviceName = probeCfg?.service ?? secret.bindings.find((b) => b.role === 'server')?.service ?? (secret.issuer ? config.issuers[secret.issuer]?.service : undefined) ?? null;
  const service = serviceName ? config.services[serviceName] : undefined;
  let baseUrl = service?.urls[runMode];
  if (!baseUrl && secret.issuer) baseUrl = config.issuers[secret.issuer]?.url;
  if (!baseUrl) {
    return {
      ok: false,
      secret: secretName,
      reason: serviceName ? `service "${serviceName}" has no URL for ${runMode} mode` : 'no service checks this secret (no server binding, probes.service or issuer)',
      fix: serviceName ? `Add \`urls: { ${runMode}: http://… }\` to service "${serviceName}" in keyhive.yaml.` : 'Add `probes: { service: <name> }` to the secret in keyhive.yaml.',
    };
  }
  const header = { name: probeCfg?.header.name ?? 'Authorization', scheme: probeCfg?.header.scheme ?? 'Bearer' } as const;
  const probes: PlannedProbe[] = [];
  const health = probeCfg?.health ?? service?.health;
  if (health) probes.push({ kind: 'health', method: 'GET', path: health, auth: 'none' });
  // TokenHub's consumer API is POST only (/v1/chat, /v1/plan): its keys are probed with the POST the consumer makes.
  const postOnly = secret.issuer ? config.issuers[secret.issuer]?.system === 'tokenhub' : false;
  const first = secret.endpoints?.[0];
  const smoke = probeCfg?.smoke ?? (first && (postOnly || splitEndpoint(first).method === 'GET') ? first : undefined);
  if (smoke) {
    const { method, path } = splitEndpoint(smoke);
    probes.push({ kind: 'auth-smoke', method, path, auth: 'current' });
    probes.push({ kind: 'negative-control', method, path, auth: 'wrong' });
    if (header.scheme === 'Bearer' && header.name.toLowerCase() === 'authorization') probes.push({ kind: 'header-shape', method, path, auth: 'raw-current' });
  }
  return { ok: true, target: { secret: secretName, service: serviceName, baseUrl, header, probes } };
}

/** The header value a probe sends (the key itself never leaves this function's caller). */
export function authHeaderValue(auth: ProbeAuth, scheme: 'Bearer' | 'raw', key: string): string | null {
  if (auth === 'none') return null;
  if (auth === 'raw-current') return key;
  return scheme === 'Bearer' ? `Bearer ${key}` : key;
}

/** Joins a base URL (maybe with a path prefix) and a probe path. */
export function joinUrl(baseUrl: string, path: string): string {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const [p, q] = path.split('?', 2) as [string, string | undefined];
  base.pathname = `${prefix}${p.startsWith('/') ? p : `/${p}`}`;
  base.search = q ? `?${q}` : '';
  return base.toString();
}
