/**
 * The doctor's checks for keys issued by an admin API — Hogsend `hsk_…`, TokenHub
 * `tokenhub_<64 hex>`, HiveForge `hf_live_…`/`hf_test_…` (pure). Walks what usually bites, in
 * order: a documentation placeholder, the format, the environment prefix, whether the issuer
 * knows the key (matched by its stored prefix, never by sending the value), revoked / expired /
 * disabled (with when), the issuer's cache window, the scopes the consumer's endpoints need,
 * then what the authenticated call itself said (403 scope, 429, 503). Time is an input (`now`).
 */
import type { DoctorCause, DoctorFinding, IssuedKey, IssuerSystem, ProbeResult } from '../../../shared/domain.js';
import type { FormatCheck } from '../keys/formats.js';
import { covers, leastPrivilege } from '../scopes/scopes.js';

export type KeyEnvironment = 'live' | 'test';

export type IssuerLookup =
  | { kind: 'found'; key: IssuedKey }
  | { kind: 'not-found'; listed: number }
  | { kind: 'unavailable'; reason: string; status: number | null };

export interface IssuedKeyFacts {
  secret: string;
  system: IssuerSystem;
  issuerName: string;
  issuerUrl: string;
  /** The consumer's value, judged (never the value itself). null when no side holds one. */
  value: { fingerprint: string | null; format: FormatCheck; placeholder: boolean; environment: KeyEnvironment | null } | null;
  /** HiveForge: the environment the consumer targets, and how we know. */
  targetEnvironment: { env: KeyEnvironment; why: string } | null;
  lookup: IssuerLookup | null;
  /** The authenticated call of the probes (auth-smoke), when it ran. */
  smoke: ProbeResult | null;
  /** What the consumer calls ("METHOD /path"). */
  endpoints: readonly string[];
  /** The system's documented cache window for validated keys (ms). */
  cacheMs: number;
  now: number;
}

const SYSTEM_NAME: Record<IssuerSystem, string> = { hogsend: 'Hogsend', tokenhub: 'TokenHub', hiveforge: 'HiveForge' };
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const span = (ms: number): string => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);

function replaceFix(f: IssuedKeyFacts, scopes: readonly string[], name: string): string {
  const list = scopes.length ? scopes.join(',') : '""';
  return `Create a replacement and switch the consumer in one step: \`keyhive keys create --issuer ${f.issuerName} --name "${name}" --scopes ${list} --secret ${f.secret}\` (the new key goes to the keychain and every side; recreate or restart the consumer after).`;
}

/** HiveForge environment of a value, from its prefix. */
export function environmentOf(value: string): KeyEnvironment | null {
  if (value.startsWith('hf_live_')) return 'live';
  if (value.startsWith('hf_test_')) return 'test';
  return null;
}

/** Records whose stored prefix the value starts with (the way each admin API identifies keys). */
export function matchByPrefix(keys: readonly IssuedKey[], value: string): IssuedKey[] {
  const hits = keys.filter((k) => k.prefix.length >= 4 && value.startsWith(k.prefix.replace(/[.\u2026]+$/, '')));
  // An active key wins over revoked ones with the same prefix; a longer prefix is a surer match.
  return hits.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.prefix.length - a.prefix.length);
}

export function checkIssuedKey(f: IssuedKeyFacts): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  const sys = SYSTEM_NAME[f.system];
  const add = (x: Omit<DoctorFinding, 'secret'> & { cause?: DoctorCause }): void => void out.push({ secret: f.secret, ...x });
  const v = f.value;
  if (!v) return out; // "both sides set" already says it is missing

  // 1. a value copied from the documentation
  if (v.placeholder) {
    add({ id: 'issued:placeholder', title: 'A real key, not an example', severity: 'error', cause: 'placeholder', what: `${f.secret} holds the example value from ${sys}'s documentation (${v.fingerprint ?? 'no fingerprint'}).`, why: 'Documentation examples are placeholders: no issuer knows them, and anyone who read the docs knows them.', fix: replaceFix(f, [], `${f.secret} key`) });
  }
  // 2. the format
  if (!v.format.ok) {
    add({ id: 'issued:format', title: `${sys} key format`, severity: 'error', cause: 'bad-format', what: `The value ${v.format.reason}.`, why: `${sys} refuses a key of the wrong shape before looking it up.`, fix: `Use a key ${sys} issued: \`keyhive keys list --issuer ${f.issuerName}\`, or create one.` });
  } else {
    add({ id: 'issued:format', title: `${sys} key format`, severity: 'ok', what: `The value has ${sys}'s key format${v.format.warning ? ` (${v.format.warning})` : ''}.` });
  }
  // 3. the environment prefix (HiveForge)
  if (f.system === 'hiveforge' && v.environment && f.targetEnvironment && v.environment !== f.targetEnvironment.env) {
    const want = f.targetEnvironment.env === 'live' ? 'hf_live_ (production)' : 'hf_test_ (sandbox)';
    const has = v.environment === 'live' ? 'hf_live_ (production)' : 'hf_test_ (sandbox)';
    add({
      id: 'issued:environment',
      title: 'Key for the right environment',
      severity: 'error',
      cause: 'wrong-env-prefix',
      what: `${f.secret} is a ${has} key, but the consumer targets ${f.targetEnvironment.env === 'live' ? 'production' : 'a sandbox / local'} HiveForge (${f.targetEnvironment.why}).`,
      why: `HiveForge keys belong to one environment: a ${has} key is unknown to a ${f.targetEnvironment.env === 'live' ? 'production' : 'sandbox'} API, which answers 401.`,
      fix: `Use a ${want} key from ${f.issuerUrl}: ${replaceFix(f, f.lookup?.kind === 'found' ? f.lookup.key.scopes : leastPrivilegeOrEmpty(f), `${f.secret} (${f.targetEnvironment.env})`).replace(/^Create/, 'create')}`,
    });
  }

  // 4–6. what the issuer knows about the key
  const lookup = f.lookup;
  const smokePassed = f.smoke?.ok === true;
  if (lookup?.kind === 'unavailable') {
    if (lookup.status === 503) add(noAdminKey(f, `${sys}'s admin API answered 503 when asked for its key list`));
    else add({ id: 'issued:known', title: `Known to ${sys}`, severity: 'warning', cause: 'issuer-unreachable', what: `Could not ask ${f.issuerName} (${f.issuerUrl}) about the key: ${lookup.reason}.`, fix: `Store the issuer's admin credential (\`keyhive keys credential --issuer ${f.issuerName}\`) and check it runs.` });
  } else if (lookup?.kind === 'not-found') {
    add({ id: 'issued:known', title: `Known to ${sys}`, severity: 'error', cause: 'unknown-key', what: `None of the ${lookup.listed} keys ${f.issuerName} lists (revoked ones included) matches this key's prefix (${v.fingerprint ?? 'no value'}).`, why: `${sys} has never issued this key (a typo, a key of another ${sys} instance or environment, or a deleted key), so it answers 401.`, fix: replaceFix(f, leastPrivilegeOrEmpty(f), `${f.secret} key`) });
  } else if (lookup?.kind === 'found') {
    checkRecord(f, lookup.key, smokePassed, add);
  }

  // 7. what the authenticated call said
  const s = f.smoke;
  if (s && !s.ok && s.status !== null) {
    if (s.status === 429) {
      const wait = s.retryAfterSeconds;
      add({ id: 'issued:rate-limit', title: 'Rate limit', severity: 'error', cause: 'rate-limited', what: `${s.method} ${s.url} → 429 Too Many Requests${wait !== undefined ? `, Retry-After ${wait} s` : ''}.`, why: `${sys} allows ${f.system === 'hogsend' ? '100 requests per key per sliding minute' : 'a limited number of requests'}; the key itself may be fine.`, fix: `Wait${wait !== undefined ? ` ${wait} s (until ${iso(f.now + wait * 1000)})` : ' for the window to pass'} before calling again — never retry in a loop; use bulk endpoints (/import, /enroll/batch, /replay) instead of one call per item.` });
    } else if (s.status === 503 && f.system === 'hogsend' && !out.some((x) => x.cause === 'no-admin-key')) {
      add(noAdminKey(f, `${s.method} ${s.url} answered 503`));
    } else if (s.status === 403 && !out.some((x) => x.cause === 'missing-scope')) {
      const named = /missing required scope:\s*([\w:.-]+)/i.exec(s.said ?? '')?.[1];
      const least = leastPrivilegeOrEmpty(f);
      const scopes = named ? [named] : least;
      add({ id: 'issued:scope', title: 'Scopes cover the endpoint', severity: 'error', cause: 'missing-scope', what: `${s.method} ${s.url} → 403${s.said ? ` "${s.said}"` : ''}${named ? `: the key lacks \`${named}\`` : ''}.`, why: 'The key is valid, but its scopes do not allow this call.', fix: replaceFix(f, scopes, `${f.secret} (least privilege)`) });
    }
  }
  return out;
}

function leastPrivilegeOrEmpty(f: IssuedKeyFacts): string[] {
  try {
    return leastPrivilege(f.system, f.endpoints);
  } catch {
    return [];
  }
}

function noAdminKey(f: IssuedKeyFacts, evidence: string): Omit<DoctorFinding, 'secret'> & { cause: DoctorCause } {
  return {
    id: 'issued:admin-configured',
    title: 'Hogsend has an admin key at all',
    severity: 'error',
    cause: 'no-admin-key',
    what: `${evidence}: Hogsend has no admin key configured (no ADMIN_API_KEY and no database key).`,
    why: 'Without any admin key Hogsend refuses every admin request with 503 — no key, however right, can pass.',
    fix: 'Set ADMIN_API_KEY (hsk_ + at least 28 random characters) in Hogsend\'s .env and restart it; then create scoped keys with it.',
  };
}

function checkRecord(f: IssuedKeyFacts, k: IssuedKey, smokePassed: boolean, add: (x: Omit<DoctorFinding, 'secret'> & { cause?: DoctorCause }) => void): void {
  const sys = SYSTEM_NAME[f.system];
  const label = `"${k.name}" (${k.prefix}…, id ${k.id})`;
  const revokedAt = k.revokedAt ? Date.parse(k.revokedAt) : null;
  const expiresAt = k.expiresAt ? Date.parse(k.expiresAt) : null;
  const cacheEnds = (from: number): number => from + f.cacheMs;
  if (revokedAt !== null) {
    if (f.cacheMs > 0 && f.now < cacheEnds(revokedAt)) {
      add({
        id: 'issued:cache-window',
        title: 'Inside the cache window',
        severity: 'error',
        cause: 'cache-window',
        what: `${label} was revoked at ${iso(revokedAt)}, ${span(f.now - revokedAt)} ago — inside ${sys}'s ${span(f.cacheMs)} cache window${smokePassed ? ', and the call still passed' : ''}.`,
        why: `${sys} caches validated keys for ${span(f.cacheMs)}: until ${iso(cacheEnds(revokedAt))} the old key may still pass on an instance that cached it (and a replacement may not be seen everywhere yet); after that it gets 401.`,
        fix: `Switch the consumer to a replacement before ${iso(cacheEnds(revokedAt))}: ${replaceFix(f, k.scopes, `${k.name} (replacement)`)}`,
      });
    } else {
      add({ id: 'issued:revoked', title: 'Not revoked', severity: 'error', cause: 'revoked', what: `${label} was revoked at ${iso(revokedAt)}.`, why: `${sys} refuses a revoked key with 401 (its ${span(f.cacheMs || 1000)} cache window has passed).`, fix: replaceFix(f, k.scopes, `${k.name} (replacement)`) });
    }
    return;
  }
  if (expiresAt !== null && expiresAt <= f.now) {
    add({ id: 'issued:expired', title: 'Not expired', severity: 'error', cause: 'expired', what: `${label} expired at ${iso(expiresAt)}.`, why: `${sys} checks expiry on every request (cached or not), so the key gets 401.`, fix: replaceFix(f, k.scopes, `${k.name} (replacement)`) });
    return;
  }
  if (k.enabled === false) {
    if (smokePassed && f.cacheMs > 0) {
      add({ id: 'issued:cache-window', title: 'Inside the cache window', severity: 'error', cause: 'cache-window', what: `${label} is disabled, yet the call still passed.`, why: `${sys} caches a validated key for ${span(f.cacheMs)} from its last lookup: the disabled key keeps passing until that entry expires — by ${iso(cacheEnds(f.now))} at the latest — then it gets 401.`, fix: `Enable it again if it was disabled by mistake, or switch the consumer now: ${replaceFix(f, k.scopes, `${k.name} (replacement)`)}` });
    } else {
      add({ id: 'issued:disabled', title: 'Enabled', severity: 'error', cause: 'disabled', what: `${label} is disabled.`, why: `${sys} treats a disabled key like a wrong one: 401 "missing or invalid api key".`, fix: `Enable it again in ${sys} if the consumer should keep it, or: ${replaceFix(f, k.scopes, `${k.name} (replacement)`)}` });
    }
    return;
  }
  const rotatedAt = k.lastRotatedAt ? Date.parse(k.lastRotatedAt) : null;
  if (rotatedAt !== null && f.cacheMs > 0 && f.now < cacheEnds(rotatedAt)) {
    add({ id: 'issued:cache-window', title: 'Inside the cache window', severity: 'warning', cause: 'cache-window', what: `${label} was rotated at ${iso(rotatedAt)}, ${span(f.now - rotatedAt)} ago.`, why: `Until ${iso(cacheEnds(rotatedAt))} (${sys}'s ${span(f.cacheMs)} cache) the old plaintext may still pass and results can differ between calls; after that only the new one does.`, fix: 'Make sure every consumer holds the new key before then (`keyhive status`).' });
  }
  const soon = expiresAt !== null ? expiresAt - f.now : null;
  add({ id: 'issued:state', title: `Active on ${sys}`, severity: soon !== null && soon < 7 * 86_400_000 ? 'warning' : 'ok', what: `${label} is active${expiresAt !== null ? `, expires ${iso(expiresAt)}` : ', no expiry'}; scopes: ${k.scopes.join(', ') || '(none: all endpoints)'}.`, ...(soon !== null && soon < 7 * 86_400_000 ? { fix: `It expires within a week: ${replaceFix(f, k.scopes, `${k.name} (replacement)`)}` } : {}) });
  // scopes vs the consumer's endpoints
  const missing: string[] = [];
  for (const e of f.endpoints) {
    try {
      const c = covers(f.system, k.scopes, e);
      if (!c.covered) missing.push(c.reason);
    } catch {
      // an endpoint the scope model does not know: the probe's answer is the evidence
    }
  }
  if (missing.length) {
    const least = leastPrivilegeOrEmpty(f);
    add({ id: 'issued:scope', title: 'Scopes cover the endpoint', severity: 'error', cause: 'missing-scope', what: missing.join('; ') + '.', why: `${sys} answers 403 (${f.system === 'hogsend' ? '"Insufficient scope"' : f.system === 'tokenhub' ? '"scope not allowed"' : '"API key missing required scope: …"'}) for a call the key's scopes do not cover.`, fix: `Least privilege for what the consumer calls is [${least.join(', ') || 'none'}]. ${replaceFix(f, least, `${k.name} (least privilege)`)}` });
  } else if (f.endpoints.length) {
    add({ id: 'issued:scope', title: 'Scopes cover the endpoint', severity: 'ok', what: `The key's scopes cover ${f.endpoints.join(', ')}.` });
  }
}
