/**
 * Opening the bundled demo, as `keyhive app --demo`, `keyhive web --demo` and the desktop app's
 * own `--demo` do it: copy the demo into the data dir (from the sources in a checkout, from the
 * prebuilt out/demo in a packaged app), start the four systems and create their keys. A set-up
 * failure is reported, not fatal: the UI still opens and shows what is not running.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import type { ContextOptions } from '../context/shell-context.js';
import { demoDirIn, materializeDemo } from './demo-workspace.js';
import { setUpDemoWorkspace } from './set-up-demo.js';

/** Returns the demo's keyhive.yaml; `say` gets one line per stage (no secret values). */
export async function openDemo(say: (line: string) => void, context: ContextOptions): Promise<string> {
  say('keyhive: preparing the bundled demo workspace…');
  const file = await materializeDemo(demoDirIn(context.dataDir));
  say('keyhive: starting the four systems and creating their keys…');
  try {
    const report = await setUpDemoWorkspace(file, context);
    say(`keyhive: demo running (${report.started.length} services; keys created: ${report.created.length}, kept: ${report.kept.length})`);
  } catch (e) {
    const fix = e instanceof KeyhiveError && e.fix ? ` — ${e.fix}` : '';
    say(`keyhive: the demo could not be fully set up: ${e instanceof Error ? e.message : String(e)}${fix}. Opening the UI anyway; \`keyhive demo\` retries.`);
  }
  return file;
}
