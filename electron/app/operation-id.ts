/** Ids of operations (journals, locks, progress): `<kind>-<UTC yyyymmddhhmmss>-<8 hex>`. */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../shared/clock.js';

export function newOperationId(kind: string, clock: Clock = systemClock): string {
  return `${kind}-${clock().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
}
