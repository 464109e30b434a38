import { describe, expect, it } from 'vitest';
import { covers, excessScopes, expand, leastPrivilege, ruleFor } from '../../../electron/core/scopes/scopes.js';
import { KeyhiveError } from '../../../shared/errors.js';

describe('expand', () => {
  it('follows Hogsend read ⊂ journey-admin ⊂ full-admin', () => {
    expect(expand('hogsend', ['read'])).toEqual(['read']);
    expect(expand('hogsend', ['journey-admin'])).toEqual(['read', 'journey-admin']);
    expect(expand('hogsend', ['full-admin'])).toEqual(['read', 'journey-admin', 'full-admin']);
  });
  it('treats an empty TokenHub list as every scope, and an empty list elsewhere as nothing', () => {
    expect(expand('tokenhub', [])).toEqual(['chat', 'plan']);
    expect(expand('tokenhub', ['chat'])).toEqual(['chat']);
    expect(expand('hogsend', [])).toEqual([]);
    expect(expand('hiveforge', [])).toEqual([]);
  });
  it('expands HiveForge features to exactly their listed children, and admin to everything', () => {
    expect(expand('hiveforge', ['chat'])).toEqual(['chat', 'chat:read', 'chat:write']);
    expect(expand('hiveforge', ['audit'])).toEqual(['audit', 'audit:read']);
    expect(expand('hiveforge', ['billing'])).toEqual(['billing', 'billing:read', 'billing:write']);
    expect(expand('hiveforge', ['write'])).toEqual(['read', 'write']);
    expect(expand('hiveforge', ['delete'])).toEqual(['read', 'delete']);
    const all = expand('hiveforge', ['admin']);
    expect(all).toContain('deployments:delete');
    expect(all).toContain('members:write');
    expect(all).toHaveLength(4 + 7 + 2 + 3 + 3 + 3 + 2 + 1 + 3);
  });
  it('rejects unknown scopes and systems with the valid list as the fix', () => {
    expect(() => expand('hogsend', ['admin'])).toThrow(/unknown hogsend scope: admin/);
    try {
      expand('hiveforge', ['chat:delete']);
    } catch (e) {
      expect(e).toBeInstanceOf(KeyhiveError);
      expect((e as KeyhiveError).code).toBe('BAD_INPUT');
      expect((e as KeyhiveError).fix).toContain('chat:write');
    }
    expect(() => expand('nope', [])).toThrow(/unknown system "nope"/);
  });
});

describe('covers', () => {
  it('Hogsend: GET needs read, journey mutations journey-admin, bulk and keys full-admin', () => {
    expect(covers('hogsend', ['read'], 'GET /v1/admin/contacts/42').covered).toBe(true);
    const enable = covers('hogsend', ['read'], 'POST /v1/admin/journeys/j1/enable');
    expect(enable).toMatchObject({ covered: false, missing: 'journey-admin' });
    expect(enable.reason).toContain('add journey-admin');
    expect(covers('hogsend', ['journey-admin'], 'POST /v1/admin/journeys/j1/enable').covered).toBe(true);
    expect(covers('hogsend', ['journey-admin'], 'GET /v1/admin/contacts/export')).toMatchObject({ covered: false, missing: 'full-admin' });
    expect(covers('hogsend', ['full-admin'], 'DELETE /v1/admin/api-keys/abc').covered).toBe(true);
  });
  it('prefers literal path segments over parameters and ignores query strings', () => {
    expect(ruleFor('hogsend', 'GET /v1/admin/contacts/export?format=csv').anyOf).toEqual(['full-admin']);
    expect(ruleFor('hogsend', 'GET /v1/admin/contacts/c-1/').anyOf).toEqual(['read']);
  });
  it('TokenHub: empty scopes cover every endpoint, chat alone is refused /v1/plan', () => {
    expect(covers('tokenhub', [], 'POST /v1/plan').covered).toBe(true);
    expect(covers('tokenhub', ['chat'], 'POST /v1/plan')).toMatchObject({ covered: false, missing: 'plan' });
  });
  it('HiveForge: a feature child or the basic scope covers, the feature child is suggested', () => {
    expect(covers('hiveforge', ['read'], 'GET /api/v1/webhooks').covered).toBe(true);
    expect(covers('hiveforge', ['webhooks'], 'DELETE /api/v1/webhooks/w1').covered).toBe(true);
    expect(covers('hiveforge', ['chat'], 'DELETE /api/v1/chat/conversations/c1')).toMatchObject({ covered: false, missing: 'delete' });
    expect(covers('hiveforge', ['read'], 'POST /api/v1/deployments')).toMatchObject({ covered: false, missing: 'deployments:write' });
    expect(covers('hiveforge', ['admin'], 'PATCH /api/v1/billing').covered).toBe(true);
  });
  it('rejects unknown endpoints and malformed text with a fix', () => {
    expect(() => covers('tokenhub', [], 'GET /v1/chat')).toThrow(/not a known tokenhub endpoint/);
    expect(() => covers('tokenhub', [], 'chat')).toThrow(/not an endpoint/);
  });
});

describe('leastPrivilege and excessScopes', () => {
  it('Hogsend: the single highest level needed', () => {
    expect(leastPrivilege('hogsend', ['GET /v1/admin/contacts', 'GET /v1/admin/metrics'])).toEqual(['read']);
    expect(leastPrivilege('hogsend', ['GET /v1/admin/contacts', 'POST /v1/admin/journeys/x/enroll'])).toEqual(['journey-admin']);
    expect(leastPrivilege('hogsend', ['GET /v1/admin/contacts/export', 'POST /v1/admin/journeys/x/enroll'])).toEqual(['full-admin']);
  });
  it('TokenHub: exactly the scopes of the endpoints called', () => {
    expect(leastPrivilege('tokenhub', ['POST /v1/chat'])).toEqual(['chat']);
    expect(leastPrivilege('tokenhub', ['POST /v1/chat', 'POST /v1/plan'])).toEqual(['chat', 'plan']);
  });
  it('HiveForge: feature children, grouped into the feature when all are needed', () => {
    expect(leastPrivilege('hiveforge', ['GET /api/v1/webhooks'])).toEqual(['webhooks:read']);
    expect(leastPrivilege('hiveforge', ['GET /api/v1/webhooks', 'POST /api/v1/webhooks', 'DELETE /api/v1/webhooks/1'])).toEqual(['webhooks']);
    expect(leastPrivilege('hiveforge', ['GET /api/v1/organizations', 'POST /api/v1/chat/conversations'])).toEqual(['read', 'chat:write']);
  });
  it('every least-privilege set covers its endpoints', () => {
    const eps = ['GET /api/v1/audit-logs', 'PATCH /api/v1/billing', 'DELETE /api/v1/members/m'];
    const lp = leastPrivilege('hiveforge', eps);
    for (const e of eps) expect(covers('hiveforge', lp, e).covered).toBe(true);
  });
  it('names what a key holds beyond the need', () => {
    expect(excessScopes('hogsend', ['full-admin'], ['GET /v1/admin/contacts'])).toEqual(['journey-admin', 'full-admin']);
    expect(excessScopes('tokenhub', [], ['POST /v1/chat'])).toEqual(['plan']);
    expect(excessScopes('hiveforge', ['webhooks:read'], ['GET /api/v1/webhooks'])).toEqual([]);
    expect(excessScopes('hogsend', ['full-admin'], [])).toEqual([]);
  });
});
