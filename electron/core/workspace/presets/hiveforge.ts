/**
 * HiveForge: organisation keys `hf_live_…` (production) and `hf_test_…` (sandbox), created
 * through the JWT-managed key API and sent as a Bearer token. A local workspace should hold
 * sandbox keys: init warns when it finds a live one.
 */
import type { WorkspaceDraft } from '../draft.js';
import type { ProjectScan } from '../project-scan.js';
import { issuedKeyClients, secretPerConsumer } from './issued-key.js';
import type { PresetContext } from './preset.js';

export const HIVEFORGE_API_URL = 'https://api.hiveforge.dev';

/** True for a HiveForge production key (for warnings; never shown). */
export function isLiveHiveForgeKey(value: string): boolean {
  return value.startsWith('hf_live_');
}

export function hiveforgePreset(scan: ProjectScan, ctx: PresetContext): WorkspaceDraft {
  const clients = issuedKeyClients(scan, { pattern: /^HIVEFORGE_.*(KEY|TOKEN)$/, conventionalVar: 'HIVEFORGE_API_KEY', urlVars: ['HIVEFORGE_URL', 'HIVEFORGE_API_URL'], exclude: [] });
  return {
    source: 'preset hiveforge',
    input: {
      version: 1,
      name: ctx.name,
      id: ctx.id,
      runMode: 'docker',
      services: clients.services,
      secrets: secretPerConsumer('hiveforge', 'hiveforge-api-key', clients.bindings, (bindings) => ({
        format: 'hiveforge',
        description: 'A HiveForge organisation key (hf_test_ for sandbox, hf_live_ for production), issued by HiveForge: one per integration.',
        issuer: 'hiveforge',
        scopes: ['read'],
        endpoints: ['GET /api/v1/organizations'],
        bindings,
      })),
      issuers: { hiveforge: { system: 'hiveforge', url: HIVEFORGE_API_URL, description: 'HiveForge key API (managed with a user JWT, kept in the keychain).' } },
    },
    comments: {
      'secrets.hiveforge-api-key': 'Issued by HiveForge, so every binding is a client. Keep hf_test_ (sandbox) keys in a\nlocal workspace; Keyhive warns when it finds an hf_live_ key here.',
    },
    warnings: clients.warnings,
  };
}
