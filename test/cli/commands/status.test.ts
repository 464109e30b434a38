import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceStatus } from '../../../shared/domain.js';
import { hubKey, makeWorkspace, type TempWorkspace } from '../../app/support/temp-workspace.js';
import { runCli } from '../support/run-cli.js';
import { formatStatus } from '../../../electron/cli/commands/status.js';

let ws: TempWorkspace | null = null;
afterEach(async () => {
  await ws?.cleanup();
  ws = null;
});

describe('keyhive status', { timeout: 240_000 }, () => {
  it('drifted: exit 1, a readable table with state words, fingerprints only', async () => {
    const hub = hubKey();
    const core = hubKey();
    ws = await makeWorkspace({ hub, core });
    const r = await runCli(['status', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/hub-api-key\s+DRIFTED/);
    expect(r.stdout).toMatch(/hivecfm-hub\s+API_KEY\s+hivecfm-hub\/\.env:3\s+[0-9a-f]{8}\s+Drifted/);
    expect(r.stdout).toMatch(/hivecfm-core\s+HIVECFM_HUB_API_KEY\s+hivecfm-core\/\.env:2\s+[0-9a-f]{8}\s+Drifted/);
    expect(r.stdout).toContain('1 of 1 secret(s) need attention: hub-api-key.');
    expect(r.stdout + r.stderr).not.toContain(hub);
    expect(r.stdout + r.stderr).not.toContain(core);
  });

  it('--json prints the WorkspaceStatus; exit 0 once in sync; found upwards from the cwd', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    const imp = await runCli(['import', 'hub-api-key', '--from', 'hivecfm-hub', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(imp.code).toBe(0);
    const r = await runCli(['status', '--json'], { dataDir: ws.dataDir, cwd: dirname(ws.hubEnv) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const status = WorkspaceStatus.parse(JSON.parse(r.stdout));
    expect(status.secrets[0]).toMatchObject({ name: 'hub-api-key', state: 'in-sync' });
    expect(status.secrets[0]!.bindings.map((b) => [b.service, b.var, b.file, b.line, b.state])).toEqual([
      ['hivecfm-hub', 'API_KEY', ws.hubEnv, 3, 'in-sync'],
      ['hivecfm-core', 'HIVECFM_HUB_API_KEY', ws.coreEnv, 2, 'in-sync'],
    ]);
    expect(r.stdout).not.toContain(k);
  });

  it('shadowed by .env.local names the winning file', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    await writeFile(ws.coreLocal, 'HIVECFM_HUB_API_KEY=something-else-entirely\n');
    const r = await runCli(['status', '--workspace', ws.file], { dataDir: ws.dataDir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/hub-api-key\s+SHADOWED/);
    expect(r.stdout).toContain('hivecfm-core/.env.local:1 overrides hivecfm-core/.env:2');
  });

  it('usage and input errors exit 2 with the fix; --help works', async () => {
    ws = await makeWorkspace({ hub: hubKey(), core: hubKey() });
    const missing = await runCli(['status', '--workspace', ws.root + '/nope.yaml'], { dataDir: ws.dataDir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/fix:/);
    const outside = await runCli(['status'], { dataDir: ws.dataDir, cwd: '/' });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('keyhive init');
    const bad = await runCli(['status', '--bogus'], { dataDir: ws.dataDir });
    expect(bad.code).toBe(2);
    const help = await runCli(['status', '--help'], { dataDir: ws.dataDir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
  });
});

describe('formatStatus', () => {
  it('says which issuer an issued key belongs to, and nothing extra for a shared secret', () => {
    const status = WorkspaceStatus.parse({
      workspace: { id: 'w', name: 'w', file: '/w/keyhive.yaml', runMode: 'native' },
      services: [],
      secrets: [
        { name: 'chat-key', state: 'in-sync', format: 'tokenhub', keychainFingerprint: '0a1b2c3d', bindings: [], issuer: { name: 'th', system: 'tokenhub' } },
        { name: 'hub-key', state: 'in-sync', format: 'generic', keychainFingerprint: null, bindings: [] },
      ],
      checkedAt: '2031-01-01T00:00:00.000Z',
    });
    const lines = formatStatus(status);
    expect(lines).toContain('chat-key  IN SYNC  (format tokenhub, issued by th (tokenhub), keychain 0a1b2c3d)');
    expect(lines.find((l) => l.startsWith('hub-key'))).toMatch(/\(format generic, keychain no entry\)$/);
  });
});
