/**
 * Hogsend: the legacy admin key `ADMIN_API_KEY` (`hsk_…`, 32+ characters, full admin access)
 * on the Hogsend service, checked as a Bearer token on /v1/admin/*; the admin API on
 * http://localhost:3002 also issues scoped database-backed keys (the `hogsend` issuer).
 */
import type { SecretInput, ServiceInput, WorkspaceDraft } from '../draft.js';
import type { ProjectScan } from '../project-scan.js';
import { clientsWith, dockerFor, findService, nameForDir } from './layout.js';
import { NOT_FOUND, type PresetContext } from './preset.js';
import { secretPerConsumer } from './issued-key.js';

export function hogsendPreset(scan: ProjectScan, ctx: PresetContext): WorkspaceDraft {
  const hs = findService(scan, { conventional: 'hogsend', pattern: /hogsend/i, hasVar: 'ADMIN_API_KEY', composeName: /hogsend|api/i });
  const name = nameForDir(hs.dir, 'hogsend');
  const port = hs.compose?.ports[0];
  const docker = dockerFor(hs, 'hogsend');
  const services: Record<string, ServiceInput> = {
    [name]: {
      dir: hs.dir || '.',
      envFiles: ['.env'],
      ...(docker ? { docker } : {}),
      urls: { ...(hs.compose ? { docker: `http://${hs.compose.name}:${port?.containerPort ?? 3002}` } : {}), native: `http://localhost:${port?.hostPort ?? 3002}` },
      health: '/health',
    },
  };
  // The legacy full-admin key stays with Hogsend (and Keyhive, as its admin credential); every
  // consumer gets its own scoped key instead — Hogsend's docs: avoid sharing the legacy key,
  // reserve full-admin for operators.
  const consumers: SecretInput['bindings'] = [];
  for (const c of clientsWith(scan, /^HOGSEND_.*(KEY|TOKEN)$/, [hs.dir])) {
    const cName = nameForDir(c.dir, 'app');
    if (services[cName]) continue;
    services[cName] = { dir: c.dir || '.', envFiles: ['.env'] };
    const urlVar = ['HOGSEND_URL', 'HOGSEND_API_URL'].find((v) => c.all.has(v));
    consumers.push({ service: cName, var: c.var, role: 'client', ...(urlVar ? { urlVar } : {}) });
  }
  const consumerSecrets = secretPerConsumer('hogsend', 'hogsend-api-key', consumers, (bindings) => ({
    format: 'hogsend',
    description: 'A scoped Hogsend key for one consumer (read ⊂ journey-admin ⊂ full-admin), issued by the hogsend issuer.',
    issuer: 'hogsend',
    scopes: ['read'],
    endpoints: ['GET /v1/admin/contacts'],
    bindings,
    probes: { service: name, smoke: 'GET /v1/admin/contacts', header: { name: 'Authorization', scheme: 'Bearer' } },
  }));
  return {
    source: 'preset hogsend',
    input: {
      version: 1,
      name: ctx.name,
      id: ctx.id,
      runMode: 'docker',
      services,
      secrets: {
        'hogsend-admin-api-key': {
          format: 'hogsend',
          description: 'Hogsend legacy admin key (ADMIN_API_KEY): full admin access, at least 32 characters.',
          bindings: [{ service: name, var: 'ADMIN_API_KEY', role: 'server' }],
          probes: { service: name, health: '/health', smoke: 'GET /v1/admin/api-keys', header: { name: 'Authorization', scheme: 'Bearer' } },
        },
        ...consumerSecrets,
      },
      issuers: { hogsend: { system: 'hogsend', url: 'http://localhost:3002', service: name, credentialSecret: 'hogsend-admin-api-key', description: 'Hogsend admin API: issues scoped hsk_ keys (read ⊂ journey-admin ⊂ full-admin).' } },
    },
    comments: {
      [`services.${name}`]: `Hogsend: checks ADMIN_API_KEY (and database keys) as a Bearer token on /v1/admin/*.${hs.found ? '' : NOT_FOUND}`,
      'secrets.hogsend-admin-api-key': 'The legacy admin key: full access, for Hogsend itself and for Keyhive (the hogsend\nissuer\'s credential). Consumers get their own scoped keys below (keyhive keys create).',
    },
    warnings: [],
  };
}
