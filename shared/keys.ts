/**
 * The contract of the Keys view and `keyhive keys`/`keyhive status --json`: every issuer's keys
 * with their state, scopes (expanded through the system's hierarchy), holders (workspace
 * bindings matched by prefix, shown by fingerprint) and debt, plus the results of create and
 * rotate. Never a key value: prefixes and fingerprints only.
 */
import { z } from 'zod';
import { IssuedKey, IssuerSystem, ScopeNode } from './domain.js';
import { ErrorPayload } from './errors.js';

export const KeyState = z.enum(['active', 'disabled', 'revoked', 'expired']);
export type KeyState = z.infer<typeof KeyState>;

export const KeyHolder = z.object({ secret: z.string(), service: z.string(), var: z.string(), fingerprint: z.string().nullable() });
export type KeyHolder = z.infer<typeof KeyHolder>;

export const DebtAction = z.enum(['rotate', 'narrow', 'revoke']);
export const KeyDebt = z.object({
  issuer: z.string(),
  keyId: z.string(),
  prefix: z.string(),
  secret: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  fix: z.string(),
  action: DebtAction,
  withinDays: z.number().int().optional(),
});
export type KeyDebt = z.infer<typeof KeyDebt>;

export const KeyRow = IssuedKey.extend({
  state: KeyState,
  expandedScopes: z.array(z.string()),
  /** The workspace secret whose value is this key (its holders' secret), if any. */
  secret: z.string().nullable(),
  heldBy: z.array(KeyHolder),
  debt: z.array(KeyDebt),
});
export type KeyRow = z.infer<typeof KeyRow>;

export const IssuerCredential = z.object({
  /** `secret`: the credential is a workspace secret (e.g. Hogsend's ADMIN_API_KEY); `keychain`: its own entry. */
  source: z.enum(['secret', 'keychain']),
  secret: z.string().nullable(),
  stored: z.boolean(),
  /** A JWT's expiry (HiveForge), when it has one. */
  expiresAt: z.string().nullable(),
  /** What is wrong with it, in words, with the fix (missing, expired). */
  problem: z.string().nullable(),
});
export type IssuerCredential = z.infer<typeof IssuerCredential>;

export const IssuerKeys = z.object({
  issuer: z.string(),
  system: IssuerSystem,
  url: z.string(),
  cacheWindowSeconds: z.number().int(),
  credential: IssuerCredential,
  /** The system's whole scope hierarchy (nothing granted): what the scope picker shows. */
  hierarchy: z.array(ScopeNode),
  /** Workspace secrets issued by this issuer, with the least-privilege scopes for what they call. */
  secrets: z.array(z.object({ secret: z.string(), endpoints: z.array(z.string()), leastPrivilege: z.array(z.string()).nullable() })),
  keys: z.array(KeyRow),
  canSetEnabled: z.boolean(),
  canUpdateScopes: z.boolean(),
  /** Set when the issuer could not be asked (down, credential missing or refused). */
  error: ErrorPayload.nullable(),
});
export type IssuerKeys = z.infer<typeof IssuerKeys>;

export const KeysOverview = z.object({
  checkedAt: z.string(),
  issuers: z.array(IssuerKeys),
  debt: z.array(KeyDebt),
  /** Old keys a rotation did not wait for: re-checked by the app once their issuer's cache window has passed. */
  rechecks: z.array(z.object({ secret: z.string(), dueAt: z.string() })).default([]),
});
export type KeysOverview = z.infer<typeof KeysOverview>;

export const KeyCreated = z.object({
  key: IssuedKey,
  storedAs: z.string().nullable(),
  /** What was restarted to make the key live (for a secret), in words. */
  live: z.string().nullable(),
  /** The consumer's smoke probe with the new key (for a secret with a probe). */
  probe: z.object({ ok: z.boolean(), detail: z.string() }).nullable(),
});
export type KeyCreated = z.infer<typeof KeyCreated>;

export const IssuedRotationResult = z.object({
  operationId: z.string(),
  ok: z.boolean(),
  summary: z.string(),
  activityId: z.string().nullable(),
  /** True once the old key was refused after the cache window; false: still accepted; null: not checked yet. */
  oldRefused: z.boolean().nullable(),
  /** When the issuer's cache window for the old key ends (the re-check time). */
  recheckAt: z.string().nullable(),
  cacheWindowSeconds: z.number().int(),
});
export type IssuedRotationResult = z.infer<typeof IssuedRotationResult>;
