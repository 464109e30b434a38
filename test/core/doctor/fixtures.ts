import type { BindingStatus, SecretStatus } from '../../../shared/domain.js';
import type { DoctorFacts } from '../../../electron/core/doctor/facts.js';

export function binding(service: string, v: string, role: 'server' | 'client', fingerprint: string | null, extra: Partial<BindingStatus> = {}): BindingStatus {
  return { service, var: v, role, file: `/w/${service}/.env`, line: 1, fingerprint, state: 'in-sync', sources: [{ kind: 'env-file', file: `/w/${service}/.env`, line: 1, fingerprint }], ...extra };
}

export function facts(bindings: BindingStatus[], over: Partial<DoctorFacts> = {}, keychain: string | null = 'aaaa1111'): DoctorFacts {
  const secret: SecretStatus = { name: 'hub-key', state: 'in-sync', format: 'generic', keychainFingerprint: keychain, bindings, warnings: [], issuer: null };
  return { secret, runMode: 'docker', server: { service: 'hub', urls: { docker: 'http://hivecfm-hub-api:8080', native: 'http://localhost:8090' } }, callers: [], services: [], logs: [], probes: [], ...over };
}
