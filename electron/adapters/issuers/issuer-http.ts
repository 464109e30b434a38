/**
 * The HTTP part every issuer client shares (undici): JSON requests with a bearer credential,
 * time limits, and the mapping of any failure to KeyhiveError('ISSUER_ERROR') that says which
 * system answered what, with a fix — with credentials and keys redacted from anything the
 * server said. The admin credential never travels in plain http beyond this machine: the issuer's
 * host is resolved before the first call, and an http:// URL that reaches a non-loopback address
 * is refused with the fix (use https).
 */
import { request } from '../http/undici-lite.js';
import { lookup } from 'node:dns/promises';
import type { IssuerSystem } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import type { KeyProbeAnswer } from '../../core/issuers/issuer-client.js';
import { redactKeys } from '../../core/issuers/redact.js';
import { parseRetryAfter } from '../../core/probes/rate-limit.js';
import { checkScheme, isIP, normalizeHost } from '../../core/probes/target-policy.js';

export interface HttpAnswer {
  status: number;
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface IssuerHttpOptions {
  system: IssuerSystem;
  url: string;
  /** The admin credential (legacy key, admin token, JWT). */
  credential: string;
  timeoutMs?: number;
  /** Extra fix text per status (the system's own advice). */
  fixes?: Partial<Record<number, string>>;
}

const header = (h: HttpAnswer['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export const errorText = (json: unknown): string | null => {
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    for (const k of ['error', 'detail', 'message']) if (typeof o[k] === 'string') return o[k];
  }
  return null;
};

const ISSUER_URL_FIX = "Use https:// for the issuer's url in keyhive.yaml (plain http://localhost:PORT is for local development).";

export class IssuerHttp {
  readonly base: string;
  private vetted: Promise<void> | null = null;
  constructor(private readonly opts: IssuerHttpOptions) {
    this.base = opts.url.replace(/\/+$/, '');
  }

  /**
   * Once per client: an http:// issuer must resolve to loopback only (the credential would
   * otherwise travel unencrypted); https:// may go anywhere the workspace points it.
   */
  private vet(): Promise<void> {
    this.vetted ??= (async () => {
      let url: URL;
      try {
        url = new URL(this.base);
      } catch {
        throw new KeyhiveError('ISSUER_ERROR', `${this.opts.system}'s url "${this.base}" is not a URL`, { fix: ISSUER_URL_FIX });
      }
      if (url.protocol !== 'http:') return;
      const host = normalizeHost(url.hostname);
      const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true }).catch(() => [])).map((a) => a.address);
      if (addresses.length === 0) return; // nothing to send to: the request fails and says it could not reach it
      const d = checkScheme(url.protocol, host, addresses);
      if (!d.allowed) throw new KeyhiveError('ISSUER_ERROR', `refusing to send the ${this.opts.system} admin credential to ${this.base}: ${d.reason}`, { fix: ISSUER_URL_FIX });
    })();
    this.vetted.catch(() => (this.vetted = null)); // a failed check is made again on the next call
    return this.vetted;
  }

  async send(method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<HttpAnswer> {
    await this.vet();
    const token = opts.token ?? this.opts.credential;
    const url = `${this.base}${path}`;
    const timeout = this.opts.timeoutMs ?? 10_000;
    try {
      const res = await request(url, {
        method: method as 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const text = await res.body.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = { error: text.slice(0, 200) };
      }
      return { status: res.statusCode, json, headers: res.headers };
    } catch (e) {
      throw new KeyhiveError('ISSUER_ERROR', `${this.opts.system} at ${this.base} could not be reached (${redactKeys(e instanceof Error ? e.message : String(e), [token])})`, {
        fix: `Start ${this.opts.system} or correct the issuer's url in keyhive.yaml.`,
        cause: e,
      });
    }
  }

  /** Sends an admin call and returns the JSON of a 2xx answer; anything else throws ISSUER_ERROR. */
  async admin(method: string, path: string, body?: unknown, what = `${method} ${path}`): Promise<unknown> {
    const ans = await this.send(method, path, { body });
    if (ans.status >= 200 && ans.status < 300) return ans.json;
    throw this.errorFor(ans, what);
  }

  errorFor(ans: HttpAnswer, what: string): KeyhiveError {
    const said = redactKeys(errorText(ans.json) ?? 'no error text', [this.opts.credential]);
    const retry = header(ans.headers, 'retry-after');
    const generic: Record<number, string> = {
      400: 'Check the name and scopes you asked for (`keyhive scopes expand --system ' + this.opts.system + ' …` lists valid scopes).',
      401: `The admin credential in the keychain is missing, wrong or revoked: store a valid one with \`keyhive keys credential --issuer <name>\`.`,
      403: 'The admin credential lacks the rights for this call: use an owner/admin or full-access credential.',
      404: 'The key does not exist (or was already revoked): list keys with `keyhive keys list`.',
      429: `Rate limited: wait ${retry ?? 'a minute'} seconds before trying again.`,
      503: 'The service has no admin authentication configured: configure it (see its docs), then retry.',
    };
    const fix = this.opts.fixes?.[ans.status] ?? generic[ans.status] ?? `Check ${this.opts.system}'s logs at ${this.base}.`;
    return new KeyhiveError('ISSUER_ERROR', `${this.opts.system} refused ${what}: ${ans.status} ${said}`, { fix });
  }

  /** A call made WITH an issued key; never throws for an HTTP status. */
  async probe(plaintext: string, endpoint: { method: string; path: string }): Promise<KeyProbeAnswer> {
    const started = performance.now();
    const body = endpoint.method === 'GET' || endpoint.method === 'DELETE' || endpoint.method === 'HEAD' ? undefined : {};
    const ans = await this.send(endpoint.method, endpoint.path, { token: plaintext, body });
    const num = (v: string | undefined): number | null => (v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v));
    const said = errorText(ans.json);
    return {
      method: endpoint.method,
      url: `${this.base}${endpoint.path}`,
      status: ans.status,
      rateLimitRemaining: num(header(ans.headers, 'x-ratelimit-remaining')),
      retryAfterSeconds: parseRetryAfter(header(ans.headers, 'retry-after')),
      message: ans.status >= 400 && said ? redactKeys(said, [plaintext]) : null,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}

/** ISO string or null from a JSON field. */
export const isoOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
