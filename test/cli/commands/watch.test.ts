import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { hubKey, makeWorkspace, type TempWorkspace } from '../../app/support/temp-workspace.js';
import { runCli, startCli } from '../support/run-cli.js';
import { formatTransition, transitions } from '../../../electron/cli/commands/watch.js';
import type { WorkspaceStatus } from '../../../shared/domain.js';

let ws: TempWorkspace | null = null;
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
  await ws?.cleanup();
  ws = null;
});

describe('keyhive watch', { timeout: 240_000 }, () => {
  it('--json prints a ready line, then one line per state change with fingerprints only', async () => {
    const k = hubKey();
    ws = await makeWorkspace({ hub: k, core: k });
    expect((await runCli(['import', 'hub-api-key', '--from', 'hivecfm-hub', '--workspace', ws.file], { dataDir: ws.dataDir })).code).toBe(0);
    const watch = startCli(['watch', '--json', '--workspace', ws.file], { dataDir: ws.dataDir });
    stop = watch.stop;
    const ready = JSON.parse(await watch.waitFor((l) => l.includes('"ready"'))) as { inSync: boolean; states: Record<string, string> };
    expect(ready).toMatchObject({ inSync: true, states: { 'hub-api-key': 'in-sync' } });

    const edited = hubKey();
    await writeFile(ws.coreEnv, (await ws.read(ws.coreEnv)).replace(k, edited));
    const line = JSON.parse(await watch.waitFor((l) => l.includes('"HIVECFM_HUB_API_KEY"'))) as Record<string, unknown>;
    expect(line).toMatchObject({ type: 'change', secret: 'hub-api-key', service: 'hivecfm-core', from: 'in-sync', to: 'drifted' });
    expect(line['fingerprintBefore']).toMatch(/^[0-9a-f]{8}$/);
    expect(line['fingerprintAfter']).toMatch(/^[0-9a-f]{8}$/);
    expect(line['fingerprintBefore']).not.toBe(line['fingerprintAfter']);
    await watch.waitFor((l) => l.includes('"change"') && !l.includes('"service"') && l.includes('"to":"drifted"'));
    await watch.stop();
    const all = watch.lines.join('\n') + watch.stderr();
    expect(all).not.toContain(k);
    expect(all).not.toContain(edited);
  });
});

describe('watch transitions', () => {
  const status = (state: 'in-sync' | 'drifted', fp: string): WorkspaceStatus => ({
    workspace: { id: 'w', name: 'w', file: '/w/keyhive.yaml', runMode: 'native' },
    services: [],
    secrets: [
      {
        name: 's',
        state,
        format: 'generic',
        keychainFingerprint: 'aaaaaaaa',
        warnings: [],
        issuer: null,
        bindings: [{ service: 'core', var: 'K', role: 'client', file: '/w/core/.env', line: 1, fingerprint: fp, state, sources: [] }],
      },
    ],
    checkedAt: '2026-01-01T00:00:00.000Z',
  });

  it('lists binding and secret changes, nothing when equal', () => {
    expect(transitions(status('in-sync', 'aaaaaaaa'), status('in-sync', 'aaaaaaaa'))).toEqual([]);
    const t = transitions(status('in-sync', 'aaaaaaaa'), status('drifted', 'bbbbbbbb'));
    expect(t).toEqual([
      { secret: 's', service: 'core', var: 'K', from: 'in-sync', to: 'drifted', fingerprintBefore: 'aaaaaaaa', fingerprintAfter: 'bbbbbbbb' },
      { secret: 's', from: 'in-sync', to: 'drifted', fingerprintBefore: 'aaaaaaaa', fingerprintAfter: 'aaaaaaaa' },
    ]);
    expect(formatTransition(t[0]!, new Date('2026-01-01T10:11:12.345Z'))).toBe('10:11:12.345  s core K: In sync → Drifted  [aaaaaaaa → bbbbbbbb]');
    expect(transitions(null, status('in-sync', 'aaaaaaaa'))).toHaveLength(2);
  });
});
