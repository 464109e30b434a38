/**
 * TokenHub: consumer keys `tokenhub_` + 64 lowercase hex, created by an administrator and sent
 * as a Bearer token to the consumer API (/v1/*): `chat` covers POST /v1/chat, `plan` POST /v1/plan.
 */
import type { ServiceInput, WorkspaceDraft } from '../draft.js';
import type { ProjectScan } from '../project-scan.js';
import { issuedKeyClients, secretPerConsumer } from './issued-key.js';
import { dockerFor, findService, nameForDir } from './layout.js';
import { NOT_FOUND, type PresetContext } from './preset.js';

export function tokenhubPreset(scan: ProjectScan, ctx: PresetContext): WorkspaceDraft {
  const th = findService(scan, { conventional: 'tokenhub', pattern: /tokenhub/i, composeName: /tokenhub/i });
  const thName = nameForDir(th.dir, 'tokenhub');
  const port = th.compose?.ports[0];
  const url = `http://localhost:${port?.hostPort ?? 8080}`;
  const clients = issuedKeyClients(scan, { pattern: /^TOKENHUB_.*(KEY|TOKEN)$/, conventionalVar: 'TOKENHUB_API_KEY', urlVars: ['TOKENHUB_URL', 'TOKENHUB_API_URL', 'TOKENHUB_BASE_URL'], exclude: [th.dir] });
  const docker = dockerFor(th, 'tokenhub');
  const services: Record<string, ServiceInput> = {
    [thName]: { dir: th.dir || '.', envFiles: ['.env'], ...(docker ? { docker } : {}), urls: { ...(th.compose ? { docker: `http://${th.compose.name}:${port?.containerPort ?? 8080}` } : {}), native: url } },
    ...clients.services,
  };
  return {
    source: 'preset tokenhub',
    input: {
      version: 1,
      name: ctx.name,
      id: ctx.id,
      runMode: 'docker',
      services,
      secrets: secretPerConsumer('tokenhub', 'tokenhub-api-key', clients.bindings, (bindings) => ({
        format: 'tokenhub',
        description: 'A TokenHub consumer key (tokenhub_ + 64 lowercase hex), issued by TokenHub: one per consumer.',
        issuer: 'tokenhub',
        scopes: ['chat'],
        endpoints: ['POST /v1/chat'],
        bindings,
        probes: { service: thName, header: { name: 'Authorization', scheme: 'Bearer' } },
      })),
      issuers: { tokenhub: { system: 'tokenhub', url, service: thName, description: 'TokenHub admin API: creates, rotates and revokes consumer keys.' } },
    },
    comments: {
      [`services.${thName}`]: `TokenHub: checks consumer keys on /v1/* (bcrypt, cached for 5 minutes).${th.found ? '' : NOT_FOUND}`,
      'secrets.tokenhub-api-key': 'Issued by TokenHub, so every binding is a client. Scopes: chat → POST /v1/chat,\nplan → POST /v1/plan (an empty scope list allows every endpoint). No smoke call is set:\na real /v1/chat request would spend tokens.',
    },
    warnings: clients.warnings,
  };
}
