/**
 * The Keys view end to end, in Debian's Chromium, through the real `keyhive web` on a copy of the
 * demo set up by the real `keyhive demo` (Hogsend, TokenHub and HiveForge running natively, their
 * keys created through each admin API) with a 3-second cache window injected through the
 * workspace config. Per system: the list matches the admin API; the deliberate over-privileged
 * and expiring keys are flagged; a least-privilege key reaches its consumer and its probe passes;
 * revoking a key in use is refused; a rotation ends with the countdown and "old key refused".
 * `keyhive status --json` agrees with the view. No value reaches the page.
 * Writes the README pictures test/e2e/readme-keys-view.png and readme-keys-rotation.png.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { signJwt } from '../../electron/demo/peers/hiveforge/jwt.js';
import { launchChromium } from './support/chromium.js';
import { startKeyhiveWeb, type KeyhiveWeb } from './support/keyhive-web.js';
import { leaked, watchResponses, type ResponseLog } from './support/page-watch.js';
import { REPO, prepareUiWorkspace, secretLikeValues } from './support/ui-workspace.js';

const SHOTS = join(REPO, 'test-results', 'screenshots');
const CACHE_S = 3;

function cli(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['electron/cli/keyhive.mjs', ...args], { cwd: REPO, env: { ...process.env, KEYHIVE_DATA_DIR: dataDir, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the Keys view in Chromium on the demo (Hogsend, TokenHub, HiveForge)', () => {
  let dir: string;
  let file: string;
  let ports: Record<string, number>;
  let dataDir: string;
  let web: KeyhiveWeb;
  let ctx: BrowserContext;
  let page: Page;
  let responses: ResponseLog;
  const pageErrors: string[] = [];
  const envFiles = () =>
    ['hogsend', 'hogsend-monitor', 'hogsend-journeys', 'tokenhub', 'tokenhub-chat', 'tokenhub-planner', 'hiveforge', 'hiveforge-integration'].map((s) => join(dir, s, '.env'));
  const seen = new Set<string>();
  // Key values only (TOKENHUB_URL matches the name pattern too, and a URL is no secret).
  const remember = () => secretLikeValues(envFiles()).filter((v) => !/^https?:/.test(v)).forEach((v) => seen.add(v));
  const envValue = (svc: string, name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(readFileSync(join(dir, svc, '.env'), 'utf8'))?.[1] ?? '';
  const issuer = (name: string): Locator => page.locator(`section[data-issuer="${name}"]`);
  const rowNamed = (iss: string, name: string): Locator => issuer(iss).locator('tr[data-key-id]').filter({ has: page.getByRole('cell', { name, exact: true }) });
  const clearToasts = async () => {
    const b = page.getByRole('button', { name: 'Dismiss notification' });
    for (let i = 0; i < 10 && (await b.count()) > 0; i++) await b.first().click();
  };
  const openKeys = async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Keys' }).click();
    await issuer('hiveforge').locator('tr[data-key-id]').first().waitFor({ timeout: 30_000 });
  };

  /** Prefixes of the active keys, straight from each admin API (the truth the view must match). */
  async function adminPrefixes(name: 'hogsend' | 'tokenhub' | 'hiveforge'): Promise<string[]> {
    if (name === 'hogsend') {
      const r = await fetch(`http://127.0.0.1:${ports.hogsend}/v1/admin/api-keys`, { headers: { authorization: `Bearer ${envValue('hogsend', 'ADMIN_API_KEY')}` } });
      return ((await r.json()) as { data: { keyPrefix: string }[] }).data.map((k) => k.keyPrefix).sort();
    }
    if (name === 'tokenhub') {
      const r = await fetch(`http://127.0.0.1:${ports.tokenhub}/admin/v1/keys`, { headers: { authorization: `Bearer ${envValue('tokenhub', 'TOKENHUB_ADMIN_TOKEN')}` } });
      return ((await r.json()) as { keys: { prefix: string }[] }).keys.map((k) => k.prefix).sort();
    }
    const jwt = signJwt(envValue('hiveforge', 'HIVEFORGE_JWT_SECRET'), { sub: 'demo-owner', exp: Math.floor(Date.now() / 1000) + 600 });
    const r = await fetch(`http://127.0.0.1:${ports.hiveforge}/api/v1/api-keys`, { headers: { authorization: `Bearer ${jwt}` } });
    return ((await r.json()) as { api_keys: { key_prefix: string }[] }).api_keys.map((k) => k.key_prefix).sort();
  }
  const viewPrefixes = async (name: string, state = 'active') =>
    (await issuer(name).locator(`tr[data-key-id][data-state="${state}"] td:nth-child(2) code`).allTextContents()).map((t) => t.replace(/…$/, '')).sort();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const ws = await prepareUiWorkspace({ id: `ui-keys-${process.pid}`, cacheWindowSeconds: { hogsend: CACHE_S, tokenhub: CACHE_S } });
    ({ dir, file, ports } = ws);
    dataDir = mkdtempSync(join(tmpdir(), 'keyhive-ui-keys-data-'));
    const setUp = await cli(['demo', '--workspace', file], dataDir);
    expect(setUp.code, setUp.stderr + setUp.stdout).toBe(0);
    remember();
    web = await startKeyhiveWeb(file, 170_000, dataDir);
    ctx = await launchChromium();
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    responses = watchResponses(page);
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: 30_000 });
  }, 400_000);

  afterAll(async () => {
    await ctx?.close();
    await web?.stop();
    await web?.down();
  });

  it('the overview shows the four systems and the key debt at a glance, each with its fix', async () => {
    const panel = page.locator('section.key-debt');
    await panel.getByRole('status', { name: 'Key debt summary' }).waitFor({ timeout: 30_000 });
    await expect(panel.getByRole('status', { name: 'Key debt summary' }).textContent()).resolves.toMatch(/within 7: 1 .*past their rotation schedule: 1/);
    await expect(panel.locator('li[data-code="rotation-overdue"]').textContent()).resolves.toMatch(/tokenhub-planner-key's key is past its 30 days? rotation schedule by 1[45] days.*keyhive keys rotate tokenhub-planner-key.*Rotate/);
    await expect(panel.locator('li[data-code="broader-than-needed"]').textContent()).resolves.toMatch(/hogsend-monitor-key.*journey-admin.*Narrow/);
    for (const svc of ['hivecfm-hub', 'hogsend', 'tokenhub', 'hiveforge']) await expect(page.getByText(svc, { exact: true }).first().isVisible()).resolves.toBe(true);
  });

  it.each(['hogsend', 'tokenhub', 'hiveforge'] as const)('%s: the Keys view lists exactly the keys its admin API lists, with holders by fingerprint', async (name) => {
    await openKeys();
    expect(await viewPrefixes(name)).toEqual(await adminPrefixes(name));
    const held = issuer(name).locator('tr[data-key-id] .holders li');
    expect(await held.count()).toBeGreaterThan(0);
    await expect(held.first().locator('code.fp').textContent()).resolves.toMatch(/^[0-9a-f]{8}$/);
  });

  it('flags the over-privileged Hogsend key and the TokenHub key expiring within 7 days', async () => {
    await openKeys();
    await clearToasts();
    await page.screenshot({ path: join(REPO, 'test', 'e2e', 'readme-keys-view.png'), fullPage: true });
    await page.screenshot({ path: join(SHOTS, 'keys.png'), fullPage: true });
    const monitorWarn = issuer('hogsend').locator('tr.key-debt-row li[data-code="broader-than-needed"]');
    await expect(monitorWarn.textContent()).resolves.toMatch(/hogsend-monitor-key grants more than its consumer calls: journey-admin/);
    await expect(issuer('tokenhub').locator('tr.key-debt-row li[data-code="expiring-soon"]').textContent()).resolves.toMatch(/tokenhub-chat-key's key .* expires in [4-5] days/);
  });

  it('hogsend: creating a least-privilege key updates the consumer and its probe passes', async () => {
    await openKeys();
    const before = envValue('hogsend-monitor', 'HOGSEND_API_KEY');
    await issuer('hogsend').getByRole('button', { name: 'Create key…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('For').selectOption('hogsend-monitor-key');
    await dialog.getByRole('button', { name: 'Use least privilege' }).click();
    expect(await dialog.locator('input[data-scope="read"]').isChecked()).toBe(true);
    expect(await dialog.locator('input[data-scope="journey-admin"]').isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText(/Probe passed/).waitFor({ timeout: 60_000 });
    const after = envValue('hogsend-monitor', 'HOGSEND_API_KEY');
    seen.add(after);
    expect(after).not.toBe(before);
    expect((await (await fetch(`http://127.0.0.1:${ports.monitor}/check`)).json()) as object).toMatchObject({ ok: true, status: 200 });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await rowNamed('hogsend', 'hogsend-monitor-key (least privilege)').waitFor();
    await expect(rowNamed('hogsend', 'hogsend-monitor-key (least privilege)').locator('td').nth(2).textContent()).resolves.toBe('read');
  });

  it('tokenhub: a least-privilege key for the planner reaches its consumer and the probe passes', async () => {
    await openKeys();
    await issuer('tokenhub').getByRole('button', { name: 'Create key…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('For').selectOption('tokenhub-planner-key');
    await dialog.getByRole('button', { name: 'Use least privilege' }).click();
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText(/Probe passed/).waitFor({ timeout: 60_000 });
    seen.add(envValue('tokenhub-planner', 'TOKENHUB_API_KEY'));
    expect((await (await fetch(`http://127.0.0.1:${ports.planner}/check`)).json()) as object).toMatchObject({ ok: true });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it.each([
    ['hogsend', 'Journey worker'],
    ['tokenhub', 'Chat consumer'],
    ['hiveforge', 'Deploy integration'],
  ] as const)('%s: revoking a key in use is refused, naming its consumer', async (name, keyName) => {
    await openKeys();
    await rowNamed(name, keyName).getByRole('button', { name: 'Revoke…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('alert').first().textContent()).resolves.toMatch(/In use:/);
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(dialog.locator('.notice-error').textContent()).resolves.toMatch(/refused: .* still uses it/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await rowNamed(name, keyName).getAttribute('data-state')).toBe('active');
  });

  it.each(['hogsend', 'tokenhub'] as const)('%s: rotating ends with the cache-window countdown and "old key refused"', async (name) => {
    await openKeys();
    const secret = name === 'hogsend' ? 'hogsend-journeys-key' : 'tokenhub-chat-key';
    const svc = name === 'hogsend' ? 'hogsend-journeys' : 'tokenhub-chat';
    const varName = name === 'hogsend' ? 'HOGSEND_API_KEY' : 'TOKENHUB_API_KEY';
    const old = envValue(svc, varName);
    // Toasts float over the dialog in the README picture: clear them before it opens.
    await clearToasts();
    await issuer(name).locator(`tr[data-secret="${secret}"][data-state="active"]`).getByRole('button', { name: 'Rotate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Rotate now' }).click();
    const timer = dialog.getByRole('timer');
    await timer.waitFor({ timeout: 60_000 });
    await expect(timer.textContent()).resolves.toMatch(/Re-checking the old key in [1-9]\d* s|Re-checking the old key now/);
    if (name === 'tokenhub') await page.screenshot({ path: join(REPO, 'test', 'e2e', 'readme-keys-rotation.png'), fullPage: true });
    await dialog.getByText('Old key refused').waitFor({ timeout: 60_000 });
    expect(await dialog.locator('[data-old-refused]').getAttribute('data-old-refused')).toBe('true');
    const fresh = envValue(svc, varName);
    seen.add(fresh);
    expect(fresh).not.toBe(old);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity' }).click();
    await page.getByText(new RegExp(`Rotated ${secret}.*The old key is refused`)).first().waitFor({ timeout: 10_000 });
  });

  it('`keyhive status --json` and the Keys view agree on every key', async () => {
    await openKeys();
    const r = await cli(['status', '--json', '--workspace', file], dataDir);
    const json = JSON.parse(r.stdout) as {
      secrets: { name: string; issuer: { name: string; system: string } | null }[];
      keys: { issuers: { issuer: string; system: string; keys: { id: string; prefix: string; state: string; secret: string | null; heldBy: { service: string }[] }[] }[] };
    };
    // Each issued key's secret names the same issuer in the status as in the Keys view.
    const issuerOf = new Map(json.secrets.map((s) => [s.name, s.issuer]));
    const held = json.keys.issuers.flatMap((i) => i.keys.filter((k) => k.secret).map((k) => [k.secret, { name: i.issuer, system: i.system }] as const));
    expect(held.length).toBeGreaterThanOrEqual(4);
    for (const [secret, want] of held) expect(issuerOf.get(secret!), secret!).toEqual(want);
    expect(issuerOf.get('hivecfm-hub-api-key') ?? null).toBeNull();
    for (const i of json.keys.issuers) {
      const rows = issuer(i.issuer).locator('tr[data-key-id]');
      const view = await rows.evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-key-id'), state: tr.getAttribute('data-state'), prefix: tr.querySelector('td:nth-child(2) code')?.textContent?.replace(/…$/, '') })));
      expect(view.sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual(i.keys.map((k) => ({ id: k.id, state: k.state, prefix: k.prefix })).sort((a, b) => a.id.localeCompare(b.id)));
    }
  });

  it('never puts a key value in the page or an API response, and raises no page error', async () => {
    remember();
    const values = [...seen];
    expect(values.length).toBeGreaterThan(8);
    expect(leaked(await page.content(), values)).toEqual([]);
    await responses.settle();
    expect(leaked(responses.bodies.map((b) => b.body).join('\n'), values)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
