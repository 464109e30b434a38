/**
 * Endpoints written as "METHOD /path" and matched against `EndpointRule` patterns. A literal
 * segment beats a `:param` segment at the same place, so `GET /contacts/export` finds the export
 * rule, not `GET /contacts/:id`. Query strings and a trailing slash are ignored.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import type { EndpointRule, HttpMethod } from './model.js';

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export interface ParsedEndpoint {
  method: HttpMethod;
  path: string;
}

/** Parses "METHOD /path" (method case-insensitive). Throws BAD_INPUT with the fix. */
export function parseEndpoint(text: string): ParsedEndpoint {
  const m = /^\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(text);
  const method = m?.[1]?.toUpperCase();
  if (!m || !method || !METHODS.has(method)) {
    throw new KeyhiveError('BAD_INPUT', `"${text}" is not an endpoint`, {
      fix: 'write an endpoint as "METHOD /path", e.g. "GET /v1/admin/contacts"',
    });
  }
  return { method: method as HttpMethod, path: normalisePath(m[2] ?? '/') };
}

export function normalisePath(path: string): string {
  const noQuery = path.split(/[?#]/, 1)[0] ?? '/';
  const trimmed = noQuery.length > 1 ? noQuery.replace(/\/+$/, '') : noQuery;
  return trimmed === '' ? '/' : trimmed;
}

const segments = (p: string): string[] => p.split('/').filter((s) => s !== '');

/** Score of a pattern against a path: null when it does not match, higher = more literal. */
function matchScore(pattern: string, path: string): number | null {
  const ps = segments(pattern);
  const xs = segments(path);
  if (ps.length !== xs.length) return null;
  let score = 0;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] as string;
    const x = xs[i] as string;
    if (p.startsWith(':')) continue;
    if (p !== x) return null;
    score += 2 ** (ps.length - i);
  }
  return score;
}

/** The most specific rule for this endpoint, or null. */
export function findRule(rules: readonly EndpointRule[], endpoint: ParsedEndpoint): EndpointRule | null {
  let best: EndpointRule | null = null;
  let bestScore = -1;
  for (const r of rules) {
    if (r.method !== endpoint.method) continue;
    const s = matchScore(r.path, endpoint.path);
    if (s !== null && s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  return best;
}

export const formatEndpoint = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;
