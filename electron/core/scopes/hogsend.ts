/**
 * Hogsend admin API scopes: `read` ⊂ `journey-admin` ⊂ `full-admin`. Reads need `read`,
 * journey and contact mutations `journey-admin`, and key management, bulk import/export, alert
 * rules, event replay, email resend and DLQ retry `full-admin` (even the GET of an export).
 * The legacy ADMIN_API_KEY is not a scope: it has full access.
 */
import type { EndpointRule, ScopeModel } from './model.js';

const A = '/v1/admin';
const read = (path: string, what: string): EndpointRule => ({ method: 'GET', path: `${A}${path}`, anyOf: ['read'], what });
const journey = (method: EndpointRule['method'], path: string, what: string): EndpointRule => ({
  method,
  path: `${A}${path}`,
  anyOf: ['journey-admin'],
  what,
});
const full = (method: EndpointRule['method'], path: string, what: string): EndpointRule => ({
  method,
  path: `${A}${path}`,
  anyOf: ['full-admin'],
  what,
});

export const HOGSEND_SCOPES: ScopeModel = {
  system: 'hogsend',
  scopes: ['read', 'journey-admin', 'full-admin'],
  includes: { 'full-admin': ['journey-admin'], 'journey-admin': ['read'], read: [] },
  emptyGrantsAll: false,
  keyShape: 'hsk_… (at least 32 characters)',
  endpoints: [
    read('/contacts', 'list contacts'),
    read('/contacts/:id', 'view a contact'),
    journey('POST', '/contacts', 'create a contact'),
    journey('PATCH', '/contacts/:id', 'update a contact'),
    journey('DELETE', '/contacts/:id', 'delete a contact'),
    full('POST', '/contacts/import', 'import contacts in bulk'),
    full('GET', '/contacts/export', 'export contacts in bulk'),
    read('/metrics', 'view the metrics dashboard'),
    read('/events', 'browse events'),
    full('POST', '/events/replay', 'replay events'),
    read('/emails', 'browse email history'),
    read('/emails/:id', 'view an email'),
    full('POST', '/emails/:id/resend', 'resend a failed email'),
    read('/journeys', 'list journeys'),
    read('/journeys/:id', 'view a journey state'),
    journey('POST', '/journeys/:id/enable', 'enable a journey'),
    journey('POST', '/journeys/:id/disable', 'disable a journey'),
    journey('POST', '/journeys/:id/enroll', 'enroll a user in a journey'),
    journey('POST', '/journeys/:id/enroll/batch', 'enroll users in a journey in bulk'),
    journey('POST', '/journey-instances/:id/cancel', 'cancel a journey instance'),
    read('/alert-rules', 'list alert rules'),
    full('POST', '/alert-rules', 'create an alert rule'),
    full('PATCH', '/alert-rules/:id', 'change an alert rule'),
    full('DELETE', '/alert-rules/:id', 'delete an alert rule'),
    read('/dlq', 'list dead-letter entries'),
    full('POST', '/dlq/:id/retry', 'retry a dead-letter entry'),
    full('GET', '/api-keys', 'list API keys'),
    full('POST', '/api-keys', 'create an API key'),
    full('DELETE', '/api-keys/:id', 'revoke an API key'),
  ],
};
