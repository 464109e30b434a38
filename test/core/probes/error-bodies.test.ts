import { describe, expect, it } from 'vitest';
import { ERROR_BODY_RULES, errorTextOf, matchErrorBody } from '../../../electron/core/probes/error-bodies.js';

describe('error bodies', () => {
  it('extracts the error text from JSON error/message/detail or plain text', () => {
    expect(errorTextOf('{"error":"Missing Authorization header"}')).toBe('Missing Authorization header');
    expect(errorTextOf('{"message":"m"}')).toBe('m');
    expect(errorTextOf('{"detail":"d"}')).toBe('d');
    expect(errorTextOf('{"error":{"message":"nested"}}')).toBe('nested');
    expect(errorTextOf('  plain words ')).toBe('plain words');
    expect(errorTextOf('{broken')).toBe('{broken');
  });
  it('matches only with the right status, and fills the captured scope', () => {
    expect(matchErrorBody(401, '{"error":"Insufficient scope"}')).toBeNull();
    expect(matchErrorBody(403, '{"error":"Insufficient scope"}')?.rule.id).toBe('hogsend-insufficient-scope');
    expect(matchErrorBody(403, 'API key missing required scope: deployments:write')?.cause).toContain('deployments:write');
    expect(matchErrorBody(500, 'whatever')).toBeNull();
  });
  it('every rule has distinct id, a cause and a fix', () => {
    expect(new Set(ERROR_BODY_RULES.map((r) => r.id)).size).toBe(ERROR_BODY_RULES.length);
    for (const r of ERROR_BODY_RULES) expect(r.cause.length > 10 && r.fix.length > 10).toBe(true);
  });
});
