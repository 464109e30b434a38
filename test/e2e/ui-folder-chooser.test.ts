/**
 * "No workspace yet" in web mode, end to end: the real `keyhive web` (no workspace, HOME set to
 * a temp tree) in Debian's Chromium. Proves: "Choose folder…" opens the directory chooser at
 * the home folder, hidden folders and node_modules are not listed, badges say what a folder
 * holds, the keyboard walks in and out, and "Use this folder" writes keyhive.yaml there and
 * shows the overview. No .env value reaches any API response.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { leaked, watchResponses, type ResponseLog } from './support/page-watch.js';
import { REPO } from './support/ui-workspace.js';

const VALUE = 'hub-chooser-e2e-0123456789abcdef0123456789abcdef';

function makeHome(): string {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'keyhive-chooser-home-')));
  const put = (rel: string, text: string) => {
    mkdirSync(join(home, rel, '..'), { recursive: true });
    writeFileSync(join(home, rel), text);
  };
  put('code/hive/hivecfm-hub/.env', `API_KEY=${VALUE}\n`);
  put('code/hive/hivecfm-core/.env', `HIVECFM_HUB_API_KEY=${VALUE}\nHIVECFM_HUB_URL=http://127.0.0.1:4010\n`);
  put('code/stack/compose.yaml', 'services:\n  web:\n    image: nginx\n');
  for (const d of ['.config', '.cache', 'node_modules', 'code/node_modules', 'code/.git']) mkdirSync(join(home, d), { recursive: true });
  return home;
}

/** `keyhive web` with no workspace, HOME pointing at `home`; resolves the printed URL. */
function startWeb(home: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ['electron/cli/keyhive.mjs', 'web', '--port', '0'], {
    cwd: REPO,
    env: { ...process.env, HOME: home, KEYHIVE_DATA_DIR: mkdtempSync(join(tmpdir(), 'keyhive-chooser-data-')), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*token=\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`keyhive web exited (${code}) before printing a URL:\n${out}`)));
  });
  return { child, url };
}

describe('choosing a folder in web mode (Chromium, real engine)', () => {
  let home: string;
  let web: ReturnType<typeof startWeb>;
  let ctx: BrowserContext;
  let page: Page;
  let responses: ResponseLog;

  beforeAll(async () => {
    home = makeHome();
    web = startWeb(home);
    const url = await web.url;
    ctx = await launchChromium();
    page = await ctx.newPage();
    responses = watchResponses(page);
    await page.goto(url);
    await page.getByRole('heading', { name: 'No workspace yet' }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await ctx?.close();
    const pid = web?.child.pid;
    if (pid !== undefined && web.child.exitCode === null) {
      const exited = new Promise<void>((r) => web.child.once('exit', () => r()));
      process.kill(-pid, 'SIGTERM');
      await exited;
    }
  });

  it('lists the home folder without hidden folders or node_modules, and walks in with the keyboard', async () => {
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose a folder' });
    const list = dialog.getByRole('listbox', { name: `Folders in ${home}`, exact: true });
    await list.waitFor();
    expect(await list.getByRole('option').allTextContents()).toEqual(['code']);
    expect(await list.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    const code = dialog.getByRole('listbox', { name: `Folders in ${join(home, 'code')}`, exact: true });
    await code.waitFor();
    expect(await code.getByRole('option').allTextContents()).toEqual(['hive', 'stackcompose']);

    await page.keyboard.press('Backspace'); // back up, then in again
    await list.waitFor();
    await page.keyboard.press('Enter');
    await code.waitFor();
    await page.keyboard.press('Enter'); // hive is selected first
    const hive = dialog.getByRole('listbox', { name: `Folders in ${join(home, 'code', 'hive')}`, exact: true });
    await hive.waitFor();
    expect(await hive.getByRole('option').allTextContents()).toEqual(['hivecfm-core.env', 'hivecfm-hub.env']);
  });

  it('creates keyhive.yaml in the chosen folder and shows the overview', async () => {
    await page.getByRole('dialog').getByRole('button', { name: 'Use this folder' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: 60_000 });
    expect(existsSync(join(home, 'code', 'hive', 'keyhive.yaml'))).toBe(true);
    await responses.settle();
    const browses = responses.bodies.filter((b) => b.url.includes('/api/workspace.browse'));
    expect(browses.length).toBeGreaterThanOrEqual(4);
    expect(leaked(responses.bodies.map((b) => b.body).join('\n'), [VALUE])).toEqual([]);
  });
});
