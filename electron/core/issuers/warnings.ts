/**
 * What Keyhive warns about for an issued key (pure): a production HiveForge key in a local
 * workspace, a key broader than the consumer needs (naming the excess scopes), a key expiring
 * within 14 days (or expired), a key past its rotation schedule, a key unused for 90 days.
 * Every warning says what, why it matters, and the fix. No values: prefixes only.
 */
import type { IssuedKey, IssuerSystem } from '../../../shared/domain.js';
import { excessScopes, leastPrivilege } from '../scopes/scopes.js';

export const EXPIRY_WARNING_DAYS = 14;
export const UNUSED_WARNING_DAYS = 90;
const DAY_MS = 86_400_000;

export type KeyWarningCode = 'live-key-in-local-workspace' | 'broader-than-needed' | 'expired' | 'expiring-soon' | 'rotation-overdue' | 'unused';

export interface KeyWarning {
  code: KeyWarningCode;
  message: string;
  fix: string;
}

export interface KeyWarningInput {
  secret: string;
  system: IssuerSystem;
  /** The key as the issuer lists it (null when Keyhive could not find it). */
  key: IssuedKey | null;
  /** The first characters of the value the consumer holds (e.g. `hf_live_`), when known. */
  valuePrefix?: string | null;
  /** The scopes the key holds (the issuer's list, else the workspace's `scopes`). */
  scopes: readonly string[];
  /** What the consumer calls (workspace `endpoints`); empty = unknown, no privilege check. */
  endpoints: readonly string[];
  now: number;
}

const days = (ms: number): number => Math.floor(ms / DAY_MS);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function keyWarnings(input: KeyWarningInput): KeyWarning[] {
  const out: KeyWarning[] = [];
  const { key, secret, system, now } = input;
  const shownPrefix = key?.prefix ?? input.valuePrefix ?? '';
  if (system === 'hiveforge' && (shownPrefix.startsWith('hf_live_') || input.valuePrefix?.startsWith('hf_live_'))) {
    out.push({
      code: 'live-key-in-local-workspace',
      message: `${secret} holds a live HiveForge key (hf_live_…) in a local development workspace`,
      fix: 'Use a sandbox key (hf_test_…) for local work: create one in the sandbox organisation and rotate this secret to it.',
    });
  }
  if (input.endpoints.length > 0) {
    const excess = excessScopes(system, input.scopes, input.endpoints);
    if (excess.length > 0) {
      const needed = leastPrivilege(system, input.endpoints);
      out.push({
        code: 'broader-than-needed',
        message: `${secret} grants more than its consumer calls: ${excess.join(', ')} ${excess.length === 1 ? 'is' : 'are'} not needed`,
        fix: `Issue the key with [${needed.join(', ')}] instead${system === 'tokenhub' && input.scopes.length === 0 ? ' (an empty TokenHub scope list allows every endpoint)' : ''}.`,
      });
    }
  }
  if (key?.expiresAt) {
    const left = Date.parse(key.expiresAt) - now;
    if (left <= 0) {
      out.push({ code: 'expired', message: `${secret}'s key (${shownPrefix}…) expired on ${key.expiresAt.slice(0, 10)}`, fix: `Rotate it now: keyhive keys rotate ${secret}` });
    } else if (left <= EXPIRY_WARNING_DAYS * DAY_MS) {
      out.push({
        code: 'expiring-soon',
        message: `${secret}'s key (${shownPrefix}…) expires in ${plural(Math.max(0, days(left)), 'day')} (${key.expiresAt.slice(0, 10)})`,
        fix: `Rotate it before then: keyhive keys rotate ${secret}`,
      });
    }
  }
  if (key?.rotationDays) {
    const since = key.lastRotatedAt ?? key.createdAt;
    if (since) {
      const due = Date.parse(since) + key.rotationDays * DAY_MS;
      if (now > due) {
        out.push({
          code: 'rotation-overdue',
          message: `${secret}'s key is past its ${plural(key.rotationDays, 'day')} rotation schedule by ${plural(Math.max(1, days(now - due)), 'day')}`,
          fix: `Rotate it: keyhive keys rotate ${secret}`,
        });
      }
    }
  }
  if (key && key.revokedAt === null) {
    const last = key.lastUsedAt ?? key.createdAt;
    if (last && now - Date.parse(last) >= UNUSED_WARNING_DAYS * DAY_MS) {
      out.push({
        code: 'unused',
        message: `${secret}'s key (${shownPrefix}…) has not been used for ${plural(days(now - Date.parse(last)), 'day')}${key.lastUsedAt ? '' : ' (never used since it was created)'}`,
        fix: 'If nothing uses it any more, revoke it: keyhive keys revoke --issuer <name> ' + key.id,
      });
    }
  }
  return out;
}
