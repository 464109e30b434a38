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
