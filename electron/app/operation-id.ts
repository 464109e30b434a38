/** Ids of operations (journals, locks, progress): `<kind>-<UTC yyyymmddhhmmss>-<8 hex>`. */
import { randomUUID } from 'node:crypto';

export function newOperationId(kind: string, now: Date = new Date()): string {
  return `${kind}-${now.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
}
