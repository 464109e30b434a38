import { fingerprint } from '../../../electron/core/secrets/fingerprint.js';
import type { BindingObservation, DriftOptions, FileObservation } from '../../../electron/core/drift/model.js';

export const KEY = 'test-fingerprint-key';
export const fp = (v: string | null | undefined): string | null => fingerprint(KEY, v);

export const opts: DriftOptions = {
  fingerprint: fp,
  validate: (format, value) => (format === 'hex' && !/^[0-9a-f]+$/.test(value) ? { ok: false, reason: 'use lowercase hex only' } : { ok: true }),
  showPath: (p) => p.replace('/ws/', ''),
};

export const file = (path: string, value?: string, line = 1): FileObservation =>
  value === undefined ? { path, exists: true } : { path, exists: true, entry: { value, line } };

export function binding(service: string, files: FileObservation[], extra: Partial<BindingObservation> = {}): BindingObservation {
  return { service, var: 'API_KEY', role: 'server', runMode: 'native', files, unreadFiles: [], writeTarget: files[0]?.path ?? '/ws/x/.env', ...extra };
}
