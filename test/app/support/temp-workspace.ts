/**
 * A throw-away HiveCFM-style workspace on real files: hub `API_KEY` ↔ core `HIVECFM_HUB_API_KEY`
 * (core reads `.env` then `.env.local`), plus a TokenHub-format secret for format checks.
 * Each workspace gets its own id, so keychain entries never collide between tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempWorkspace {
  root: string;
  file: string;
  dataDir: string;
  id: string;
  hubEnv: string;
  coreEnv: string;
  coreLocal: string;
  read(path: string): Promise<string>;
  cleanup(): Promise<void>;
}

export const hubKey = (): string => randomBytes(32).toString('base64url');
export const tokenhubKey = (): string => `tokenhub_${randomBytes(32).toString('hex')}`;

export async function makeWorkspace(opts: { hub?: string | null; core?: string | null; runMode?: 'docker' | 'native'; extraYaml?: string; compose?: string } = {}): Promise<TempWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'kh-ws-'));
  const dataDir = join(root, '.data');
  const id = `ws-${randomBytes(6).toString('hex')}`;
  await mkdir(join(root, 'hivecfm-hub'));
  await mkdir(join(root, 'hivecfm-core'));
  const hubEnv = join(root, 'hivecfm-hub', '.env');
  const coreEnv = join(root, 'hivecfm-core', '.env');
  const coreLocal = join(root, 'hivecfm-core', '.env.local');
  const docker = opts.compose ? `\n    docker: { composeFile: compose.yaml, service: hivecfm-hub-api }` : '';
  if (opts.compose) await writeFile(join(root, 'hivecfm-hub', 'compose.yaml'), opts.compose);
  await writeFile(
    join(root, 'keyhive.yaml'),
    `version: 1
name: test-hivecfm
id: ${id}
runMode: ${opts.runMode ?? 'native'}
services:
  hivecfm-hub:
    dir: hivecfm-hub${docker}
  hivecfm-core:
    dir: hivecfm-core
    envFiles: [.env, .env.local]
secrets:
  hub-api-key:
    format: hivecfm-hub
    bindings:
      - { service: hivecfm-hub, var: API_KEY, role: server }
      - { service: hivecfm-core, var: HIVECFM_HUB_API_KEY, role: client, urlVar: HIVECFM_HUB_URL }
${opts.extraYaml ?? ''}`,
  );
  if (opts.hub !== null) await writeFile(hubEnv, `# hub settings\nPORT=8080\nAPI_KEY=${opts.hub ?? 'unset'}\nLOG_LEVEL=info\n`);
  if (opts.core !== null) await writeFile(coreEnv, `HIVECFM_HUB_URL=http://localhost:8090\nHIVECFM_HUB_API_KEY="${opts.core ?? 'unset'}" # shared with the hub\nTIMEOUT=5\n`);
  return {
    root,
    file: join(root, 'keyhive.yaml'),
    dataDir,
    id,
    hubEnv,
    coreEnv,
    coreLocal,
    read: (p) => readFile(p, 'utf8'),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
