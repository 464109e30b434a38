/**
 * `keyhive sync` makes the change live, as the Sync button does: on the demo with its hub and
 * core running natively, a new value is written everywhere, both services are restarted in one
 * step, and the probes (health, the new key accepted, a wrong key refused, the header shape)
 * pass — checked again from outside with the real hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../electron/adapters/workspace/load-workspace.js';
import { keyFormats } from '../../../electron/core/keys/index.js';
import { accounts } from '../../../electron/core/secrets/secret-store.js';
import { demoCopy, runCli, SECRET, type DemoCopy } from '../cli-harness.js';

let w: DemoCopy;
const cli = (args: string[], stdin?: string) => runCli([...args, '--workspace', w.file], { KEYHIVE_DATA_DIR: w.dataDir }, stdin);

beforeAll(async () => {
  w = await demoCopy('native');
  const up = await cli(['up']);
  expect(up.status, up.stderr).toBe(0);
}, 180_000);
afterAll(async () => {
  if (w) await cli(['down']);
  await w?.cleanup();
});

describe('keyhive sync on running services', () => {
  it('writes, restarts both services in one step and ends with every probe green', async () => {
    const ws = await loadWorkspace(w.file);
    const value = keyFormats(ws.config).generate(ws.config.secrets[SECRET]!.format);
    const r = await cli(['sync', SECRET, '--value-stdin'], value + '\n');
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/\[write\] Write the value to every side: done/);
    expect(r.stdout).toMatch(/\[restart\] Restart the services in one step: done — restarted hivecfm-hub and hivecfm-core in one step/);
    expect(r.stdout).toMatch(/\[probe\] Probe the key: done — (\d+)\/\1 probes passed/);
    expect(r.stdout).toMatch(/every probe passed/);
    expect(r.stdout + r.stderr).not.toContain(value);
    expect(await w.store.get(accounts.secret(w.id, SECRET))).toBe(value);
    // From outside: the running hub accepts the new key, so the restart really happened.
    const hubUrl = ws.services.get('hivecfm-hub')!.config.urls.native!;
    const res = await fetch(`${hubUrl}/v1/webhooks`, { headers: { authorization: `Bearer ${value}` } });
    expect(res.status).toBe(200);
  }, 180_000);
});
