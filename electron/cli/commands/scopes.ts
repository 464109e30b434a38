/**
 * `keyhive scopes` — scope reasoning for issued keys.
 *   keyhive scopes SECRET [--endpoint "METHOD /path"] [--workspace FILE] [--json]
 *       the key's scopes as a tree (from the issuer when reachable, else keyhive.yaml), least
 *       privilege for the secret's declared endpoints, warnings, and whether it covers an endpoint.
 *   keyhive scopes expand --system hogsend|tokenhub|hiveforge [SCOPE…] [--json]
 *   keyhive scopes check --system NAME --scopes A,B --endpoint "METHOD /path" [--json]
 *       exit 0 covered, 1 not covered (the missing scope named), 2 unknown system/scope/endpoint.
 * The last two need no workspace and no server.
 */
import type { Command } from 'commander';
import type { IssuerSystem } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { issuerSystemNamed, scopesCheck, scopeTreeLines, scopesExpand, scopesForSecret } from '../../app/keys/scopes.js';
import { openKeysContext } from '../../app/keys/keys-session.js';
import { DEMO_OPTION_HELP, resolveWorkspaceFile, WORKSPACE_OPTION_HELP } from '../workspace-option.js';
import { cliContext } from '../cli-context.js';
import { EXIT_PROBLEM } from '../exit.js';

const out = (line: string): void => void process.stdout.write(line + '\n');

function systemOf(raw: string | undefined): IssuerSystem {
  if (!raw) throw new KeyhiveError('BAD_INPUT', 'missing --system', { fix: 'add --system hogsend, --system tokenhub or --system hiveforge' });
  return issuerSystemNamed(raw);
}

/** "a,b" → ["a","b"]; "" → [] (no scopes; for TokenHub that means every endpoint). */
export function parseScopeList(raw: string): string[] {
  return raw
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function printCheck(r: { endpoint: string; covered: boolean; missing: string | null; reason: string }, json: boolean): void {
  if (json) out(JSON.stringify(r));
  else if (r.covered) out(`covered: ${r.reason}`);
  else out(`NOT covered: missing scope ${r.missing} — ${r.reason}`);
  if (!r.covered) process.exitCode = EXIT_PROBLEM;
}

export function register(program: Command): void {
  const scopes = program.command('scopes').description("show an issued key's scopes, or expand and check scopes for a system");

  // `keyhive scopes SECRET …` runs this default subcommand.
  scopes
    .command('show', { isDefault: true })
    .description("the key's scopes as a tree, least privilege, warnings, and whether it covers --endpoint")
    .argument('[secret]', 'a workspace secret with an `issuer:`')
    .option('--endpoint <endpoint>', 'check whether the key covers "METHOD /path"')
    .option('-w, --workspace <file>', WORKSPACE_OPTION_HELP)
    .option('--demo', DEMO_OPTION_HELP)
    .option('--json', 'print JSON')
    .action(async (secret: string | undefined, opts: { endpoint?: string; workspace?: string; demo?: boolean; json?: boolean }) => {
      if (!secret) throw new KeyhiveError('BAD_INPUT', 'name a secret, or use `scopes expand` / `scopes check`', { fix: 'run `keyhive scopes --help`' });
      const ctx = await openKeysContext(await resolveWorkspaceFile(opts), await cliContext());
      const info = await scopesForSecret(ctx, { secret }).finally(() => ctx.close());
      const check = opts.endpoint ? scopesCheck({ system: info.system, scopes: info.scopes, endpoint: opts.endpoint }) : null;
      if (opts.json) {
        out(JSON.stringify({ ...info, check }, null, 2));
      } else {
        out(`${secret} (${info.system})${info.key ? ` key ${info.key.prefix}… ${info.key.id}` : ''}`);
        out(`scopes: ${info.scopes.length ? info.scopes.join(', ') : '(none)'}`);
        for (const line of scopeTreeLines(info.tree)) out(`  ${line}`);
        if (info.leastPrivilege) out(`least privilege for the declared endpoints: ${info.leastPrivilege.join(', ') || '(none)'}`);
        for (const w of info.warnings) out(`warning: ${w}`);
      }
      if (check) {
        if (!opts.json) printCheck(check, false);
        else if (!check.covered) process.exitCode = EXIT_PROBLEM;
      }
    });

  scopes
    .command('expand')
    .description('print everything a scope list grants for a system')
    .requiredOption('--system <system>', 'hogsend, tokenhub or hiveforge')
    .argument('[scopes...]', 'scopes (none = an empty list)')
    .option('--json', 'print a sorted JSON array')
    .action((list: string[], opts: { system: string; json?: boolean }) => {
      const system = systemOf(opts.system);
      const expanded = scopesExpand({ system, scopes: list.flatMap(parseScopeList) });
      if (opts.json) out(JSON.stringify([...expanded].sort()));
      else out(expanded.length ? expanded.join('\n') : '(no scopes)');
    });

  scopes
    .command('check')
    .description('check whether a scope list covers an endpoint (exit 1 when not, naming the missing scope)')
    .requiredOption('--system <system>', 'hogsend, tokenhub or hiveforge')
    .requiredOption('--scopes <list>', 'comma-separated scopes; "" = no scopes')
    .requiredOption('--endpoint <endpoint>', '"METHOD /path", e.g. "GET /v1/admin/contacts"')
    .option('--json', 'print JSON')
    .action((opts: { system: string; scopes: string; endpoint: string; json?: boolean }) => {
      const system = systemOf(opts.system);
      printCheck(scopesCheck({ system, scopes: parseScopeList(opts.scopes), endpoint: opts.endpoint }), opts.json === true);
    });
}
