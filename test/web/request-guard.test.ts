import { describe, expect, it } from 'vitest';
import {
  allowedOrigins,
  cookieNameFor,
  hasSession,
  hostAllowed,
  isJsonContentType,
  newToken,
  parseCookies,
  sameSiteAllowed,
  sessionCookie,
  tokensMatch,
} from '../../electron/web/request-guard.js';

describe('web request guard', () => {
  it('makes 256-bit url-safe tokens, all different', () => {
    const tokens = new Set(Array.from({ length: 50 }, newToken));
    expect(tokens.size).toBe(50);
    for (const t of tokens) expect(Buffer.from(t, 'base64url')).toHaveLength(32);
  });

  it('compares tokens exactly', () => {
    const t = newToken();
    expect(tokensMatch(t, t)).toBe(true);
    expect(tokensMatch(t.slice(0, -1), t)).toBe(false);
    expect(tokensMatch(t + 'x', t)).toBe(false);
    expect(tokensMatch('', t)).toBe(false);
    expect(tokensMatch(undefined, t)).toBe(false);
    expect(tokensMatch('x'.repeat(10_000), t)).toBe(false);
  });

  it('accepts only this port on 127.0.0.1 / localhost as Host', () => {
    expect(hostAllowed({ host: '127.0.0.1:4000' }, 4000)).toBe(true);
    expect(hostAllowed({ host: 'LOCALHOST:4000' }, 4000)).toBe(true);
    for (const host of ['evil.example:4000', '127.0.0.1:4001', '127.0.0.1', '0.0.0.0:4000', '[::1]:4000', '127.0.0.1.evil.example:4000']) {
      expect(hostAllowed({ host }, 4000), host).toBe(false);
    }
    expect(hostAllowed({}, 4000)).toBe(false);
  });

  it('refuses foreign origins and cross-site fetch metadata', () => {
    expect(allowedOrigins(4000)).toEqual(['http://127.0.0.1:4000', 'http://localhost:4000']);
    expect(sameSiteAllowed({}, 4000, 'api')).toBe(true);
    expect(sameSiteAllowed({ origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-origin' }, 4000, 'api')).toBe(true);
    expect(sameSiteAllowed({ origin: 'http://evil.example' }, 4000, 'api')).toBe(false);
    expect(sameSiteAllowed({ origin: 'null' }, 4000, 'api')).toBe(false);
    expect(sameSiteAllowed({ origin: 'https://127.0.0.1:4000' }, 4000, 'api')).toBe(false);
    expect(sameSiteAllowed({ 'sec-fetch-site': 'same-site' }, 4000, 'api')).toBe(false);
    expect(sameSiteAllowed({ 'sec-fetch-site': 'cross-site' }, 4000, 'page')).toBe(false);
    expect(sameSiteAllowed({ 'sec-fetch-site': 'none' }, 4000, 'api')).toBe(false);
    expect(sameSiteAllowed({ 'sec-fetch-site': 'none' }, 4000, 'page')).toBe(true);
  });

  it('reads the per-port session cookie', () => {
    const secret = newToken();
    expect(sessionCookie(4000, secret)).toBe(`${cookieNameFor(4000)}=${secret}; HttpOnly; SameSite=Strict; Path=/`);
    expect(hasSession({ cookie: `a=1; ${cookieNameFor(4000)}=${secret}` }, 4000, secret)).toBe(true);
    expect(hasSession({ cookie: `${cookieNameFor(4001)}=${secret}` }, 4000, secret)).toBe(false);
    expect(hasSession({}, 4000, secret)).toBe(false);
    expect(parseCookies('a=1; b = 2 ;junk; a=3')).toEqual(new Map([['a', '1'], ['b', '2']]));
  });

  it('recognises JSON content types only', () => {
    expect(isJsonContentType({ 'content-type': 'application/json' })).toBe(true);
    expect(isJsonContentType({ 'content-type': 'Application/JSON; charset=utf-8' })).toBe(true);
    expect(isJsonContentType({ 'content-type': 'text/plain' })).toBe(false);
    expect(isJsonContentType({ 'content-type': 'application/json-seq' })).toBe(false);
    expect(isJsonContentType({})).toBe(false);
  });
});
