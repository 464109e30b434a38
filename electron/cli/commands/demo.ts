/**
 * `keyhive demo [--workspace FILE]` — brings the bundled demo to life: the HiveCFM hub and core,
 * Hogsend, TokenHub and HiveForge and their consumers running natively, the admin credentials in
 * the keychain, and the issued keys created through each admin API (prefixes printed, never
 * values). Idempotent. `keyhive web --demo` and `npm start` run it too.
 */
import type { Command } from 'commander';
import { setUpDemoWorkspace } from '../../app/demo/set-up-demo.js';
import { demoDirIn, materializeDemo } from '../../app/demo/demo-workspace.js';
import { cliContext } from '../cli-context.js';

const out = (line: string): void => void process.stdout.write(line + '\n');

export function register(program: Command): void {
  program
    .command('demo')
    .description('start the bundled demo (four systems, natively) and create its issued keys through their admin APIs')
    .option('--workspace <file>', 'a copy of the demo workspace (default: the one in the data dir)')
    .option('--json', 'print JSON')
    .action(async (opts: { workspace?: string; json?: boolean }) => {
      const context = await cliContext();
      const file = opts.workspace ?? (await materializeDemo(demoDirIn(context.dataDir)));
      const report = await setUpDemoWorkspace(file, context, { progress: opts.json ? undefined : (l) => out(`  ${l}`) });
      if (opts.json) return out(JSON.stringify({ workspace: file, ...report }, null, 2));
      out(`demo ready: ${file}`);
      out(`running: ${report.started.join(', ')}`);
      out(`keys created: ${report.created.map((c) => `${c.secret} (${c.prefix}…)`).join(', ') || 'none'}; kept: ${report.kept.join(', ') || 'none'}`);
    });
}
