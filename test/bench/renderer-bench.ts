/**
 * Renderer benchmark (`npm run bench`, or alone: `npx tsx test/bench/renderer-bench.ts`).
 *   - the JavaScript the overview's first render loads: the real `keyhive web` on the bundled demo
 *     workspace (own data dir, a private keychain; started as the UI e2e tests start it, the demo
 *     copied by `keyhive status --demo`, which starts none of its systems) opened in Debian's
 *     Chromium; every script requested before the
 *     "Overview" heading is shown is summed (bytes of the bodies; web mode sends them as-is).
 *     Goal: ≤ 40% of the single bundle the UI shipped before the split, which this bench builds
 *     in the same run from the same sources (one chunk, electron-vite's defaults: unminified).
 *   - info: the time to that first render (median of the rounds), the minified single bundle,
 *     all chunks of the build, and what opening the Secrets view then loads.
 * Uses out/renderer (built first when missing or older than its sources).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { ensureBuild } from '../../electron/adapters/fs/ui-build.js';
import { launchChromium } from '../e2e/support/chromium.js';
import { startKeyhiveWeb, type KeyhiveWeb } from '../e2e/support/keyhive-web.js';
import { startKeyringDaemons } from '../support/keyring-session.js';
import { goalLine, median, msText } from './goal.js';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');
const ROUNDS = 5;
const GOAL_SHARE = 0.4;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Sum of the JS files of a build output directory. */
async function jsBytes(dir: string): Promise<{ total: number; files: number }> {
  let total = 0;
  let files = 0;
  for (const name of await readdir(join(dir, 'assets'))) {
    if (!name.endsWith('.js')) continue;
    total += (await stat(join(dir, 'assets', name))).size;
    files++;
  }
  return { total, files };
}

/** The single-bundle variant's sizes, built in a child process (see renderer-single-bundle.ts). */
async function singleBundle(): Promise<{ unminified: number; minified: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(REPO, 'test/bench/renderer-single-bundle.ts')], { cwd: REPO, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { unminified: number; minified: number };
}

interface FirstRender {
  scriptBytes: number;
  scripts: number;
  ms: number;
}

/** Opens the UI fresh (no cache) and sums the scripts requested before the overview is drawn. */
async function firstRender(page: Page, url: string): Promise<FirstRender> {
  const bodies: Array<Promise<number>> = [];
  let drawn = false;
  const onResponse = (res: import('playwright-core').Response) => {
    if (drawn || res.request().resourceType() !== 'script') return;
    bodies.push(res.body().then((b) => b.length));
  };
  page.on('response', onResponse);
  try {
    await page.goto(url);
    const at = await page.waitForFunction(() => (document.getElementById('overview-title')?.textContent === 'Overview' ? performance.now() : 0), undefined, { polling: 'raf', timeout: 60_000 });
    drawn = true;
    const ms = (await at.jsonValue()) as number;
    const sizes = await Promise.all(bodies);
    return { scriptBytes: sizes.reduce((a, b) => a + b, 0), scripts: sizes.length, ms };
  } finally {
    page.off('response', onResponse);
  }
}

/** Scripts fetched when the Secrets view is first opened after the overview (its lazy chunk). */
async function secretsViewBytes(page: Page): Promise<number> {
  const bodies: Array<Promise<number>> = [];
  const onResponse = (res: import('playwright-core').Response) => {
    if (res.request().resourceType() === 'script') bodies.push(res.body().then((b) => b.length));
  };
  page.on('response', onResponse);
  try {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Secrets' }).click();
    await page.getByRole('heading', { name: 'Secrets', level: 1 }).waitFor({ timeout: 30_000 });
    return (await Promise.all(bodies)).reduce((a, b) => a + b, 0);
  } finally {
    page.off('response', onResponse);
  }
}

/**
 * The demo workspace in `dataDir`, copied by the CLI in its own process: the demo's peer builder
 * (esbuild.buildSync) can hang inside a tsx-loaded process such as `npm run bench`.
 */
async function materializeDemoWorkspace(dataDir: string, env: Record<string, string>): Promise<string> {
  const file = join(dataDir, 'demo', 'keyhive.yaml');
  await run(process.execPath, ['electron/cli/keyhive.mjs', 'status', '--demo'], { cwd: REPO, env: { ...process.env, ...env, KEYHIVE_DATA_DIR: dataDir, NO_COLOR: '1' } }).catch(() => undefined); // exit 1: drift found, as expected
  await stat(file); // the demo must be there now
  return file;
}

/** `keyhive web` with the private keychain's environment (captured when it is spawned). */
function startWebWithKeyring(file: string, dataDir: string, env: Record<string, string>): Promise<KeyhiveWeb> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return startKeyhiveWeb(file, 60_000, dataDir); // spawns synchronously, so the env is restored right after
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export async function runRendererBench(): Promise<string[]> {
  const lines: string[] = [];
  const rendererDir = await ensureBuild(REPO, (l) => lines.push(`  build: ${l}`));
  const built = await jsBytes(rendererDir);
  const { unminified: before, minified: beforeMin } = await singleBundle();

  const dataDir = await mkdtemp(join(tmpdir(), 'kh-bench-renderer-'));
  const keyring = await startKeyringDaemons();
  let web: KeyhiveWeb | undefined;
  let ctx: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    const file = await materializeDemoWorkspace(dataDir, keyring.env);
    web = await startWebWithKeyring(file, dataDir, keyring.env);
    ctx = await launchChromium();
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // The printed URL's token works once; it sets the session cookie, later rounds reuse it.
    const rounds: FirstRender[] = [await firstRender(page, web.url)];
    for (let i = 1; i < ROUNDS; i++) rounds.push(await firstRender(page, `${web.origin}/`));
    const initial = Math.max(...rounds.map((r) => r.scriptBytes));
    const scripts = Math.max(...rounds.map((r) => r.scripts));
    const later = await secretsViewBytes(page);
    const share = initial / before;

    lines.push(`  single bundle as shipped before the split (unminified, one chunk): ${kb(before)}; minified: ${kb(beforeMin)}`);
    lines.push(`  this build: ${built.files} JS files, ${kb(built.total)} in all`);
    lines.push(`  overview first render: ${scripts} script(s), ${kb(initial)} (${((initial / built.total) * 100).toFixed(0)}% of this build's JS); opening Secrets then loads ${kb(later)}`);
    lines.push(`  of that cut, the split defers ${kb(beforeMin - initial)} (${(((beforeMin - initial) / beforeMin) * 100).toFixed(0)}% of the minified single bundle); minifying does the rest — react-dom and zod (every answer is validated) are needed by the first render`);
    lines.push(`  overview first render time (navigation start → heading drawn): ${msText(median(rounds.map((r) => r.ms)))} median of ${ROUNDS}, info only`);
    lines.push(
      goalLine({
        measure: 'renderer: initial JS for the overview',
        now: kb(initial),
        peer: `single bundle ${kb(before)}`,
        ratio: `${(share * 100).toFixed(1)}%`,
        goal: `≤ ${GOAL_SHARE * 100}% of the single bundle`,
        met: share <= GOAL_SHARE,
        ...(share <= GOAL_SHARE ? {} : { why: 'react-dom and zod (response validation) are needed by the first render and are most of the initial chunk' }),
      }),
    );
    return lines;
  } finally {
    await ctx?.close();
    await web?.stop();
    await web?.down();
    await keyring.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runRendererBench()) process.stdout.write(`${line}\n`);
}
