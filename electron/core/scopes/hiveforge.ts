/**
 * HiveForge organisation key scopes. Basic scopes: `read`, `write` (includes read), `delete`
 * (includes read), `admin` (includes everything). Feature scopes include exactly the children
 * HiveForge lists: chat → read/write, billing → read/write, audit → read, and webhooks,
 * api_keys, members, deployments → read/write/delete.
 *
 * Endpoint mapping (ours, documented): a GET needs `<feature>:read` or `read`; POST/PUT/PATCH
 * `<feature>:write` or `write`; DELETE `<feature>:delete` or `delete`. When the feature has no
 * such child (deleting a chat conversation, organisation settings) only the basic scope does.
 */
import type { EndpointRule, HttpMethod, ScopeModel } from './model.js';

const FEATURES: Record<string, readonly ('read' | 'write' | 'delete')[]> = {
  chat: ['read', 'write'],
  webhooks: ['read', 'write', 'delete'],
  api_keys: ['read', 'write', 'delete'],
  members: ['read', 'write', 'delete'],
  billing: ['read', 'write'],
  audit: ['read'],
  deployments: ['read', 'write', 'delete'],
};

const BASIC = ['read', 'write', 'delete', 'admin'] as const;

function buildIncludes(): Record<string, string[]> {
  const includes: Record<string, string[]> = { read: [], write: ['read'], delete: ['read'] };
  for (const [feature, actions] of Object.entries(FEATURES)) {
    includes[feature] = actions.map((a) => `${feature}:${a}`);
    for (const a of actions) includes[`${feature}:${a}`] = [];
  }
  includes.admin = ['read', 'write', 'delete', ...Object.keys(FEATURES)];
  return includes;
}

const ACTION_OF: Record<HttpMethod, 'read' | 'write' | 'delete'> = {
  GET: 'read',
  HEAD: 'read',
  OPTIONS: 'read',
  POST: 'write',
  PUT: 'write',
  PATCH: 'write',
  DELETE: 'delete',
};

function rule(method: HttpMethod, path: string, feature: string | null, what: string): EndpointRule {
  const action = ACTION_OF[method];
  const child = feature && FEATURES[feature]?.includes(action) ? `${feature}:${action}` : null;
  return { method, path: `/api/v1${path}`, anyOf: child ? [child, action] : [action], what };
}

export const HIVEFORGE_SCOPES: ScopeModel = {
  system: 'hiveforge',
  scopes: [...BASIC, ...Object.entries(FEATURES).flatMap(([f, acts]) => [f, ...acts.map((a) => `${f}:${a}`)])],
  includes: buildIncludes(),
  emptyGrantsAll: false,
  keyShape: 'hf_live_… (production) or hf_test_… (sandbox)',
  endpoints: [
    rule('GET', '/organizations', null, 'view the organisation'),
    rule('PATCH', '/organizations/:id', null, 'update the organisation'),
    rule('DELETE', '/organizations/:id', null, 'delete the organisation'),
    rule('GET', '/chat/conversations', 'chat', 'list chat conversations'),
    rule('GET', '/chat/conversations/:id', 'chat', 'read a chat conversation'),
    rule('POST', '/chat/conversations', 'chat', 'start a chat conversation'),
    rule('POST', '/chat/conversations/:id/messages', 'chat', 'send a chat message'),
    rule('DELETE', '/chat/conversations/:id', 'chat', 'delete a chat conversation'),
    rule('GET', '/webhooks', 'webhooks', 'list webhooks'),
    rule('GET', '/webhooks/:id', 'webhooks', 'view a webhook'),
    rule('POST', '/webhooks', 'webhooks', 'create a webhook'),
    rule('PATCH', '/webhooks/:id', 'webhooks', 'update a webhook'),
    rule('DELETE', '/webhooks/:id', 'webhooks', 'delete a webhook'),
    rule('GET', '/api-keys', 'api_keys', 'list API keys'),
    rule('POST', '/api-keys', 'api_keys', 'create an API key'),
    rule('PATCH', '/api-keys/:id', 'api_keys', 'update an API key'),
    rule('DELETE', '/api-keys/:id', 'api_keys', 'revoke an API key'),
    rule('GET', '/members', 'members', 'list members'),
    rule('POST', '/members', 'members', 'invite a member'),
    rule('PATCH', '/members/:id', 'members', 'change a member'),
    rule('DELETE', '/members/:id', 'members', 'remove a member'),
    rule('GET', '/billing', 'billing', 'view billing'),
    rule('GET', '/billing/invoices', 'billing', 'list invoices'),
    rule('PATCH', '/billing', 'billing', 'update billing settings'),
    rule('GET', '/audit-logs', 'audit', 'view audit logs'),
    rule('GET', '/deployments', 'deployments', 'list deployments'),
    rule('GET', '/deployments/:id', 'deployments', 'view a deployment'),
    rule('POST', '/deployments', 'deployments', 'create a deployment'),
    rule('POST', '/deployments/:id/rollback', 'deployments', 'roll back a deployment'),
    rule('PATCH', '/deployments/:id', 'deployments', 'update a deployment'),
    rule('DELETE', '/deployments/:id', 'deployments', 'delete a deployment'),
  ],
};
