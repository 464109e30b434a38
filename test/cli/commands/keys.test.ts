/**
 * `keyhive demo`, `keyhive keys overview|revoke|rotate` and `keyhive status --json` as users run
 * them: the real command on a private copy of the demo (every port free, its own workspace id,
 * data dir and the real private keychain), the issuers running natively, a 3-second cache
 * window injected through the workspace config.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DEMO_PORTS, materializeDemo, type DemoPorts } from '../../../electron/app/demo/demo-workspace.js';
import { KeysOverview } from '../../../shared/keys.js';
import { freePort } from '../../support/free-port.js';
import { KEYHIVE } from '../cli-harness.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

describe('keyhive keys on the demo', () => {
  let file: string;
  let dir: string;
  let dataDir: string;
  /** The overview right after set-up, before any test revokes or rotates a key (tests run in any order). */
  let initial: { json: KeysOverview; text: ReturnType<typeof run> };
  const run = (args: string[]) =>
    spawnSync(process.execPath, [KEYHIVE, ...args, '--workspace', file], { encoding: 'utf8', env: { ...process.env, KEYHIVE_DATA_DIR: dataDir, NO_COLOR: '1' }, timeout: 120_000 });
  const overview = () => KeysOverview.parse(JSON.parse(run(['keys', 'overview', '--json']).stdout));
  const envValue = (svc: string, name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(readFileSync(join(dir, svc, '.env'), 'utf8'))?.[1] ?? '';

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'kh-cli-keys-'));
    dataDir = join(root, 'data');
    const ports: DemoPorts = { ...DEFAULT_DEMO_PORTS };
    for (const k of Object.keys(ports) as (keyof DemoPorts)[]) ports[k] = await freePort();
    file = await materializeDemo(join(root, 'demo'), { ports, id: `kh-cli-keys-${randomBytes(4).toString('hex')}`, cacheWindowSeconds: { hogsend: 3, tokenhub: 3 } });
    dir = join(root, 'demo');
    const setUp = run(['demo']);
    expect(setUp.status, setUp.stderr).toBe(0);
    expect(setUp.stdout).toMatch(/keys created: hogsend-monitor-key \(hsk_/);
    initial = { json: overview(), text: run(['keys', 'overview']) };
  });

  afterAll(() => {
    if (file) run(['down']);
  });

  it('keys overview --json lists every issuer with holders and the deliberate debt; the text form exits 1 on debt', () => {
    const o = initial.json;
    expect(o.issuers.map((i) => [i.issuer, i.keys.length, i.error])).toEqual([
      ['hogsend', 2, null],
      ['tokenhub', 2, null],
      ['hiveforge', 1, null],
    ]);
    expect(o.debt.map((d) => d.code).sort()).toEqual(['broader-than-needed', 'expiring-soon', 'rotation-overdue']);
    const { text } = initial;
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/held by hogsend-monitor:HOGSEND_API_KEY \([0-9a-f]{8}\)/);
    expect(text.stdout).not.toContain(envValue('hogsend-monitor', 'HOGSEND_API_KEY'));
  });

  it('keys revoke refuses a key in use (exit 2, naming the consumer) and revokes it with --force', () => {
    const journeys = overview().issuers[0]!.keys.find((k) => k.name === 'Journey worker')!;
    const refused = run(['keys', 'revoke', '--issuer', 'hogsend', journeys.id]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/hogsend-journeys:HOGSEND_API_KEY .* still uses it/);
    const forced = run(['keys', 'revoke', '--issuer', 'hogsend', journeys.id, '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/forced: hogsend-journeys:HOGSEND_API_KEY/);
  });

  it('keys rotate waits out the cache window by default and proves the old key refused', () => {
    const old = envValue('tokenhub-chat', 'TOKENHUB_API_KEY');
    const r = run(['keys', 'rotate', 'tokenhub-chat-key']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Check the old key is refused: running — .*re-checking when it ends \(until 20\d\d-/);
    expect(r.stdout).toMatch(/the old key is refused$/m);
    expect(envValue('tokenhub-chat', 'TOKENHUB_API_KEY')).not.toBe(old);
    expect(r.stdout).not.toContain(old);
  });

  it('keys rotate --no-wait returns at once and leaves the re-check to the app', async () => {
    const old = envValue('tokenhub-planner', 'TOKENHUB_API_KEY');
    // A call just before puts the old key in TokenHub's cache, so it is still accepted right after.
    const o = overview();
    const url = o.issuers[1]!.url;
    await fetch(`${url}/v1/plan`, { method: 'POST', headers: { authorization: `Bearer ${old}` } });
    const r = run(['keys', 'rotate', 'tokenhub-planner-key', '--no-wait']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/not waiting: the issuer's 3 s cache window ends at .*re-checks the old key/);
    expect(overview().rechecks.map((x) => x.secret)).toEqual(['tokenhub-planner-key']);
    // Once the window has passed, the next look (the app's overview) re-checks and clears it; how soon
    // depends on this machine's load, so wait for it rather than for a fixed time.
    await expect.poll(() => overview().rechecks, { timeout: 60_000, interval: 1_000 }).toEqual([]);
  });

  it('status --json carries the same keys as keys overview', () => {
    const s = run(['status', '--json']);
    const json = JSON.parse(s.stdout) as { keys: unknown };
    const fromStatus = KeysOverview.parse(json.keys);
    const fromKeys = overview();
    const states = (o: KeysOverview) => o.issuers.flatMap((i) => i.keys.map((k) => `${i.issuer}:${k.id}:${k.state}:${k.heldBy.map((h) => h.service).join('+')}`)).sort();
    expect(states(fromStatus)).toEqual(states(fromKeys));
  });
});
