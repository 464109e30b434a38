/**
 * Turns what a probe got back (a response, or a network failure) into a verdict with the cause
 * and the fix in plain words (pure). Never sees or echoes a key.
 */
import type { ProbeKind } from '../../../shared/domain.js';
import { matchErrorBody } from './error-bodies.js';
import { parseRetryAfter } from './rate-limit.js';

export interface ProbeResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The first few KB of the body, as text. */
  body: string;
}

export type NetworkFailureKind = 'refused' | 'connect-timeout' | 'headers-timeout' | 'body-timeout' | 'dns' | 'reset' | 'other';

export interface NetworkFailure {
  failure: NetworkFailureKind;
  /** Host:port or URL it was trying (no credentials). */
  where: string;
  message?: string;
}

export interface Verdict {
  ok: boolean;
  cause?: string;
  fix?: string;
  detail?: string;
}

const is2xx = (s: number): boolean => s >= 200 && s < 300;
const isAuthRefusal = (s: number): boolean => s === 401 || s === 403;

export function interpretNetworkFailure(f: NetworkFailure): Verdict {
  switch (f.failure) {
    case 'refused':
      return { ok: false, cause: `Nothing accepts connections at ${f.where}: the service is not running, or the URL's port is wrong for this run mode.`, fix: 'Start the service (`keyhive doctor --fix` recreates it) or correct its URL in keyhive.yaml.' };
    case 'connect-timeout':
      return { ok: false, cause: `Could not connect to ${f.where} within 2 s.`, fix: 'Check the service is up and the host/port is right; a firewall or a paused container can cause this.' };
    case 'headers-timeout':
      return { ok: false, cause: `${f.where} accepted the connection but sent no response within 5 s: the server hangs or is overloaded.`, fix: "Look at the service's logs (`docker compose logs` or the native process output) and restart it." };
    case 'body-timeout':
      return { ok: false, cause: `${f.where} started answering but the body did not finish within 5 s.`, fix: "Look at the service's logs and restart it." };
    case 'dns':
      return { ok: false, cause: `The host of ${f.where} does not resolve here. Docker service names only resolve inside the Compose network.`, fix: 'Use the published localhost port when calling from the host, or switch the workspace run mode.' };
    case 'reset':
      return { ok: false, cause: `${f.where} closed the connection without answering.`, fix: "Check the URL's scheme and port (http vs https) and the service's logs." };
    default:
      return { ok: false, cause: `The request to ${f.where} failed: ${f.message ?? 'unknown network error'}.`, fix: 'Check the service is running and reachable.' };
  }
}

function generic(r: ProbeResponse, what: string): Verdict {
  const known = matchErrorBody(r.status, r.body);
  if (known) return { ok: false, cause: known.cause, fix: known.fix };
  if (r.status >= 300 && r.status < 400) {
    return { ok: false, cause: `${what} answered ${r.status}, a redirect to ${r.headers.location ?? 'another address'}; Keyhive does not follow redirects with a key attached.`, fix: 'Point the URL at the final address (often a missing or extra trailing slash, or http vs https).' };
  }
  if (r.status === 429) {
    const s = parseRetryAfter(r.headers['retry-after']);
    return { ok: false, cause: `The server is rate limiting these calls${s !== null ? ` (it asks to wait ${s} s)` : ''}.`, fix: 'Wait and probe again; the result says nothing about the key yet.' };
  }
  if (r.status === 503) {
    return { ok: false, cause: 'The server answered 503: it is starting, overloaded, or has no key configured at all (e.g. Hogsend without ADMIN_API_KEY or any database key).', fix: "Wait for it to become ready; if it persists, set the server-side key and recreate the service." };
  }
  if (r.status >= 500) return { ok: false, cause: `The server failed with ${r.status}.`, fix: "Look at the service's logs." };
  return { ok: false, cause: `Unexpected answer ${r.status}.`, fix: 'Check the probe endpoint in keyhive.yaml (`probes.smoke`).' };
}

export function interpretResponse(kind: ProbeKind, r: ProbeResponse, method = 'GET'): Verdict {
  const bodyRefused = method !== 'GET' && method !== 'HEAD' && (r.status === 400 || r.status === 422);
  switch (kind) {
    case 'health':
      if (is2xx(r.status)) return { ok: true };
      if (r.status === 404) return { ok: false, cause: 'The health path does not exist on this server (404).', fix: 'Correct `health:` for the service in keyhive.yaml.' };
      if (isAuthRefusal(r.status)) return { ok: false, cause: `The health path asks for credentials (${r.status}); it should be public.`, fix: 'Point `health:` at the public health endpoint (e.g. /health).' };
      return generic(r, 'The health check');
    case 'auth-smoke':
      if (is2xx(r.status) || r.status === 404) return { ok: true, ...(r.status === 404 ? { detail: 'The key was accepted (the endpoint answered 404, not 401/403).' } : {}) };
      if (bodyRefused) return { ok: true, detail: `The key was accepted (the endpoint answered ${r.status} to the probe's empty body, after checking the key).` };
      if (r.status === 401) {
        const known = matchErrorBody(401, r.body);
        return {
          ok: false,
          cause: known?.cause ?? 'The server refused the key (401): the key it holds differs from the one sent (drifted sides, a stale container, or .env.local shadowing .env).',
          fix: known?.fix ?? 'Run `keyhive doctor <secret>` to find which side differs, then `keyhive sync <secret>`.',
        };
      }
      if (r.status === 403) {
        const known = matchErrorBody(403, r.body);
        return { ok: false, cause: known?.cause ?? 'The server knows the key but forbids this call (403): usually a missing scope.', fix: known?.fix ?? "Check the key's scopes against the endpoint (`keyhive scopes`)." };
      }
      return generic(r, 'The authenticated call');
    case 'negative-control':
      if (isAuthRefusal(r.status)) return { ok: true, detail: 'A random wrong key was refused: the server checks keys.' };
      if (is2xx(r.status) || r.status === 404) {
        return { ok: false, cause: `The server accepted a random wrong key (${r.status}): it is not checking keys on this endpoint, so a green smoke test proves nothing.`, fix: 'Pick a protected endpoint for `probes.smoke`, and check the server-side key variable is set (some servers switch auth off when it is empty).' };
      }
      return generic(r, 'The wrong-key control');
    case 'header-shape':
      if (isAuthRefusal(r.status)) {
        const known = matchErrorBody(r.status, r.body);
        const says = known?.rule.id === 'hub-header-format' ? ' ("Invalid Authorization header format")' : '';
        return { ok: true, detail: `The raw key without \`Bearer \` was refused${says}: the server insists on \`Authorization: Bearer <key>\`.` };
      }
      if (is2xx(r.status) || r.status === 404) return { ok: true, detail: 'The server also accepts the raw key without `Bearer `.' };
      return generic(r, 'The header-shape check');
  }
}
