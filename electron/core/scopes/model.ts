/**
 * The shape of one system's scope rules, as data: which scopes exist, which scope includes
 * which, and which scope each endpoint needs. Each issuing system (Hogsend, TokenHub,
 * HiveForge) describes itself with one `ScopeModel`; the functions in `scopes.ts` work on any.
 */
import type { IssuerSystem } from '../../../shared/domain.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** One endpoint and the scopes that allow it: any one of `anyOf` (after expansion) is enough. */
export interface EndpointRule {
  method: HttpMethod;
  /** Path pattern; `:name` segments match one non-empty path segment. */
  path: string;
  /** Alternatives, narrowest first: the first is the scope to suggest when the key lacks all. */
  anyOf: readonly string[];
  /** What the endpoint does, in plain words (shown in reasons). */
  what: string;
}

export interface ScopeModel {
  system: IssuerSystem;
  /** Every scope the system accepts, in display order. */
  scopes: readonly string[];
  /** Direct inclusions: granting the key scope also grants each listed scope. */
  includes: Readonly<Record<string, readonly string[]>>;
  /** A key with no scopes at all may call every endpoint (TokenHub). */
  emptyGrantsAll: boolean;
  endpoints: readonly EndpointRule[];
  /** How a key of this system is written, for documentation and messages. */
  keyShape: string;
}
