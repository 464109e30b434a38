import { describe, expect, it } from 'vitest';
import { probeEndpointFor } from '../../../electron/core/issuers/probe-endpoint.js';

describe('probeEndpointFor', () => {
  it('uses the first declared endpoint the key covers', () => {
    expect(probeEndpointFor('hogsend', ['read'], ['POST /v1/admin/journeys/j/enable', 'GET /v1/admin/contacts'])).toEqual({ method: 'GET', path: '/v1/admin/contacts' });
  });
  it('falls back to a covered read of the system table, without path parameters', () => {
    expect(probeEndpointFor('hogsend', ['read'])).toEqual({ method: 'GET', path: '/v1/admin/contacts' });
    expect(probeEndpointFor('tokenhub', ['plan'])).toEqual({ method: 'POST', path: '/v1/plan' });
    expect(probeEndpointFor('hiveforge', ['audit'])).toEqual({ method: 'GET', path: '/api/v1/audit-logs' });
  });
  it('says what to declare when nothing is covered', () => {
    expect(probeEndpointFor('hiveforge', ['delete'])).toEqual({ method: 'GET', path: '/api/v1/organizations' });
    expect(() => probeEndpointFor('hogsend', [])).toThrow(/cannot be probed/);
  });
});
