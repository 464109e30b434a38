/**
 * HiveForge's scope rules as the peer enforces them (written independently of Keyhive's scope
 * model; the property tests compare the two). The peer's endpoint mapping: GET needs
 * `<feature>:read` or `read`, POST/PATCH `<feature>:write` or `write`, DELETE `<feature>:delete`
 * or `delete`; features without that child (chat has no delete; organisations have no feature
 * scope) need the basic scope. `admin` passes everything.
 */
export const FEATURE_CHILDREN: Record<string, string[]> = {
  chat: ['read', 'write'],
  webhooks: ['read', 'write', 'delete'],
  api_keys: ['read', 'write', 'delete'],
  members: ['read', 'write', 'delete'],
  billing: ['read', 'write'],
  audit: ['read'],
  deployments: ['read', 'write', 'delete'],
};

export const VALID_SCOPES: ReadonlySet<string> = new Set([
  'read',
  'write',
  'delete',
  'admin',
  ...Object.entries(FEATURE_CHILDREN).flatMap(([f, acts]) => [f, ...acts.map((a) => `${f}:${a}`)]),
]);

export type Action = 'read' | 'write' | 'delete';

export const actionOf = (method: string): Action => (method === 'DELETE' ? 'delete' : method === 'GET' || method === 'HEAD' ? 'read' : 'write');

/** The scope the endpoint asks for, as named in the 403 message. */
export function requiredScope(feature: string | null, action: Action): string {
  return feature && FEATURE_CHILDREN[feature]?.includes(action) ? `${feature}:${action}` : action;
}

export function keyAllows(scopes: readonly string[], feature: string | null, action: Action): boolean {
  const has = (s: string): boolean => scopes.includes(s);
  if (has('admin')) return true;
  if (has(action)) return true;
  if (action === 'read' && (has('write') || has('delete'))) return true;
  if (!feature || !FEATURE_CHILDREN[feature]?.includes(action)) return false;
  return has(feature) || has(`${feature}:${action}`);
}

/** The org routes: [pattern, feature]. */
export const RESOURCE_ROUTES: ReadonlyArray<[RegExp, string | null, string]> = [
  [/^\/api\/v1\/organizations(\/[^/]+)?$/, null, 'GET PATCH DELETE'],
  [/^\/api\/v1\/chat\/conversations(\/[^/]+)?$/, 'chat', 'GET POST DELETE'],
  [/^\/api\/v1\/chat\/conversations\/[^/]+\/messages$/, 'chat', 'POST'],
  [/^\/api\/v1\/webhooks(\/[^/]+)?$/, 'webhooks', 'GET POST PATCH DELETE'],
  [/^\/api\/v1\/members(\/[^/]+)?$/, 'members', 'GET POST PATCH DELETE'],
  [/^\/api\/v1\/billing(\/invoices)?$/, 'billing', 'GET PATCH'],
  [/^\/api\/v1\/audit-logs$/, 'audit', 'GET'],
  [/^\/api\/v1\/deployments(\/[^/]+)?$/, 'deployments', 'GET POST PATCH DELETE'],
  [/^\/api\/v1\/deployments\/[^/]+\/rollback$/, 'deployments', 'POST'],
];
