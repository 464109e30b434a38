/**
 * Electronegativity (Doyensec's Electron security scanner) over the desktop sources —
 * electron/main, electron/preload and renderer — scanned together so its global checks
 * (navigation limits, permission handler, CSP) see the whole app. Zero high-severity findings.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Finding {
  id: string;
  severity: { name: string };
  file: string;
}
type Run = (opts: Record<string, unknown>) => Promise<{ issues: Finding[]; errors: Array<{ file: string; message: string; tolerable: boolean }>; atomicChecks: number }>;
const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
const root = new URL('../../', import.meta.url).pathname;

/**
 * Runs the scanner programmatically and keeps its JSON result (next to the scanned copy, for
 * humans). Its own CSV writer races two unawaited writes, so the JSON result is what we assert on.
 */
async function scan(dir: string) {
  const result = await run({ input: dir, isRelative: true, electronVersionOverride: '41.7.1' });
  const report = join(dir, '..', 'electronegativity.json');
  const findings = result.issues.map((i) => ({ id: i.id, severity: i.severity.name, file: i.file }));
  writeFileSync(report, JSON.stringify(findings, null, 2));
  return { result, findings: JSON.parse(readFileSync(report, 'utf8')) as Array<{ id: string; severity: string; file: string }> };
}

describe('electronegativity', () => {
  it('finds nothing of high severity in main, preload and renderer', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'keyhive-electronegativity-')), 'app');
    cpSync(join(root, 'electron/main'), join(dir, 'main'), { recursive: true });
    cpSync(join(root, 'electron/preload'), join(dir, 'preload'), { recursive: true });
    cpSync(join(root, 'renderer'), join(dir, 'renderer'), { recursive: true });
    const { result, findings } = await scan(dir);
    expect(result.atomicChecks).toBeGreaterThan(10);
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
    expect(findings.filter((f) => f.severity === 'HIGH')).toEqual([]);
    // The global checks saw our handlers: navigation limits and the permission handler exist.
    expect(findings.map((f) => f.id)).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(findings.map((f) => f.id)).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
  }, 120_000);

  it('does flag an insecure window (the scanner really parses our TypeScript)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'keyhive-electronegativity-bad-')), 'app');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'bad.ts'),
      "import { BrowserWindow } from 'electron';\nconst w: BrowserWindow = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\nexport { w };\n",
    );
    const { findings } = await scan(dir);
    expect(findings).toContainEqual({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', file: 'bad.ts' });
    expect(findings.map((f) => f.id)).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
  }, 120_000);
});
