/**
 * The demo set-up on the real reference servers, run natively: every system starts, the admin
 * credentials land in the keychain, each issued key is created through its system's admin API
 * (scopes and expiry as planned, relative to the injected clock), written to its consumer, and the
 * consumer — restarted — is accepted by its issuer. A second run keeps the keys.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openOperation, type OpenedOperation } from '../../../electron/app/sync/apply-change-ports.js';
import { setUpDemo, type DemoSetUpReport } from '../../../electron/app/demo/set-up-demo.js';
import { DEFAULT_DEMO_PORTS, materializeDemo, type DemoPorts } from '../../../electron/app/demo/demo-workspace.js';
import { keysContextOf } from '../../../electron/app/keys/keys-session.js';
import { keysList } from '../../../electron/app/keys/keys-commands.js';
import type { KeysContext } from '../../../electron/app/keys/keys-context.js';
import { selectServices } from '../../../electron/app/services/service-control.js';
import { parseEnv } from '../../../electron/core/env/index.js';
import { MemorySecretStore } from '../../support/fakes/memory-secret-store.js';
import { freePort } from '../../support/free-port.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

// The clock the set-up reads: a day that is not today, so nothing depends on the real date.
// One instant for the whole run, taken from the clock the reference servers run on (they check the
// HiveForge owner's JWT against it): a fixed calendar date here would expire the day the suite runs past it.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const DAY = 86_400_000;

describe('setUpDemo (four systems natively, keys through their admin APIs)', () => {
  let op: OpenedOperation;
  let keys: KeysContext;
  let ports: DemoPorts;
  let report: DemoSetUpReport;
  let dir: string;

  beforeAll(async () => {
    ports = { ...DEFAULT_DEMO_PORTS };
    for (const k of Object.keys(ports) as (keyof DemoPorts)[]) ports[k] = await freePort();
    const root = mkdtempSync(join(tmpdir(), 'kh-demo-setup-'));
    const file = await materializeDemo(join(root, 'demo'), { ports, id: `demo-setup-${process.pid}` });
    dir = join(root, 'demo');
    op = await openOperation(file, { store: new MemorySecretStore(), dataDir: join(root, 'data') });
    keys = keysContextOf(op.ports, op.dataDir);
    report = await setUpDemo(op, keys, { now: () => NOW });
  });

  afterAll(async () => {
    if (op) {
      await op.controller.down(selectServices(op.session.workspace, [], 'native'), 'native');
      await op.close();
    }
  });

  it('starts every service of the four systems', () => {
    expect([...report.started].sort()).toEqual(
      ['hivecfm-hub', 'hivecfm-core', 'hogsend', 'hogsend-monitor', 'hogsend-journeys', 'tokenhub', 'tokenhub-chat', 'tokenhub-planner', 'hiveforge', 'hiveforge-integration'].sort(),
    );
  });

  it('creates each key through its admin API, with the planned scopes and expiry, and writes it to the consumer only', async () => {
    expect(report.created.map((c) => c.secret)).toEqual(['hogsend-monitor-key', 'hogsend-journeys-key', 'tokenhub-chat-key', 'tokenhub-planner-key', 'hiveforge-integration-key']);
    const hogsend = await keysList(keys, { issuer: 'hogsend' });
    expect(hogsend.map((k) => [k.name, k.scopes])).toEqual([
      ['Monitoring job', ['journey-admin']],
      ['Journey worker', ['journey-admin']],
    ]);
    const tokenhub = await keysList(keys, { issuer: 'tokenhub' });
    const chat = tokenhub.find((k) => k.name === 'Chat consumer')!;
    expect(Date.parse(chat.expiresAt!) - NOW.getTime()).toBe(5 * DAY);
    const planner = tokenhub.find((k) => k.name === 'Planning consumer')!;
    expect(planner).toMatchObject({ rotationDays: 30, lastRotatedAt: null, createdAt: new Date(NOW.getTime() - 45 * DAY).toISOString() }); // past its schedule
    const hiveforge = await keysList(keys, { issuer: 'hiveforge' });
    expect(hiveforge.map((k) => [k.prefix.slice(0, 8), k.scopes])).toEqual([['hf_test_', ['deployments:read']]]);
    const monitorEnv = parseEnv(readFileSync(join(dir, 'hogsend-monitor', '.env'), 'utf8')).values;
    expect(monitorEnv.HOGSEND_API_KEY?.startsWith(hogsend[0]!.prefix)).toBe(true);
    expect(report.created.find((c) => c.secret === 'hogsend-monitor-key')?.prefix).toBe(hogsend[0]!.prefix);
  });

  it('leaves every consumer accepted by its issuer (they were restarted with their key)', async () => {
    for (const port of [ports.monitor, ports.journeys, ports.chat, ports.planner, ports.integration]) {
      const r = await fetch(`http://127.0.0.1:${port}/check`);
      expect({ port, status: r.status, body: await r.json() }).toMatchObject({ status: 200, body: { ok: true } });
    }
  });

  it('keeps the keys on a second run', async () => {
    const again = await setUpDemo(op, keys, { now: () => NOW });
    expect(again.created).toEqual([]);
    expect(again.kept).toHaveLength(5);
  });
});
