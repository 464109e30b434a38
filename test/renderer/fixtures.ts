/** Realistic workspace data for the component tests: HiveCFM hub ↔ core, a Hogsend key, a TokenHub key. */
import type { DoctorFinding, IssuedKey, WorkspaceStatus } from '../../shared/domain.js';
import type { SecretScopes } from '../../shared/api.js';
import type { ScanReport } from '../../shared/scan.js';

export const WS_DIR = '/home/dev/code/hive';

/** The pinned "now" of every component test (the stores' clock): fixtures are dated relative to it. */
export const FIXTURE_NOW = '2026-11-25T07:00:00.000Z';

export function demoStatus(): WorkspaceStatus {
  return {
    workspace: { id: 'ws-7f3a', name: 'hive-local', file: `${WS_DIR}/keyhive.yaml`, runMode: 'docker' },
    services: [
      { name: 'hivecfm-hub', dir: `${WS_DIR}/hivecfm-hub`, runMode: 'docker', baseUrl: 'http://localhost:8090', healthPath: '/health' },
      { name: 'hivecfm-core', dir: `${WS_DIR}/hivecfm-core`, runMode: 'docker', baseUrl: 'http://localhost:3000' },
      { name: 'hogsend', dir: `${WS_DIR}/hogsend`, runMode: 'docker', baseUrl: 'http://localhost:3002' },
    ],
    secrets: [
      {
        name: 'hivecfm-hub-api-key',
        state: 'in-sync',
        format: 'generic',
        keychainFingerprint: '3fa9c2d1',
        warnings: [],
        issuer: null,
        bindings: [
          {
            service: 'hivecfm-hub', var: 'API_KEY', role: 'server', file: `${WS_DIR}/hivecfm-hub/.env`, line: 4, fingerprint: '3fa9c2d1', state: 'in-sync',
            sources: [{ kind: 'env-file', file: `${WS_DIR}/hivecfm-hub/.env`, line: 4, fingerprint: '3fa9c2d1' }],
          },
          {
            service: 'hivecfm-core', var: 'HIVECFM_HUB_API_KEY', role: 'client', file: `${WS_DIR}/hivecfm-core/.env`, line: 12, fingerprint: '3fa9c2d1', state: 'in-sync',
            sources: [
              { kind: 'env-file', file: `${WS_DIR}/hivecfm-core/.env`, line: 12, fingerprint: '3fa9c2d1' },
              { kind: 'container', fingerprint: '3fa9c2d1' },
            ],
          },
        ],
      },
      {
        name: 'hogsend-api-key',
        state: 'drifted',
        format: 'hogsend',
        keychainFingerprint: 'a07be415',
        warnings: [],
        issuer: null,
        bindings: [
          {
            service: 'hivecfm-core', var: 'HOGSEND_API_KEY', role: 'client', file: `${WS_DIR}/hivecfm-core/.env.local`, line: 2, fingerprint: '9c41e0b7', state: 'drifted',
            detail: 'hivecfm-core holds a different value than the keychain (edited by hand?).',
            sources: [
              { kind: 'env-file', file: `${WS_DIR}/hivecfm-core/.env`, line: 20, fingerprint: 'a07be415' },
              { kind: 'env-file', file: `${WS_DIR}/hivecfm-core/.env.local`, line: 2, fingerprint: '9c41e0b7' },
            ],
          },
          {
            service: 'hogsend', var: 'HOGSEND_API_KEY', role: 'server', file: `${WS_DIR}/hogsend/.env`, line: 7, fingerprint: 'a07be415', state: 'in-sync',
            sources: [{ kind: 'env-file', file: `${WS_DIR}/hogsend/.env`, line: 7, fingerprint: 'a07be415' }],
          },
        ],
      },
      {
        name: 'tokenhub-key',
        state: 'missing',
        format: 'tokenhub',
        keychainFingerprint: null,
        warnings: ['No keychain entry: run Sync from a service, or import it.'],
        issuer: { name: 'tokenhub', system: 'tokenhub' },
        bindings: [
          { service: 'hivecfm-core', var: 'TOKENHUB_API_KEY', role: 'client', file: `${WS_DIR}/hivecfm-core/.env`, line: null, fingerprint: null, state: 'missing', sources: [], detail: 'TOKENHUB_API_KEY is not set in hivecfm-core.' },
          { service: 'hivecfm-hub', var: 'TOKENHUB_API_KEY', role: 'client', file: `${WS_DIR}/hivecfm-hub/.env`, line: 9, fingerprint: '55d0e2aa', state: 'in-sync', sources: [] },
        ],
      },
    ],
    checkedAt: FIXTURE_NOW,
  };
}

export const hogsendKey: IssuedKey = {
  id: 'key_01', system: 'hogsend', name: 'hivecfm-core', prefix: 'hsk_live_9c41', scopes: ['messages:send', 'contacts:read'],
  createdAt: '2026-10-01T00:00:00.000Z', expiresAt: '2026-12-01T00:00:00.000Z', lastUsedAt: null, revokedAt: null, enabled: true,
};

export function hogsendScopes(): SecretScopes {
  return {
    secret: 'hogsend-api-key',
    system: 'hogsend',
    scopes: ['messages:send', 'contacts:read'],
    expanded: ['messages:send', 'contacts:read'],
    tree: [
      { scope: 'messages', granted: false, children: [{ scope: 'messages:send', granted: true, children: [] }, { scope: 'messages:read', granted: false, children: [] }] },
      { scope: 'contacts', granted: false, children: [{ scope: 'contacts:read', granted: true, children: [] }, { scope: 'contacts:write', granted: false, children: [] }] },
    ],
    leastPrivilege: ['messages:send'],
    key: hogsendKey,
    warnings: [],
  };
}

export function doctorFindings(): DoctorFinding[] {
  return [
    { id: 'keychain', secret: 'hogsend-api-key', title: 'Keychain entry exists', severity: 'ok', what: 'The keychain holds hogsend-api-key (a07be415).' },
    {
      id: 'files-agree', secret: 'hogsend-api-key', title: 'Every side holds the same key', severity: 'error',
      what: 'hivecfm-core/.env.local:2 holds 9c41e0b7; the keychain holds a07be415.',
      why: '.env.local wins over .env in native dev, so the core sends a stale key.',
      fix: 'Write the keychain value to hivecfm-core.', fixAction: 'sync-from-keychain',
    },
    { id: 'header', secret: 'hogsend-api-key', title: 'Header shape', severity: 'warning', what: 'The core sends the key without "Bearer ".', fix: 'Send Authorization: Bearer <key>.' },
  ];
}

/** A leak scan of the demo: a managed key in history (removed) and in the tree, a trackable .env, an untracked TokenHub key. */
export function leakReport(): ScanReport {
  const base = { secret: null, system: null, file: null, line: null, commit: null, image: null, encoding: 'raw' as const, inHead: null, placeholder: false, where: 'working tree' };
  return {
    findings: [
      { ...base, kind: 'managed', secret: 'hivecfm-hub-api-key', file: 'hivecfm-core/config.json', line: 3, commit: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c', inHead: false, where: 'history' },
      { ...base, kind: 'unignored-env', file: 'hivecfm-hub/.env' },
      { ...base, kind: 'managed', secret: 'hivecfm-hub-api-key', file: 'hivecfm-hub/deploy.sh', line: 2, encoding: 'base64' },
      { ...base, kind: 'pattern', system: 'tokenhub', image: 'hivecfm-core:dev', file: '/app/other.cfg', line: 1, where: 'image layer' },
    ],
    placeholders: [{ ...base, kind: 'pattern', system: 'hogsend', file: 'docs/setup.md', line: 12, placeholder: true }],
    envExamples: [
      { service: 'hivecfm-core', file: 'hivecfm-core/.env.example', exists: false, missing: ['HIVECFM_HUB_API_KEY'], realValues: [] },
      { service: 'hivecfm-hub', file: 'hivecfm-hub/.env.example', exists: true, missing: [], realValues: [] },
    ],
    skippedSecrets: [],
    warnings: [],
    scanned: { files: 42, blobs: 0, commits: 0, images: 0 },
  };
}
