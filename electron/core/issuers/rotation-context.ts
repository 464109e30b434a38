/**
 * What the issued-key rotation flow needs from the outside world (ports), and the facts it keeps
 * in its journal. The app builds the context from the workspace session; tests can build it
 * from fakes or from the reference servers.
 */
import type { IssuerSystem } from '../../../shared/domain.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { ParsedEndpoint } from '../scopes/endpoint-match.js';
import type { IssuerClient, KeyProbeAnswer } from './issuer-client.js';
import type { ProbeSpacer } from './rate-limit.js';

export interface IssuedRotationContext {
  secret: string;
  system: IssuerSystem;
  client: IssuerClient;
  store: SecretStore;
  /** Keychain accounts: the live value, the old value kept until proven, the new value. */
  accounts: { current: string; backup: string; pending: string };
  probeEndpoint: ParsedEndpoint;
  /** Writes the value to the keychain entry and every consumer binding; returns plain words. */
  writeConsumers(value: string): Promise<string>;
  /** Restarts the consumers that run under Keyhive (others are skipped with a note). */
  restartConsumers(): Promise<string>;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** How long this run may wait for the issuer's cache window before re-checking the old key. */
  maxCacheWaitMs: number;
  /** How long the issuer may keep accepting a revoked or rotated key (its cache window). */
  cacheWindowMs: number;
  spacer: ProbeSpacer;
}

/** Journal facts (never a value). */
export interface IssuedRotationData {
  mode: 'in-place' | 'create-switch';
  oldKeyId: string | null;
  oldPrefix: string | null;
  oldName: string | null;
  scopes: string[];
  /** Unique name of the key this rotation creates (to find it again after a crash). */
  newName: string;
  newKeyId?: string;
  newPrefix?: string;
  /**
   * The old key's lifetime (expiry minus creation or last rotation), so the new key gets the same
   * (a 30-day key gets a new 30-day expiry); null = it never expired.
   */
  lifetimeMs?: number | null;
  /** TokenHub: the key's lastRotatedAt before this rotation (tells whether the server rotated). */
  lastRotatedBefore?: string | null;
  /** Local time (ms) the old key was revoked / rotated away. */
  oldRetiredAt?: number;
  oldStillAccepted?: boolean;
  recheckAfter?: string;
}

/** True when the key was refused outright (401) — what a revoked key must get. */
export const isRefused = (a: KeyProbeAnswer): boolean => a.status === 401;

/** True when the key was accepted (authenticated and authorised). */
export const isAccepted = (a: KeyProbeAnswer): boolean => a.status !== null && a.status < 500 && ![401, 403, 429].includes(a.status);

const SUFFIX = / \u00b7 keyhive rotation \S+$/;
export const rotatedKeyName = (oldName: string | null, secret: string, operationId: string): string =>
  `${(oldName ?? secret).replace(SUFFIX, '')} · keyhive rotation ${operationId}`;
