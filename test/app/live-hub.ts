/**
 * For the operation tests that need no process control: a real HTTP hub (the reference hub's
 * auth rules) that reads its API_KEY from hivecfm-hub/.env on EVERY request — so a written file
 * is live at once — and a workspace (hub + core, no run config) around it on real files, with a
 * real session over an in-memory keychain.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portsOf } from '../../electron/app/sync/apply-change-ports.js';
import type { OperationPorts } from '../../electron/app/sync/apply-change.js';
import { openSession, type WorkspaceSession } from '../../electron/app/workspace-session.js';
import { effectiveEntry, parseEnv } from '../../electron/core/env/parse.js';
import { accounts } from '../../electron/core/secrets/secret-store.js';
import { checkAuthorization } from '../../electron/demo/peers/hivecfm/hub.js';
import { MemorySecretStore } from '../support/fakes/memory-secret-store.js';

export const SECRET = 'hub-key';

export interface LiveHubWorkspace {
  root: string;
  file: string;
  dataDir: string;
  id: string;
  hubEnv: string;
  coreEnv: string;
  store: MemorySecretStore;
  session: WorkspaceSession;
  ports: OperationPorts;
  server: Server;
  /** When set, the hub accepts only this key (ignores its file): a hub that was not restarted. */
  pinnedKey: string | null;
  value(file: string, key: string): Promise<string | null>;
  keychain(): Promise<string | null>;
  cleanup(): Promise<void>;
}

export async function liveHubWorkspace(): Promise<LiveHubWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'kh-live-'));
  const id = `live-${randomBytes(5).toString('hex')}`;
  const hubEnv = join(root, 'hub', '.env');
  const coreEnv = join(root, 'core', '.env');
  const value = async (file: string, key: string) => effectiveEntry(parseEnv(await readFile(file)), key)?.value ?? null;
  const ws = { pinnedKey: null as string | null };
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (path === '/health') return send(200, { status: 'ok' });
      const key = ws.pinnedKey ?? (await value(hubEnv, 'API_KEY')) ?? '';
      const denied = checkAuthorization(req.headers.authorization, key);
      return denied ? send(401, { error: denied }) : send(200, { data: [] });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const key = randomBytes(24).toString('base64url');
  await mkdir(join(root, 'hub'));
  await mkdir(join(root, 'core'));
  await writeFile(hubEnv, `# hub\nAPI_KEY=${key}\nPORT=8080\n`);
  await writeFile(coreEnv, `HIVECFM_HUB_URL=http://127.0.0.1:${port}\nHIVECFM_HUB_API_KEY="${key}" # shared\n`);
  const file = join(root, 'keyhive.yaml');
  await writeFile(
    file,
    `name: live
id: ${id}
runMode: native
services:
  hub: { dir: hub, urls: { native: "http://127.0.0.1:${port}" }, health: /health }
  core: { dir: core }
secrets:
  ${SECRET}:
    bindings:
      - { service: hub, var: API_KEY, role: server }
      - { service: core, var: HIVECFM_HUB_API_KEY, role: client, urlVar: HIVECFM_HUB_URL }
    probes: { smoke: "GET /v1/webhooks" }
`,
  );
  const store = new MemorySecretStore();
  await store.set(accounts.secret(id, SECRET), key);
  const dataDir = join(root, 'data');
  const session = await openSession(file, { store, dataDir });
  return Object.assign(ws, {
    root,
    file,
    dataDir,
    id,
    hubEnv,
    coreEnv,
    store,
    session,
    ports: portsOf(session, null),
    server,
    value,
    keychain: () => store.get(accounts.secret(id, SECRET)),
    cleanup: async () => {
      await session.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await rm(root, { recursive: true, force: true });
    },
  });
}
