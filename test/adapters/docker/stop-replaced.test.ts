import { describe, expect, it } from 'vitest';
import { durationSeconds } from '../../../electron/adapters/docker/stop-replaced.js';
import { parseComposeFile } from '../../../electron/core/compose/index.js';

describe('the stop Keyhive sends before Compose recreates', () => {
  it('reads Compose durations in whole seconds (rounded up), and refuses what it cannot read', () => {
    expect(durationSeconds('10s')).toBe(10);
    expect(durationSeconds('1m30s')).toBe(90);
    expect(durationSeconds('1h')).toBe(3600);
    expect(durationSeconds('500ms')).toBe(1);
    expect(durationSeconds('1.5s')).toBe(2);
    expect(durationSeconds('15')).toBe(15);
    expect(durationSeconds('2000000µs')).toBe(2); // Go's spelling of micro, as well as us
    expect(durationSeconds('1500000us')).toBe(2);
    expect(durationSeconds('soon')).toBeNull();
    expect(durationSeconds('10 s')).toBeNull();
  });

  it("takes the service's stop_grace_period from the compose file", () => {
    const parsed = parseComposeFile('services:\n  a:\n    image: x\n    stop_grace_period: 1m\n  b:\n    image: x\n', '/tmp/docker-compose.yml');
    expect(parsed.services.a?.stopGracePeriod).toBe('1m');
    expect(parsed.services.b?.stopGracePeriod).toBeUndefined();
  });
});
