/**
 * Test fixture: a throw-away Compose workspace running the HiveCFM reference images — hub,
 * core (reaching the hub by service name) and a hub with an empty key that crash-loops —
 * with its own project name, plus ResolvedService objects as the workspace loader makes them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceSchema } from '../../../electron/core/workspace/schema.js';
import type { ResolvedService } from '../../../electron/core/services/runtime.js';
import { CORE_IMAGE, HUB_IMAGE } from '../../peers/hivecfm/images.js';

export interface ComposeFixture {
  root: string;
  project: string;
  composeFile: string;
  service: (name: 'hub' | 'core' | 'crashy', composeService?: string) => ResolvedService;
  writeEnv: (name: 'hub' | 'core' | 'crashy', text: string) => void;
}

export function hivecfmComposeFixture(project: string, keys: { hub: string; core: string }): ComposeFixture {
  const root = mkdtempSync(join(tmpdir(), 'kh-compose-'));
  const composeFile = join(root, 'docker-compose.yml');
  const composeNames = { hub: 'hivecfm-hub-api', core: 'hivecfm-core', crashy: 'crashy-hub' } as const;
  writeFileSync(
    composeFile,
    `services:
  hivecfm-hub-api:
    image: ${HUB_IMAGE}
    env_file: [hub/.env]
    ports: ["127.0.0.1::8080"]
  hivecfm-core:
    image: ${CORE_IMAGE}
    env_file: [core/.env]
    environment:
      HUB_CHECK_INTERVAL_MS: "60000"
    ports: ["127.0.0.1::3000"]
  crashy-hub:
    image: ${HUB_IMAGE}
    env_file: [crashy/.env]
    restart: unless-stopped
`,
  );
  const writeEnv = (name: 'hub' | 'core' | 'crashy', text: string) => {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, '.env'), text);
  };
  writeEnv('hub', `# demo hub\nAPI_KEY=${keys.hub}\n`);
  writeEnv('core', `HIVECFM_HUB_URL=http://hivecfm-hub-api:8080\nHIVECFM_HUB_API_KEY=${keys.core}\n`);
  writeEnv('crashy', 'API_KEY=\n');
  const service = (name: 'hub' | 'core' | 'crashy', composeService: string = composeNames[name]): ResolvedService => {
    const port = name === 'core' ? 3000 : 8080;
    const config = ServiceSchema.parse({
      dir: name,
      envFiles: ['.env'],
      docker: { composeFile: '../docker-compose.yml', service: composeService, project },
      urls: { docker: `http://${composeService}:${port}` },
      health: '/health',
    });
    return { name, dir: join(root, name), envFiles: [join(root, name, '.env')], config, composeFile };
  };
  return { root, project, composeFile, service, writeEnv };
}
