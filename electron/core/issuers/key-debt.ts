/**
 * Expiry and rotation debt of one issued key (pure): expiring within 30 / 7 / 1 days or expired,
 * past its rotation schedule (TokenHub), unused for 90 days, broader than the consumer needs, a
 * live HiveForge key in a local workspace — each with the fix as an action (rotate, narrow,
 * revoke). Builds on keyWarnings; the clock is an input.
 */
import type { IssuedKey, IssuerSystem } from '../../../shared/domain.js';
import { keyWarnings, type KeyWarningCode } from './warnings.js';

const DAY_MS = 86_400_000;
export const EXPIRY_BUCKETS = [1, 7, 30] as const;
export type ExpiryBucket = (typeof EXPIRY_BUCKETS)[number];
export type DebtAction = 'rotate' | 'narrow' | 'revoke';

export interface KeyDebtItem {
  code: KeyWarningCode;
  message: string;
  fix: string;
  action: DebtAction;
  /** For expiring keys: the smallest of 1 / 7 / 30 days it falls within. */
  withinDays?: ExpiryBucket;
}

const ACTION: Record<KeyWarningCode, DebtAction> = {
  'live-key-in-local-workspace': 'rotate',
  'broader-than-needed': 'narrow',
  expired: 'rotate',
  'expiring-soon': 'rotate',
  'rotation-overdue': 'rotate',
  unused: 'revoke',
};

export interface KeyDebtInput {
  system: IssuerSystem;
  key: IssuedKey;
  /** The workspace secret holding the key, if any (named in messages; else the key's name). */
  secret: string | null;
  /** What the holder calls; empty = unknown (no privilege check). */
  endpoints: readonly string[];
  now: number;
}

export function keyDebt(input: KeyDebtInput): KeyDebtItem[] {
  const { key, now } = input;
  if (key.revokedAt !== null) return [];
  const label = input.secret ?? `key "${key.name}"`;
  const out: KeyDebtItem[] = [];
  for (const w of keyWarnings({ secret: label, system: input.system, key, scopes: key.scopes, endpoints: input.endpoints, now })) {
    if (w.code === 'expiring-soon') continue; // re-stated below with the 30/7/1-day buckets
    out.push({ code: w.code, message: w.message, fix: w.fix, action: ACTION[w.code] });
  }
  if (key.expiresAt) {
    const left = Date.parse(key.expiresAt) - now;
    const bucket = EXPIRY_BUCKETS.find((d) => left > 0 && left <= d * DAY_MS);
    if (bucket !== undefined) {
      const days = Math.max(0, Math.floor(left / DAY_MS));
      out.push({
        code: 'expiring-soon',
        message: `${label}'s key (${key.prefix}…) expires ${days === 0 ? 'within a day' : `in ${days} day${days === 1 ? '' : 's'}`} (${key.expiresAt.slice(0, 10)})`,
        fix: input.secret ? `Rotate it before then: keyhive keys rotate ${input.secret}` : 'Create a replacement and revoke this one before then.',
        action: 'rotate',
        withinDays: bucket,
      });
    }
  }
  return out;
}
