/**
 * Hogsend: the legacy admin key `ADMIN_API_KEY` (`hsk_…`, 32+ characters, full admin access)
 * on the Hogsend service, checked as a Bearer token on /v1/admin/*; the admin API on
 * http://localhost:3002 also issues scoped database-backed keys (the `hogsend` issuer).
 */
import type { SecretInput, ServiceInput, WorkspaceDraft } from '../draft.js';
import type { ProjectScan } from '../project-scan.js';
import { clientsWith, dockerFor, findService, nameForDir } from './layout.js';
import { NOT_FOUND, type PresetContext } from './preset.js';

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
  const bindings: SecretInput['bindings'] = [{ service: name, var: 'ADMIN_API_KEY', role: 'server' }];
  for (const c of clientsWith(scan, /^HOGSEND_.*(KEY|TOKEN)$/, [hs.dir])) {
    const cName = nameForDir(c.dir, 'app');
    if (services[cName]) continue;
    services[cName] = { dir: c.dir || '.', envFiles: ['.env'] };
    const urlVar = ['HOGSEND_URL', 'HOGSEND_API_URL'].find((v) => c.all.has(v));
    bindings.push({ service: cName, var: c.var, role: 'client', ...(urlVar ? { urlVar } : {}) });
  }
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
          bindings,
          probes: { service: name, health: '/health', smoke: 'GET /v1/admin/api-keys', header: { name: 'Authorization', scheme: 'Bearer' } },
        },
      },
      issuers: { hogsend: { system: 'hogsend', url: 'http://localhost:3002', service: name, description: 'Hogsend admin API: issues scoped hsk_ keys (read ⊂ journey-admin ⊂ full-admin).' } },
    },
    comments: {
      [`services.${name}`]: `Hogsend: checks ADMIN_API_KEY (and database keys) as a Bearer token on /v1/admin/*.${hs.found ? '' : NOT_FOUND}`,
      'secrets.hogsend-admin-api-key': 'The legacy admin key. For services that only read, prefer a scoped key issued by\nthe hogsend issuer (add a secret with issuer: hogsend and role: client bindings).',
    },
    warnings: [],
  };
}
