import { describe, expect, it } from 'vitest';
import { scanLogLines } from '../../../electron/core/doctor/log-scan.js';

describe('scanLogLines', () => {
  it('counts refusals, recognises the last known error and whether a success followed', () => {
    const s = scanLogLines([
      'hub POST /v1/feedback-records -> 401 {"error":"Invalid Authorization header format. Expected: Bearer <api-key>"}',
      'listening on :3000',
      'hub POST /v1/feedback-records -> 401 {"error":"Missing Authorization header"}',
    ]);
    expect(s.refused).toBe(2);
    expect(s.last?.id).toBe('hub-missing-header');
    expect(s.succeededAfter).toBe(false);
    expect(scanLogLines(['x -> 401 Unauthorized', 'x -> 200 {}']).succeededAfter).toBe(true);
    expect(scanLogLines(['all good -> 200']).refused).toBe(0);
  });
});

describe('scanLogLines — the shapes the HiveCFM runbook documents', () => {
  it('a fetch-style 401 line followed by its JSON body, then a later success', () => {
    const s = scanLogLines([
      'POST http://hivecfm-hub-api:8080/v1/feedback-records 401 (Unauthorized)',
      '{"error":"Invalid Authorization header format. Expected: Bearer <api-key>"}',
      'POST http://hivecfm-hub-api:8080/v1/feedback-records 401 (Unauthorized)',
      '{"error":"Missing Authorization header"}',
    ]);
    expect(s).toMatchObject({ refused: 2, succeededAfter: false });
    expect(s.last?.id).toBe('hub-missing-header');
    const later = scanLogLines([
      'POST http://hivecfm-hub-api:8080/v1/feedback-records 401 (Unauthorized)',
      '{"error":"Missing Authorization header"}',
      'POST http://hivecfm-hub-api:8080/v1/feedback-records 201 (Created)',
    ]);
    expect(later).toMatchObject({ refused: 1, succeededAfter: true });
  });
  it('a success line carrying 401 elsewhere is not a refusal; Hogsend 403 and 429 bodies are recognised', () => {
    expect(scanLogLines(['GET http://localhost:3002/v1/admin/contacts 200 (OK) took 401 ms']).refused).toBe(0);
    expect(scanLogLines(['GET http://localhost:3002/v1/admin/contacts 403 (Forbidden)', '{ "error": "Insufficient scope" }']).last?.id).toBe('hogsend-insufficient-scope');
    expect(scanLogLines(['GET http://localhost:3002/v1/admin/contacts 429 (Too Many Requests)', '{ "error": "Rate limit exceeded" }']).last?.id).toBe('rate-limited');
  });
});
