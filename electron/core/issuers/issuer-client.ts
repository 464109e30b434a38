/**
 * The one interface Keyhive uses to manage keys issued by a service's admin API (Hogsend,
 * TokenHub, HiveForge). Adapters in electron/adapters/issuers implement it over HTTP; each maps
 * its system's JSON onto `IssuedKey`. Optional methods exist only where the system offers them:
 * `updateScopes` (HiveForge PATCH), `setEnabled` and `rotate` (TokenHub).
 *
 * A plaintext key appears only in `CreatedKey.plaintext`, straight from the response; callers
 * put it in the keychain and the consumer's .env, never in a log, event or message.
 */
import type { IssuedKey, IssuerSystem } from '../../../shared/domain.js';

export interface CreateKeyInput {
  name: string;
  scopes: string[];
  /** ISO 8601; omitted = the system's default (usually no expiry). */
  expiresAt?: string | null;
}

export interface CreatedKey {
  key: IssuedKey;
  plaintext: string;
}

/** What a call made WITH an issued key taught us (never the key). */
export interface KeyProbeAnswer {
  method: string;
  url: string;
  status: number | null;
  /** `X-RateLimit-Remaining`, when the system sends it. */
  rateLimitRemaining: number | null;
  /** `Retry-After` in seconds, on a 429. */
  retryAfterSeconds: number | null;
  /** The system's own error text (`error` / `detail`), when any. */
  message: string | null;
  latencyMs: number;
}

export interface IssuerClient {
  readonly system: IssuerSystem;
  readonly url: string;
  list(opts?: { includeRevoked?: boolean }): Promise<IssuedKey[]>;
  create(input: CreateKeyInput): Promise<CreatedKey>;
  updateScopes?(id: string, scopes: string[]): Promise<IssuedKey>;
  setEnabled?(id: string, enabled: boolean): Promise<IssuedKey>;
  /** TokenHub: the recommended rotation period in days (null: none). `createdAt` only where the server allows it (the demo's TokenHub). */
  setRotationSchedule?(id: string, rotationDays: number | null, opts?: { createdAt?: string }): Promise<IssuedKey>;
  rotate?(id: string): Promise<CreatedKey>;
  revoke(id: string): Promise<void>;
  /** Calls one endpoint ("METHOD /path") authenticated with an issued key. */
  probe(plaintext: string, endpoint: { method: string; path: string }): Promise<KeyProbeAnswer>;
}

/** How long a revoked/rotated key may still be accepted, per system (documented cache windows). */
export const REVOCATION_CACHE_MS: Record<IssuerSystem, number> = {
  hogsend: 60_000,
  tokenhub: 5 * 60_000,
  hiveforge: 0,
};
