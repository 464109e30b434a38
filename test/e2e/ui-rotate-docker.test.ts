/**
 * Rotation from the UI with the demo services in Docker Compose (the private engine the global
 * set-up starts): one click, every step shown, ends green, and both containers hold the new key.
 * Skips loudly when no Docker engine is available.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { runCompose } from '../../electron/adapters/docker/compose-cli.js';
import { describeDocker } from '../support/describe-docker.js';
import { launchChromium } from './support/chromium.js';
import { startKeyhiveWeb, type KeyhiveWeb } from './support/keyhive-web.js';
import { REPO, prepareUiWorkspace, type UiWorkspace } from './support/ui-workspace.js';

const SECRET = 'hivecfm-hub-api-key';
const PROJECT = `kh-ui-${process.pid}`;

describeDocker('the UI rotates a key with the services in Docker', () => {
  let ws: UiWorkspace;
  let web: KeyhiveWeb;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ws = await prepareUiWorkspace({ runMode: 'docker', project: PROJECT });
    const { ensureDemoImages } = await import('../../electron/app/demo/demo-workspace.js');
    await ensureDemoImages();
    web = await startKeyhiveWeb(ws.file);
    ctx = await launchChromium();
    page = await ctx.newPage();
    await page.goto(web.url);
    await page.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await ctx?.close();
    await web?.stop();
    if (ws) await runCompose({ composeFile: join(ws.dir, 'docker-compose.yml'), project: PROJECT }, ['down', '-v'], 120_000).catch(() => undefined);
  });

  it('shows each step and ends green, with the new key in both files', async () => {
    const started = await page.evaluate(async () => {
      const r = await fetch('/api/services.restart', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ services: ['hivecfm-hub', 'hivecfm-core'] }) });
      return (await r.json()) as { ok: boolean; value?: { ok: boolean; summary: string }; error?: { message: string } };
    });
    expect(started.ok && started.value?.ok, JSON.stringify(started)).toBe(true);
    const before = readFileSync(join(ws.dir, 'hivecfm-hub', '.env'), 'utf8');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Secrets' }).click();
    await page.getByRole('button', { name: `Rotate ${SECRET}` }).click();
    const dialog = page.getByRole('dialog', { name: `Rotate ${SECRET}` });
    await dialog.getByRole('button', { name: 'Rotate now' }).click();
    const progress = dialog.getByRole('region', { name: 'Rotation progress' });
    await progress.locator('.progress-outcome', { hasText: /Completed|Failed/ }).waitFor({ timeout: 110_000 });
    const steps = await progress.locator('li.step').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-state')}: ${e.textContent}`));
    await page.screenshot({ path: join(REPO, 'test-results', 'screenshots', 'rotate-docker.png') });
    expect(await progress.locator('.progress-outcome').textContent(), steps.join('\n')).toBe('Completed');
    expect(steps.some((s) => /^done: .*(Recreate|restart)/i.test(s)), steps.join('\n')).toBe(true);
    const hubKey = /^API_KEY=(.*)$/m.exec(readFileSync(join(ws.dir, 'hivecfm-hub', '.env'), 'utf8'))![1]!;
    const coreKey = /^HIVECFM_HUB_API_KEY=(.*)$/m.exec(readFileSync(join(ws.dir, 'hivecfm-core', '.env'), 'utf8'))![1]!;
    expect(hubKey).toBe(coreKey);
    expect(before).not.toContain(hubKey);
    expect(await page.content()).not.toContain(hubKey);
  });
});
