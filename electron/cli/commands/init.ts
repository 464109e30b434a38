/**
 * `keyhive init [DIR] [--preset NAME] [--force] [--name NAME] [--depth N] [--json]`
 * Writes DIR/keyhive.yaml from a preset or from the Compose and .env files found under DIR.
 * Prints what it found and wrote — variable names and paths, never a value. Refuses to replace
 * an existing keyhive.yaml unless --force (the old one is kept in Keyhive's backups).
 */
import { Command, Option } from 'commander';
import { initWorkspace, PRESET_NAMES } from '../../app/workspace/init-workspace.js';
import { KeyhiveError } from '../../../shared/errors.js';

const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

interface InitFlags {
  preset?: string;
  force?: boolean;
  name?: string;
  depth?: string;
  json?: boolean;
}

function depthOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 12) throw new KeyhiveError('BAD_INPUT', `--depth must be a whole number from 0 to 12, got "${raw}".`, { fix: 'e.g. --depth 4 (the default).' });
  return n;
}

async function runInit(dir: string | undefined, flags: InitFlags): Promise<void> {
  const result = await initWorkspace({ dir: dir ?? '.', preset: flags.preset, force: flags.force, name: flags.name, maxDepth: depthOf(flags.depth) });
  const { config } = result.workspace;
  if (flags.json) {
    out(
      JSON.stringify({
        file: result.file,
        id: config.id,
        replaced: result.replaced,
        backupId: result.backupId,
        found: result.found,
        services: Object.keys(config.services),
        secrets: Object.fromEntries(Object.entries(config.secrets).map(([n, s]) => [n, s.bindings.map((b) => `${b.service}:${b.var}`)])),
        warnings: result.warnings,
      }),
    );
    return;
  }
  out(`${result.replaced ? 'Replaced' : 'Wrote'} ${result.file}${result.backupId ? ` (previous file backed up as ${result.backupId})` : ''}`);
  out(`  workspace id: ${config.id}`);
  out(`  found: ${result.found.composeFiles.length} compose file(s), ${result.found.envFiles.length} .env file(s)${result.found.templates.length ? `, ${result.found.templates.length} template(s) ignored` : ''}`);
  const services = Object.entries(config.services);
  out(`  services (${services.length}):`);
  for (const [name, svc] of services) out(`    ${name}  ${svc.dir}  [${svc.envFiles.join(', ')}]${svc.docker ? `  compose: ${svc.docker.service}` : ''}`);
  const secrets = Object.entries(config.secrets);
  out(`  secrets (${secrets.length}):`);
  for (const [name, s] of secrets) out(`    ${name}  (${s.format})  ${s.bindings.map((b) => `${b.service}:${b.var}${b.role === 'server' ? ' [server]' : ''}`).join(' ↔ ')}`);
  for (const w of result.warnings) out(`  ! ${w}`);
  out('Next: review the file, then run `keyhive status` to see drift.');
}

export function register(program: Command): void {
  program
    .command('init')
    .description('Create keyhive.yaml for a project folder, from a preset or from the Compose and .env files found there (never writes a value).')
    .argument('[dir]', 'the project folder (default: the current folder)')
    .addOption(new Option('--preset <name>', 'start from a known system').choices([...PRESET_NAMES]))
    .option('--force', 'replace an existing keyhive.yaml (the old one is backed up)')
    .option('--name <name>', 'workspace name (default: the folder name)')
    .option('--depth <n>', 'how many folder levels to search (default 4)')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string | undefined, flags: InitFlags) => {
      await runInit(dir, flags);
    });
}
