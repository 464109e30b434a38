/**
 * `keyhive restart|up|down|logs`: control the workspace's services in its run mode.
 *   restart SERVICE…        recreate (Docker: ONE `up -d --force-recreate --no-deps`) or restart
 *                           the process group, so the current .env values are live; waits ready
 *   up [SERVICE…]           start what is not running (all runnable services by default)
 *   down [SERVICE…]         stop and remove them
 *   logs SERVICE [--lines N]
 * All take --workspace FILE (default: found upwards), --demo and --mode docker|native.
 * Exit 0 ok, 1 a service failed / Docker unavailable, 2 bad usage or unknown service.
 */
import type { Command } from 'commander';
import type { RunMode } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { readWorkspace, type Workspace } from '../../app/workspace/workspace-file.js';
import { ensureDemoImages } from '../../app/demo/demo-workspace.js';
import { DEMO_OPTION_HELP, resolveWorkspaceFile, WORKSPACE_OPTION_HELP } from '../workspace-option.js';
import { createServiceController, reportServices, selectServices } from '../../app/services/service-control.js';

interface CommonOptions {
  workspace?: string;
  demo?: boolean;
  mode?: string;
}

const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

async function open(opts: CommonOptions): Promise<{ workspace: Workspace; mode: RunMode }> {
  const file = await resolveWorkspaceFile(opts);
  const workspace = await readWorkspace(file);
  if (opts.mode !== undefined && opts.mode !== 'docker' && opts.mode !== 'native') {
    throw new KeyhiveError('BAD_INPUT', `--mode must be docker or native, not "${opts.mode}"`, { fix: 'Use --mode docker or --mode native.' });
  }
  const mode = (opts.mode as RunMode | undefined) ?? workspace.config.runMode;
  if (opts.demo && mode === 'docker') await ensureDemoImages();
  return { workspace, mode };
}

function withCommon(cmd: Command): Command {
  return cmd
    .option('--workspace <file>', WORKSPACE_OPTION_HELP)
    .option('--demo', DEMO_OPTION_HELP)
    .option('--mode <mode>', 'run mode to use: docker or native (default: the workspace runMode)');
}

async function withController<T>(fn: (c: ReturnType<typeof createServiceController>) => Promise<T>): Promise<T> {
  const controller = createServiceController();
  try {
    return await fn(controller);
  } finally {
    await controller.close();
  }
}

async function printStates(controller: ReturnType<typeof createServiceController>, workspace: Workspace, names: string[], mode: RunMode): Promise<void> {
  const services = selectServices(workspace, names, mode);
  const width = Math.max(0, ...services.map((s) => s.name.length));
  for (const r of await reportServices(controller, services, mode)) {
    const health = r.state.healthy === null ? '' : r.state.healthy ? ', healthy' : ', NOT healthy';
    out(`  ${r.service.padEnd(width)}  ${r.state.running ? 'running' : 'stopped'}${health} — ${r.state.detail}`);
  }
}

export function register(program: Command): void {
  withCommon(program.command('restart').description('make the current .env values live: recreate (Docker) or restart (native) the services, then wait until ready'))
    .argument('<service...>', 'services to restart, as named in keyhive.yaml')
    .action(async (names: string[], opts: CommonOptions) => {
      const { workspace, mode } = await open(opts);
      const services = selectServices(workspace, names, mode);
      await withController(async (c) => {
        out(`restarting ${services.map((s) => s.name).join(', ')} (${mode}) …`);
        await c.applyEnv(services, mode, (p) => out(`  ${p.service}: ${p.step}${p.detail ? ` (${p.detail})` : ''}`));
        await printStates(c, workspace, names, mode);
      });
    });

  withCommon(program.command('up').description('start the services that are not running (all by default), then wait until ready'))
    .argument('[service...]', 'services to start (default: every service that can run in this mode)')
    .action(async (names: string[], opts: CommonOptions) => {
      const { workspace, mode } = await open(opts);
      const services = selectServices(workspace, names, mode);
      if (services.length === 0) throw new KeyhiveError('BAD_INPUT', `no service in the workspace can run in ${mode} mode`, { file: workspace.file, fix: `Add ${mode}: sections to the services in keyhive.yaml.` });
      await withController(async (c) => {
        out(`starting ${services.map((s) => s.name).join(', ')} (${mode}) …`);
        await c.up(services, mode);
        await printStates(c, workspace, names, mode);
      });
    });

  withCommon(program.command('down').description('stop the services (all by default)'))
    .argument('[service...]', 'services to stop (default: every service that can run in this mode)')
    .action(async (names: string[], opts: CommonOptions) => {
      const { workspace, mode } = await open(opts);
      const services = selectServices(workspace, names, mode);
      await withController(async (c) => {
        await c.down(services, mode);
        out(`stopped ${services.map((s) => s.name).join(', ') || 'nothing'} (${mode})`);
      });
    });

  withCommon(program.command('logs').description("print a service's last log lines"))
    .argument('<service>', 'the service, as named in keyhive.yaml')
    .option('--lines <n>', 'how many lines (default 100)', '100')
    .action(async (name: string, opts: CommonOptions & { lines: string }) => {
      const lines = Number(opts.lines);
      if (!/^\d+$/.test(opts.lines) || !Number.isSafeInteger(lines)) throw new KeyhiveError('BAD_INPUT', `--lines must be a whole number, not "${opts.lines}"`, { fix: 'Use e.g. --lines 50.' });
      const { workspace, mode } = await open(opts);
      const [svc] = selectServices(workspace, [name], mode);
      await withController(async (c) => {
        for (const line of await c.logs(svc!, mode, lines)) out(line);
      });
    });
}
