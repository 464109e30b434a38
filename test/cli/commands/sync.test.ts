/**
 * `keyhive sync|import|undo|activity` through the real command, on real files and the real
 * keychain — and the no-leak check: every value used appears in no output, no activity entry
 * and no text file of the data dir (file backups necessarily hold the previous .env bytes:
 * they are checked to be 0600 instead).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubKey, makeWorkspace, type TempWorkspace } from '../../app/support/temp-workspace.js';
import { runCli, type CliResult } from '../support/run-cli.js';

let ws: TempWorkspace | null = null;
afterEach(async () => {
  await ws?.cleanup();
  ws = null;
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

describe('keyhive sync / import / undo / activity', { timeout: 300_000 }, () => {
  it('sync from a service, from stdin, undo, activity — and no value leaks anywhere', async () => {
    const hub = hubKey();
    const core = hubKey();
    const fromStdin = hubKey();
    ws = await makeWorkspace({ hub, core });
    const w = ['--workspace', ws.file];
    const run = (args: string[], stdin?: string): Promise<CliResult> => runCli([...args, ...w], { dataDir: ws!.dataDir, ...(stdin ? { stdin } : {}) });
    const outputs: CliResult[] = [];

    const sync = await run(['sync', 'hub-api-key', '--from', 'hivecfm-hub']);
    outputs.push(sync);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain('wrote: hivecfm-core/.env');
    expect(sync.stdout).toContain('hub-api-key is now: In sync');
    expect(await ws.read(ws.coreEnv)).toContain(`HIVECFM_HUB_API_KEY="${hub}"`);

    const piped = await run(['sync', 'hub-api-key', '--value-stdin', '--json'], fromStdin + '\n');
    outputs.push(piped);
    expect(piped.code).toBe(0);
    const outcome = JSON.parse(piped.stdout) as { activityId: string; files: string[]; state: string };
    expect(outcome.files).toEqual([ws.hubEnv, ws.coreEnv]);
    expect(outcome.state).toBe('in-sync');
    expect(await ws.read(ws.hubEnv)).toContain(`API_KEY=${fromStdin}\n`);

    const activity = await run(['activity', '--json']);
    outputs.push(activity);
    const entries = JSON.parse(activity.stdout) as Array<{ id: string; kind: string; undoable: boolean }>;
    expect(entries.map((e) => e.kind)).toEqual(['sync', 'sync']);
    expect(entries[0]!.id).toBe(outcome.activityId);

    const undo = await run(['undo']);
    outputs.push(undo);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain(`Undid ${outcome.activityId}`);
    expect(await ws.read(ws.hubEnv)).toContain(`API_KEY=${hub}\n`);

    const again = await run(['undo', outcome.activityId]);
    outputs.push(again);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already undone');

    const status = await run(['status', '--json']);
    outputs.push(status);
    expect(status.code).toBe(0);
    outputs.push(await run(['status']));
    outputs.push(await run(['activity']));

    // No value in any output, activity line or data-dir text file.
    const values = [hub, core, fromStdin];
    for (const o of outputs) for (const v of values) expect(o.stdout + o.stderr).not.toContain(v);
    const dataFiles = await filesUnder(ws.dataDir);
    const log = dataFiles.find((f) => f.endsWith('.jsonl'));
    expect(log).toBeDefined();
    expect((await readFile(log!, 'utf8')).trim().split('\n')).toHaveLength(3);
    for (const f of dataFiles) {
      if (f.includes('/backups/')) {
        expect((await stat(f)).mode & 0o777).toBe(0o600);
        continue;
      }
      const text = await readFile(f, 'utf8');
      for (const v of values) expect(text, f).not.toContain(v);
    }
    expect(dataFiles.some((f) => f.includes('/backups/'))).toBe(true);
  });

  it('import takes a value into the keychain; format refusals and bad usage exit 2', async () => {
    const k = hubKey();
    ws = await makeWorkspace({
      hub: k,
      core: k,
      extraYaml: `  tokenhub-key:\n    format: tokenhub\n    bindings:\n      - { service: hivecfm-core, var: TOKENHUB_KEY, role: client }\n`,
    });
    const w = ['--workspace', ws.file];
    const imp = await runCli(['import', 'hub-api-key', '--from', 'hivecfm-core', ...w], { dataDir: ws.dataDir });
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/Imported hub-api-key from hivecfm-core into the keychain \(keychain no entry → [0-9a-f]{8}\)/);
    expect(imp.stdout).toContain('hub-api-key is now: In sync');

    const refused = await runCli(['sync', 'tokenhub-key', '--value-stdin', ...w], { dataDir: ws.dataDir, stdin: 'tokenhub_tooshort\n' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not a valid tokenhub key/);
    expect(refused.stderr).toContain('--force');
    expect(refused.stderr).not.toContain('tokenhub_tooshort');

    const noFrom = await runCli(['import', 'hub-api-key', ...w], { dataDir: ws.dataDir });
    expect(noFrom.code).toBe(2);
    const nothing = await runCli(['sync', 'tokenhub-key', ...w], { dataDir: ws.dataDir });
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('keyhive import tokenhub-key');
  });
});
