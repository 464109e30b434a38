/**
 * What the servers Keyhive knows say when they refuse a key, and what that means in plain words.
 * Data, not code: add a row to teach the doctor and the probes a new server's error body.
 * `pattern` is matched against the error text extracted from the body (JSON `error`, `message`
 * or `detail`, else the raw text). `$1` in cause/fix is replaced by the first capture group.
 */
export interface ErrorBodyRule {
  id: string;
  /** Who sends it (for the explanation). */
  system: string;
  status?: number[];
  pattern: RegExp;
  cause: string;
  fix: string;
}

export const ERROR_BODY_RULES: readonly ErrorBodyRule[] = [
  {
    id: 'hub-missing-header',
    system: 'HiveCFM hub',
    status: [401],
    pattern: /missing authorization header/i,
    cause: 'The request reached the server with no Authorization header: the caller knows the server URL but was not given the key (its variable is empty or unset).',
    fix: 'Set the key on the caller side and recreate it: `keyhive sync <secret>` (or `keyhive doctor <secret> --fix`).',
  },
  {
    id: 'hub-header-format',
    system: 'HiveCFM hub',
    status: [401],
    pattern: /invalid authorization header format/i,
    cause: 'The server wants `Authorization: Bearer <key>`, but the request sent another shape (usually the raw key without `Bearer `).',
    fix: 'Make the caller send `Authorization: Bearer <key>` (note the space after Bearer).',
  },
  {
    id: 'hogsend-insufficient-scope',
    system: 'Hogsend',
    status: [403],
    pattern: /insufficient scope/i,
    cause: 'The key is valid, but its scopes do not allow this call (GET needs `read`; changes need `journey-admin` or `full-admin`; key management and bulk work need `full-admin`).',
    fix: 'Give the caller a key with the needed scope (`keyhive keys create`), then sync it.',
  },
  {
    id: 'tokenhub-invalid-key',
    system: 'TokenHub',
    status: [401],
    pattern: /missing or invalid api key/i,
    cause: 'The key is missing, malformed, wrong, expired or disabled (TokenHub does not say which).',
    fix: 'Check the key is `tokenhub_` + 64 hex, still enabled and not expired; sync it from the keychain with `keyhive sync <secret>`.',
  },
  {
    id: 'tokenhub-scope',
    system: 'TokenHub',
    status: [403],
    pattern: /scope not allowed/i,
    cause: 'The key is valid but lacks the scope this endpoint needs (`chat` for /v1/chat, `plan` for /v1/plan).',
    fix: 'Add the missing scope to the key (or use a key with empty scopes, which allows every endpoint).',
  },
  {
    id: 'hiveforge-missing-scope',
    system: 'HiveForge',
    status: [403],
    pattern: /api key missing required scope:\s*([\w:.-]+)/i,
    cause: 'The key is valid but lacks the scope `$1` this endpoint needs.',
    fix: 'Grant `$1` (or a parent scope that includes it) to the key, or create a new key with it.',
  },
  {
    id: 'hiveforge-auth-required',
    system: 'HiveForge',
    status: [401],
    pattern: /authentication required/i,
    cause: 'No valid credential reached the server: the key is missing, revoked or expired.',
    fix: 'Check the caller sends `Authorization: Bearer hf_…` with a live key; sync it with `keyhive sync <secret>`.',
  },
  {
    id: 'rate-limited',
    system: 'any',
    status: [429],
    pattern: /rate limit/i,
    cause: 'The server is rate limiting this key.',
    fix: 'Wait for the time in Retry-After before calling again; use bulk endpoints instead of loops.',
  },
];

/** The human error text inside a response body: JSON `error`/`message`/`detail`, else the text. */
export function errorTextOf(body: string): string {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      const j = JSON.parse(trimmed) as Record<string, unknown>;
      for (const k of ['error', 'message', 'detail']) {
        const v = j[k];
        if (typeof v === 'string') return v;
        if (v && typeof v === 'object' && typeof (v as Record<string, unknown>).message === 'string') return (v as { message: string }).message;
      }
    } catch {
      // not JSON after all
    }
  }
  return trimmed.slice(0, 300);
}

export interface MatchedBody {
  rule: ErrorBodyRule;
  cause: string;
  fix: string;
}

export function matchErrorBody(status: number, body: string): MatchedBody | null {
  const text = errorTextOf(body);
  for (const rule of ERROR_BODY_RULES) {
    if (rule.status && !rule.status.includes(status)) continue;
    const m = rule.pattern.exec(text);
    if (!m) continue;
    const fill = (s: string): string => s.replace(/\$1/g, m[1] ?? '');
    return { rule, cause: fill(rule.cause), fix: fill(rule.fix) };
  }
  return null;
}
