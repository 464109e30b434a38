/**
 * A throw-away workspace around a REAL reference issuer (Hogsend, TokenHub or HiveForge peer,
 * over HTTP): one consumer service whose .env holds the issued key, the issuer as a workspace
 * service (so probes go to it) and as `issuers.main` (so the doctor can ask its admin API), the
 * admin credential in a memory keychain. The doctor's clock is the peer's clock.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portsOf } from '../../../electron/app/sync/apply-change-ports.js';
import type { OperationPorts } from '../../../electron/app/sync/apply-change.js';
import { openSession, type WorkspaceSession } from '../../../electron/app/workspace-session.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';

export const SECRET = 'CONSUMER_KEY';

export interface IssuerWorkspace {
  root: string;
  file: string;
  id: string;
  consumerEnv: string;
  store: MemorySecretStore;
  session: WorkspaceSession;
  ports: OperationPorts;
  /** Writes the consumer's key (and the keychain entry). */
  setKey(value: string): Promise<void>;
  cleanup(): Promise<void>;
}

export interface IssuerWorkspaceOptions {
  system: 'hogsend' | 'tokenhub' | 'hiveforge';
  /** The issuer's admin API. */
  issuerUrl: string;
  /** Where the consumer's calls go (default: the issuer). */
  callUrl?: string;
  credential: string | null;
  endpoints: string[];
  format?: string;
  extraSecretYaml?: string;
}

export async function issuerWorkspace(o: IssuerWorkspaceOptions): Promise<IssuerWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'kh-doc-'));
  const id = `doc-${randomBytes(5).toString('hex')}`;
  await mkdir(join(root, 'consumer'));
  const consumerEnv = join(root, 'consumer', '.env');
  await writeFile(consumerEnv, `# consumer\n${SECRET}=\nAPI_URL=${o.callUrl ?? o.issuerUrl}\n`);
  const file = join(root, 'keyhive.yaml');
  await writeFile(
    file,
    `name: doctor-${o.system}
id: ${id}
runMode: native
services:
  issuer: { dir: ., urls: { native: "${o.callUrl ?? o.issuerUrl}" }, health: /health }
  consumer: { dir: consumer }
issuers:
  main: { system: ${o.system}, url: "${o.issuerUrl}", service: issuer }
secrets:
  ${SECRET}:
    format: ${o.format ?? 'generic'}
    issuer: main
    endpoints: [${o.endpoints.map((e) => `"${e}"`).join(', ')}]
    bindings:
      - { service: consumer, var: ${SECRET}, role: client, urlVar: API_URL }
${o.extraSecretYaml ?? ''}`,
  );
  const store = new MemorySecretStore();
  if (o.credential) await store.set(accounts.issuerCredential(id, 'main'), o.credential);
  const session = await openSession(file, { store, dataDir: join(root, 'data') });
  return {
    root,
    file,
    id,
    consumerEnv,
    store,
    session,
    ports: portsOf(session, null),
    async setKey(value) {
      await writeFile(consumerEnv, `# consumer\n${SECRET}=${value}\nAPI_URL=${o.callUrl ?? o.issuerUrl}\n`);
      await store.set(accounts.secret(id, SECRET), value);
    },
    cleanup: async () => {
      await session.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
