/**
 * HiveCFM: the hub's `API_KEY` (hivecfm-hub/.env) and the core's `HIVECFM_HUB_API_KEY`
 * (hivecfm-core/.env, with .env.local winning for native dev) are one secret. The core reaches
 * the hub at http://hivecfm-hub-api:8080 inside Docker and http://localhost:8090 natively; the
 * hub's /health is public and every /v1/* call needs `Authorization: Bearer <key>`.
 */
import type { WorkspaceDraft } from '../draft.js';
import type { ProjectScan } from '../project-scan.js';
import { dockerFor, findService, nameForDir } from './layout.js';
import { NOT_FOUND, type PresetContext } from './preset.js';

export function hivecfmPreset(scan: ProjectScan, ctx: PresetContext): WorkspaceDraft {
  const hub = findService(scan, { conventional: 'hivecfm-hub', pattern: /hub/i, composeName: /hub/i });
  const core = findService(scan, { conventional: 'hivecfm-core', pattern: /core/i, hasVar: 'HIVECFM_HUB_API_KEY', composeName: /core/i });
  const hubPort = hub.compose?.ports[0];
  const hubService = hub.compose?.name ?? 'hivecfm-hub-api';
  const corePort = core.compose?.ports[0];
  const hubName = nameForDir(hub.dir, 'hivecfm-hub');
  const coreName = nameForDir(core.dir, 'hivecfm-core') === hubName ? 'hivecfm-core' : nameForDir(core.dir, 'hivecfm-core');
  const hubDocker = dockerFor(hub, 'hivecfm-hub-api');
  const coreDocker = dockerFor(core, 'hivecfm-core');
  return {
    source: 'preset hivecfm',
    input: {
      version: 1,
      name: ctx.name,
      id: ctx.id,
      runMode: 'docker',
      services: {
        [hubName]: {
          dir: hub.dir || '.',
          envFiles: ['.env'],
          ...(hubDocker ? { docker: hubDocker } : {}),
          urls: { docker: `http://${hubService}:${hubPort?.containerPort ?? 8080}`, native: `http://localhost:${hubPort?.hostPort ?? 8090}` },
          health: '/health',
        },
        [coreName]: {
          dir: core.dir || '.',
          envFiles: ['.env', '.env.local'],
          ...(coreDocker ? { docker: coreDocker } : {}),
          ...(corePort ? { urls: { docker: `http://${core.compose?.name}:${corePort.containerPort}`, ...(corePort.hostPort ? { native: `http://localhost:${corePort.hostPort}` } : {}) } } : {}),
        },
      },
      secrets: {
        'hivecfm-hub-api-key': {
          format: 'hivecfm-hub',
          description: 'The hub API key: API_KEY on the hub, HIVECFM_HUB_API_KEY on the core (one secret, two names).',
          bindings: [
            { service: hubName, var: 'API_KEY', role: 'server' },
            { service: coreName, var: 'HIVECFM_HUB_API_KEY', role: 'client', urlVar: 'HIVECFM_HUB_URL' },
          ],
          probes: { service: hubName, health: '/health', smoke: 'GET /v1/webhooks', header: { name: 'Authorization', scheme: 'Bearer' } },
        },
      },
    },
    comments: {
      [`services.${hubName}`]: `The HiveCFM hub (Go): checks the key on every /v1/* request; /health is public.${hub.found ? '' : NOT_FOUND}`,
      [`services.${coreName}`]: `The HiveCFM core: sends the key to the hub. .env.local wins over .env when run natively.${core.found ? '' : NOT_FOUND}`,
      'secrets.hivecfm-hub-api-key': 'One secret, two names. The core must reach the hub at HIVECFM_HUB_URL:\nhttp://hivecfm-hub-api:8080 inside Docker, http://localhost:8090 natively.',
    },
    warnings: [],
  };
}
