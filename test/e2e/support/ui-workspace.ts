/**
 * The workspace the UI e2e tests drive: a temp copy of the demo workspace
 * (electron/demo/workspace) when it exists, else a small HiveCFM hub ↔ core workspace with a
 * TokenHub key (native mode, no processes) written here — said loudly, so nobody mistakes it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const DEMO_DIR = join(REPO, 'electron', 'demo', 'workspace');

export interface UiWorkspace {
  dir: string;
  file: string;
  kind: 'demo' | 'fallback';
  /** Env files of this workspace, for the no-leak check (every value in them is a secret here). */
  envFiles: string[];
}

function fallback(dir: string): string {
  const hubKey = `hub_${randomBytes(18).toString('hex')}`;
  const tokenhubKey = `tokenhub_${randomBytes(32).toString('hex')}`;
  mkdirSync(join(dir, 'hivecfm-hub'), { recursive: true });
  mkdirSync(join(dir, 'hivecfm-core'), { recursive: true });
  writeFileSync(join(dir, 'hivecfm-hub', '.env'), `# HiveCFM hub\nPORT=8090\nAPI_KEY=${hubKey}\n`);
  writeFileSync(join(dir, 'hivecfm-core', '.env'), `# HiveCFM core\nHIVECFM_HUB_URL=http://localhost:8090\nHIVECFM_HUB_API_KEY=${hubKey}\nTOKENHUB_API_KEY=${tokenhubKey}\n`);
  writeFileSync(
    join(dir, 'keyhive.yaml'),
    `version: 1
name: ui-e2e
id: ui-e2e-${randomBytes(4).toString('hex')}
runMode: native
services:
  hivecfm-hub:
    dir: hivecfm-hub
  hivecfm-core:
    dir: hivecfm-core
issuers:
  tokenhub:
    system: tokenhub
    url: http://127.0.0.1:9
secrets:
  hivecfm-hub-api-key:
    bindings:
      - { service: hivecfm-hub, var: API_KEY, role: server }
      - { service: hivecfm-core, var: HIVECFM_HUB_API_KEY, role: client }
  tokenhub-key:
    format: tokenhub
    issuer: tokenhub
    scopes: [chat]
    endpoints: ['POST /v1/chat', 'POST /v1/plan']
    bindings:
      - { service: hivecfm-core, var: TOKENHUB_API_KEY, role: client }
`,
  );
  return join(dir, 'keyhive.yaml');
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A temp copy of the demo workspace (rendered by the engine's own materializeDemo) on free ports. */
export async function prepareUiWorkspace(opts: { runMode?: 'native' | 'docker'; project?: string; id?: string; cacheWindowSeconds?: { hogsend?: number; tokenhub?: number } } = {}): Promise<UiWorkspace & { ports: Record<string, number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'keyhive-ui-e2e-'));
  let file: string;
  let kind: UiWorkspace['kind'];
  const ports: Record<string, number> = {};
  if (existsSync(join(DEMO_DIR, 'keyhive.yaml'))) {
    const { materializeDemo, DEFAULT_DEMO_PORTS } = await import('../../../electron/app/demo/demo-workspace.js');
    // Every service of the demo on a free port: other runs use the defaults at the same time.
    for (const k of Object.keys(DEFAULT_DEMO_PORTS)) ports[k] = await freePort();
    file = await materializeDemo(join(dir, 'demo'), {
      runMode: opts.runMode ?? 'native',
      ports,
      project: opts.project ?? `keyhive-ui-${process.pid}`,
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.cacheWindowSeconds ? { cacheWindowSeconds: opts.cacheWindowSeconds } : {}),
    });
    kind = 'demo';
  } else {
    if (opts.runMode === 'docker') throw new Error(`${DEMO_DIR} is missing: the Docker UI test needs the demo workspace`);
    process.stderr.write(`\n!!! ui e2e: ${DEMO_DIR} does not exist yet — using a small fallback workspace (no Docker, no peers)\n\n`);
    file = fallback(dir);
    kind = 'fallback';
  }
  return { dir: dirname(file), file, kind, envFiles: [], ports };
}

/** Every value assigned in the given .env files that looks like a key (long enough to matter). */
export function secretLikeValues(files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    if (!existsSync(f)) continue;
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*['"]?([^'"#\s]+)/.exec(line);
      if (m && /KEY|SECRET|TOKEN/i.test(m[1]!) && m[2]!.length >= 16) out.add(m[2]!);
    }
  }
  return [...out];
}
