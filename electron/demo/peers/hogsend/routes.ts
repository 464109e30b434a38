/**
 * Hogsend's admin endpoints and the permission each needs. Written for the peer alone (it does
 * not use Keyhive's scope model: the property tests compare the two). Literal routes come before
 * parameterised ones at the same depth, the way a router registers them.
 */
export type Permission = 'read' | 'journey' | 'full';

export interface HogsendRoute {
  method: string;
  pattern: RegExp;
  permission: Permission;
  /** Handler name in server.ts. */
  action: string;
}

const r = (method: string, path: string, permission: Permission, action = 'ok'): HogsendRoute => ({
  method,
  pattern: new RegExp(`^/v1/admin${path.replace(/:[a-z]+/g, '([^/]+)')}$`),
  permission,
  action,
});

export const HOGSEND_ROUTES: readonly HogsendRoute[] = [
  r('POST', '/contacts/import', 'full'),
  r('GET', '/contacts/export', 'full'),
  r('GET', '/contacts', 'read', 'listContacts'),
  r('POST', '/contacts', 'journey', 'createContact'),
  r('GET', '/contacts/:id', 'read', 'getContact'),
  r('PATCH', '/contacts/:id', 'journey', 'getContact'),
  r('DELETE', '/contacts/:id', 'journey', 'getContact'),
  r('GET', '/metrics', 'read', 'metrics'),
  r('POST', '/events/replay', 'full'),
  r('GET', '/events', 'read', 'list'),
  r('GET', '/emails', 'read', 'list'),
  r('GET', '/emails/:id', 'read'),
  r('POST', '/emails/:id/resend', 'full'),
  r('GET', '/journeys', 'read', 'list'),
  r('GET', '/journeys/:id', 'read'),
  r('POST', '/journeys/:id/enable', 'journey'),
  r('POST', '/journeys/:id/disable', 'journey'),
  r('POST', '/journeys/:id/enroll/batch', 'journey'),
  r('POST', '/journeys/:id/enroll', 'journey'),
  r('POST', '/journey-instances/:id/cancel', 'journey'),
  r('GET', '/alert-rules', 'read', 'list'),
  r('POST', '/alert-rules', 'full'),
  r('PATCH', '/alert-rules/:id', 'full'),
  r('DELETE', '/alert-rules/:id', 'full'),
  r('GET', '/dlq', 'read', 'list'),
  r('POST', '/dlq/:id/retry', 'full'),
  r('GET', '/api-keys', 'full', 'listKeys'),
  r('POST', '/api-keys', 'full', 'createKey'),
  r('DELETE', '/api-keys/:id', 'full', 'revokeKey'),
];

/** What a key with these scopes may do: GET needs read; mutations journey-admin or full-admin. */
export function permits(scopes: readonly string[], permission: Permission): boolean {
  if (scopes.includes('full-admin')) return true;
  if (permission === 'full') return false;
  if (scopes.includes('journey-admin')) return true;
  return permission === 'read' && scopes.includes('read');
}

export function matchRoute(method: string, path: string): { route: HogsendRoute; params: string[] } | null {
  for (const route of HOGSEND_ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1) };
  }
  return null;
}
