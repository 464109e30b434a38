/**
 * Probes: prove a secret works against the running server. Per secret, in order: health, an
 * authenticated smoke call with the current key, a negative control with a random wrong key,
 * and a header-shape check (raw key without `Bearer `). Docker-mode URLs (service names) are
 * reached through the published host port. Probes to one origin are spaced by what the server
 * says (Retry-After, X-RateLimit-Remaining) and never retried blindly. Results carry status,
 * latency, cause and fix — never a key.
 */
import type { ProbeResult, RunMode } from '../../../shared/domain.js';
import { isKeyhiveError, KeyhiveError } from '../../../shared/errors.js';
import { interpretNetworkFailure, interpretResponse } from '../../core/probes/interpret.js';
import { authHeaderValue, joinUrl, planProbes, type ProbeTarget } from '../../core/probes/probe-plan.js';
import { errorTextOf } from '../../core/probes/error-bodies.js';
import { parseRetryAfter, ProbeSpacer } from '../../core/probes/rate-limit.js';
import { redactKeys } from '../../core/issuers/redact.js';
import { httpsIssuerHosts, isLoopbackAddress, LOOPBACK_NAMES, normalizeHost, workspaceHosts } from '../../core/probes/target-policy.js';
import type { SecretStore } from '../../core/secrets/secret-store.js';
import type { ServiceController } from '../../core/services/runtime.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { ProbeClient } from '../../adapters/http/probe-client.js';
import { currentKeyOf, randomWrongKey } from '../keys/probe-keys.js';

export interface ProbeContext {
  workspace: Workspace;
  runMode?: RunMode;
  store?: SecretStore;
  /** Docker mode: maps service-name URLs to published host ports. */
  controller?: Pick<ServiceController, 'publishedUrl'>;
  /** Reused across calls when given (closed by its owner); otherwise one per call. */
  client?: ProbeClient;
  spacer?: ProbeSpacer;
  /** Sleep used for rate-limit spacing (tests may shorten nothing: spacing is real). */
  sleep?: (ms: number) => Promise<void>;
}

export interface ProbeOptions {
  /** Probe with this key instead of the caller's current one (rotation: the new key). */
  key?: string;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The URL to reach from this machine: Docker service names become the published host port. */
export async function reachableBaseUrl(ctx: ProbeContext, target: ProbeTarget, runMode: RunMode): Promise<{ url: string } | { problem: string; fix: string }> {
  const u = new URL(target.baseUrl);
  const host = normalizeHost(u.hostname);
  if (runMode !== 'docker' || LOOPBACK_NAMES.has(host) || isLoopbackAddress(host) || !target.service || !ctx.controller) return { url: target.baseUrl };
  const svc = ctx.workspace.services.get(target.service);
  if (!svc?.config.docker) return { url: target.baseUrl };
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const published = await ctx.controller.publishedUrl(svc, port);
  if (!published) {
    return { problem: `container port ${port} of "${target.service}" is not published to this machine, so ${target.baseUrl} cannot be reached from here`, fix: `Publish it in the compose file (ports: ["<host port>:${port}"]) and recreate the service.` };
  }
  const p = new URL(published);
  u.protocol = p.protocol;
  u.hostname = p.hostname;
  u.port = p.port;
  return { url: u.toString() };
}

async function probeSecret(ctx: ProbeContext, client: ProbeClient, spacer: ProbeSpacer, target: ProbeTarget, runMode: RunMode, opts: ProbeOptions): Promise<ProbeResult[]> {
  const out: ProbeResult[] = [];
  const base = await reachableBaseUrl(ctx, target, runMode);
  const needsKey = target.probes.some((p) => p.auth !== 'none');
  const current = opts.key ?? (needsKey ? (await currentKeyOf(ctx.workspace, ctx.store, target.secret))?.value : undefined) ?? null;
  const wrong = randomWrongKey(current);
  const sleep = ctx.sleep ?? defaultSleep;
  for (const p of target.probes) {
    const url = 'url' in base ? joinUrl(base.url, p.path) : joinUrl(target.baseUrl, p.path);
    const result: ProbeResult = { secret: target.secret, kind: p.kind, method: p.method, url, ok: false, status: null, latencyMs: null };
    if (!('url' in base)) {
      out.push({ ...result, cause: base.problem, fix: base.fix });
      continue;
    }
    const key = p.auth === 'wrong' ? wrong : current;
    if (p.auth !== 'none' && key === null) {
      out.push({ ...result, cause: 'There is no key to test: the caller’s variable, the keychain entry and the server’s variable are all empty.', fix: `Set one (\`keyhive import ${target.secret} --from <service>\`) and sync it.` });
      continue;
    }
    const origin = new URL(url).origin;
    const wait = spacer.waitFor(origin);
    if (wait === Infinity) {
      out.push({ ...result, cause: 'Skipped: the server asked to wait longer than Keyhive waits between probes (rate limit).', fix: 'Probe again after the time in its Retry-After.' });
      continue;
    }
    if (wait > 0) await sleep(wait);
    const headerValue = key === null ? null : authHeaderValue(p.auth, target.header.scheme, key);
    const headers: Record<string, string> = headerValue === null ? {} : { [target.header.name]: headerValue };
    let sent: Awaited<ReturnType<ProbeClient['send']>>;
    try {
      sent = await client.send({ method: p.method, url, headers });
    } catch (e) {
      // A refusal by the target policy is thrown; a name that does not resolve is this probe's failure.
      if (!isKeyhiveError(e) || e.code !== 'PROBE_FAILED') throw e;
      out.push({ ...result, cause: e.message, ...(e.fix ? { fix: e.fix } : {}) });
      continue;
    }
    result.latencyMs = sent.latencyMs;
    if ('failure' in sent) {
      const v = interpretNetworkFailure(sent.failure);
      out.push({ ...result, ...(v.cause ? { cause: v.cause } : {}), ...(v.fix ? { fix: v.fix } : {}) });
      continue;
    }
    const r = sent.response;
    spacer.record(origin, { status: r.status, retryAfter: r.headers['retry-after'], remaining: r.headers['x-ratelimit-remaining'] });
    const v = interpretResponse(p.kind, r, p.method);
    const said = v.ok ? undefined : serverSaid(r.body, key);
    const retry = parseRetryAfter(r.headers['retry-after']);
    out.push({ ...result, ok: v.ok, status: r.status, ...(v.cause ? { cause: v.cause } : {}), ...(v.fix ? { fix: v.fix } : {}), ...(v.detail ? { detail: v.detail } : {}), ...(said ? { said } : {}), ...(retry !== null ? { retryAfterSeconds: retry } : {}) });
  }
  return out;
}

/** The server's own error text, short and with the key (if echoed) redacted. */
function serverSaid(body: string, key: string | null): string | undefined {
  const text = errorTextOf(body).slice(0, 200);
  return text ? redactKeys(text, key ? [key] : []) : undefined;
}

/** Probes one secret, or every secret that has a probe target. PROBE_TARGET_REFUSED is thrown, never swallowed. */
export async function runProbes(ctx: ProbeContext, secret?: string, opts: ProbeOptions = {}): Promise<ProbeResult[]> {
  const config = ctx.workspace.config;
  const runMode = ctx.runMode ?? config.runMode;
  const names = secret ? [secret] : Object.keys(config.secrets);
  const targets: ProbeTarget[] = [];
  for (const name of names) {
    const plan = planProbes(config, name, runMode);
    if (plan.ok) targets.push(plan.target);
    else if (secret) throw new KeyhiveError(config.secrets[name] ? 'BAD_INPUT' : 'NOT_FOUND', `cannot probe "${name}": ${plan.reason}`, { fix: plan.fix, file: ctx.workspace.file });
  }
  const client = ctx.client ?? new ProbeClient(workspaceHosts(config), { httpsIssuerHosts: httpsIssuerHosts(config) });
  const spacer = ctx.spacer ?? new ProbeSpacer();
  try {
    const per = await Promise.all(targets.map((t) => probeSecret(ctx, client, spacer, t, runMode, secret ? opts : {})));
    return per.flat();
  } finally {
    if (!ctx.client) await client.close();
  }
}

/** One line per probe for the CLI (no values). */
export function formatProbeLine(r: ProbeResult): string {
  const mark = r.ok ? 'ok  ' : 'FAIL';
  const status = r.status === null ? '---' : String(r.status);
  const ms = r.latencyMs === null ? '' : ` ${Math.round(r.latencyMs)} ms`;
  const head = `${mark} ${r.secret} ${r.kind.padEnd(16)} ${status} ${r.method} ${r.url}${ms}`;
  const lines = [head];
  if (r.detail) lines.push(`     ${r.detail}`);
  if (!r.ok && r.cause) lines.push(`     cause: ${r.cause}`);
  if (!r.ok && r.fix) lines.push(`     fix:   ${r.fix}`);
  return lines.join('\n');
}
