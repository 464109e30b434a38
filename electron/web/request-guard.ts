/**
 * Who may talk to `keyhive web`: checks every request's Host (DNS rebinding), Origin and
 * Sec-Fetch-Site (cross-site pages), and the session token (URL token once, then the cookie),
 * compared in constant time. Pure functions over headers, so each rule is tested on its own.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { web } from '../../shared/api.js';

/** A fresh 256-bit random token, URL- and cookie-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time equality (hashing first so lengths never leak through timing either). */
export function tokensMatch(candidate: string | undefined | null, expected: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return false;
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The cookie carries the port: cookies are per host, not per port, so two servers must not clash. */
export function cookieNameFor(port: number): string {
  return `${web.cookieName}_${port}`;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Host must name this server on loopback: anything else is a DNS-rebinding attempt. */
export function hostAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  const host = one(headers.host)?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host);
}

export type RequestKind = 'api' | 'page';

/**
 * Cross-site refusal. API calls and the event stream must come from our own page
 * (Origin, when sent, is ours; Sec-Fetch-Site, when sent, is same-origin). A page load may
 * also be typed or opened by the user (Sec-Fetch-Site: none), never led in from another site.
 */
export function sameSiteAllowed(headers: IncomingHttpHeaders, port: number, kind: RequestKind): boolean {
  const origin = one(headers.origin);
  if (origin !== undefined && !allowedOrigins(port).includes(origin.toLowerCase())) return false;
  const site = one(headers['sec-fetch-site'])?.toLowerCase();
  if (site === undefined) return true;
  if (site === 'same-origin') return true;
  return kind === 'page' && site === 'none';
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

export function sessionCookie(port: number, value: string): string {
  return `${cookieNameFor(port)}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}

/** True when the request carries this server's session cookie. */
export function hasSession(headers: IncomingHttpHeaders, port: number, sessionSecret: string): boolean {
  return tokensMatch(parseCookies(one(headers.cookie)).get(cookieNameFor(port)), sessionSecret);
}

/** `application/json`, optionally with parameters (charset). */
export function isJsonContentType(headers: IncomingHttpHeaders): boolean {
  const ct = one(headers['content-type'])?.toLowerCase();
  return ct !== undefined && ct.split(';')[0]?.trim() === 'application/json';
}
