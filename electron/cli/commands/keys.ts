/**
 * `keyhive keys` — keys issued by a service's admin API (Hogsend, TokenHub, HiveForge).
 *   keys list   --issuer NAME [--all] [--json]
 *   keys create --issuer NAME --name N --scopes a,b [--secret S] [--expires ISO] [--reveal] [--json]
 *   keys overview [--json]                   (every issuer's keys, holders and debt: what the Keys view shows)
 *   keys revoke --issuer NAME ID [--force]  (refused while a binding holds the key, unless --force)
 *   keys rotate SECRET [--no-wait] [--old-key-id ID]  (waits out the cache window and re-checks the old key by default)
 *   keys credential --issuer NAME          (reads the admin credential from stdin)
 * Every subcommand takes --workspace FILE (default: found upwards) or --demo. A new key's plaintext goes
 * to the keychain (and the secret's .env files with --secret); it is printed only with --reveal.
 */
import type { Command } from 'commander';
import type { IssuedKey, ProgressEvent } from '../../../shared/domain.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { keysOverview } from '../../app/keys/overview.js';
import { rotateKey } from '../../app/keys/rotate-key.js';
import { keysCreate, keysList, keysRevoke, keysSetCredential } from '../../app/keys/keys-commands.js';
import type { KeysContext } from '../../app/keys/keys-context.js';
import { openKeysContext, type OpenedKeysContext } from '../../app/keys/keys-session.js';
import { EXIT_PROBLEM } from '../exit.js';
import { DEMO_OPTION_HELP, resolveWorkspaceFile, WORKSPACE_OPTION_HELP, type WorkspaceOptions } from '../workspace-option.js';
import { cliContext } from '../cli-context.js';
import { parseScopeList } from './scopes.js';

const out = (line: string): void => void process.stdout.write(line + '\n');
const ws = (c: Command): Command => c.option('-w, --workspace <file>', WORKSPACE_OPTION_HELP).option('--demo', DEMO_OPTION_HELP);

async function withContext<T>(where: WorkspaceOptions, fn: (ctx: OpenedKeysContext) => Promise<T>, extra?: Partial<KeysContext>): Promise<T> {
  const ctx = await openKeysContext(await resolveWorkspaceFile(where), { ...(await cliContext()), ...(extra ? { extra } : {}) });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

function describeKey(k: IssuedKey): string {
  const state = k.revokedAt ? `revoked ${k.revokedAt.slice(0, 10)}` : k.enabled ? 'active' : 'disabled';
  const expires = k.expiresAt ? `expires ${k.expiresAt.slice(0, 10)}` : 'no expiry';
  const used = k.lastUsedAt ? `last used ${k.lastUsedAt.slice(0, 10)}` : 'never used';
  return `${k.id}  ${k.prefix}…  ${k.name}  [${k.scopes.join(', ') || 'all'}]  ${state}, ${expires}, ${used}`;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new KeyhiveError('BAD_INPUT', 'the credential is read from stdin, never from the command line', {
      fix: 'pipe it in: printf %s "$ADMIN_TOKEN" | keyhive keys credential --issuer NAME',
    });
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function register(program: Command): void {
  const keys = program.command('keys').description('list, create, revoke and rotate keys issued by Hogsend, TokenHub or HiveForge');

  ws(keys.command('list').description("list an issuer's keys (prefixes only)"))
    .requiredOption('--issuer <name>', 'an issuer of the workspace')
    .option('--all', 'include revoked keys')
    .option('--json', 'print JSON')
    .action(async (opts: { issuer: string; all?: boolean; json?: boolean; workspace?: string }) => {
      const list = await withContext(opts, (ctx) => keysList(ctx, { issuer: opts.issuer, includeRevoked: opts.all === true }));
      if (opts.json) out(JSON.stringify(list, null, 2));
      else if (list.length === 0) out(`no ${opts.all ? '' : 'active '}keys`);
      else list.forEach((k) => out(describeKey(k)));
    });

  ws(keys.command('create').description('create a key; it goes to the keychain (and the secret\'s .env files with --secret)'))
    .requiredOption('--issuer <name>', 'an issuer of the workspace')
    .requiredOption('--name <name>', 'a name that says what the key is for')
    .requiredOption('--scopes <list>', 'comma-separated scopes ("" = none: all endpoints on TokenHub)')
    .option('--secret <secret>', 'store it as this workspace secret and write it to its bindings')
    .option('--expires <iso>', 'expiry date (ISO 8601)')
    .option('--reveal', 'also print the key itself (it is shown once)')
    .option('--json', 'print JSON')
    .action(async (opts: { issuer: string; name: string; scopes: string; secret?: string; expires?: string; reveal?: boolean; json?: boolean; workspace?: string }) => {
      if (opts.expires !== undefined && Number.isNaN(Date.parse(opts.expires))) {
        throw new KeyhiveError('BAD_INPUT', `--expires "${opts.expires}" is not a date`, { fix: 'use ISO 8601, e.g. 2027-01-31T00:00:00Z' });
      }
      await withContext(opts, async (ctx) => {
        const r = await keysCreate(ctx, {
          issuer: opts.issuer,
          name: opts.name,
          scopes: parseScopeList(opts.scopes),
          ...(opts.secret ? { secret: opts.secret } : {}),
          ...(opts.expires ? { expiresAt: new Date(opts.expires).toISOString() } : {}),
        });
        const revealed = opts.reveal ? await ctx.store.get(r.storedAs ?? '') : null;
        if (opts.json) out(JSON.stringify({ ...r, ...(revealed ? { plaintext: revealed } : {}) }, null, 2));
        else {
          out(`created ${r.key.id}  ${r.key.prefix}…  [${r.key.scopes.join(', ') || 'all'}]`);
          out(`stored in the keychain as ${r.storedAs}${opts.secret ? ` and written to ${opts.secret}'s bindings` : ''}`);
          if (revealed) out(`key: ${revealed}`);
        }
      });
    });

  ws(keys.command('overview').description("every issuer's keys: state, scopes, which bindings hold them, expiry and rotation debt"))
    .option('--json', 'print JSON (the same as the Keys view)')
    .action(async (opts: { json?: boolean; workspace?: string }) => {
      const o = await withContext(opts, (ctx) => keysOverview(ctx));
      if (opts.json) return out(JSON.stringify(o, null, 2));
      for (const i of o.issuers) {
        out(`${i.issuer} (${i.system}, ${i.url})${i.credential.expiresAt ? ` — credential expires ${i.credential.expiresAt}` : ''}`);
        if (i.error) out(`  cannot list: ${i.error.message}${i.error.fix ? ` — ${i.error.fix}` : ''}`);
        for (const k of i.keys) out(`  ${describeKey(k)}${k.heldBy.length ? `  held by ${k.heldBy.map((h) => `${h.service}:${h.var} (${h.fingerprint ?? '?'})`).join(', ')}` : ''}`);
      }
      for (const d of o.debt) out(`! ${d.message} — ${d.fix}`);
      if (o.debt.length || o.issuers.some((i) => i.error)) process.exitCode = EXIT_PROBLEM;
    });

  ws(keys.command('revoke').description('revoke a key by id (refused while a workspace binding still holds it)'))
    .requiredOption('--issuer <name>', 'an issuer of the workspace')
    .argument('<id>', 'the key id (see `keys list`)')
    .option('--force', 'revoke even though a binding still uses it (that consumer will get 401)')
    .action(async (id: string, opts: { issuer: string; force?: boolean; workspace?: string }) => {
      const r = await withContext(opts, (ctx) => keysRevoke(ctx, { issuer: opts.issuer, id, force: opts.force === true }));
      out(`revoked ${id}${r.heldBy.length ? ` (forced: ${r.heldBy.join(', ')} still used it)` : ''}`);
    });

  ws(keys.command('rotate').description('rotate an issued key with no downtime (new key → consumers → probe → revoke old)'))
    .argument('<secret>', 'a workspace secret with an `issuer:`')
    .option('--no-wait', "return without waiting out the issuer's cache window (Hogsend 60 s, TokenHub 5 min); the app re-checks the old key later")
    .option('--old-key-id <id>', 'the key being replaced, when its prefix is ambiguous')
    .action(async (secret: string, opts: { wait: boolean; oldKeyId?: string; workspace?: string }) => {
      const onProgress = (e: ProgressEvent): void => {
        if (e.state !== 'pending') out(`  ${e.label}: ${e.state}${e.detail ? ` — ${e.detail}` : ''}${e.until ? ` (until ${e.until})` : ''}`);
      };
      const result = await withContext(opts, (ctx) => rotateKey(ctx, { secret, wait: opts.wait, ...(opts.oldKeyId ? { oldKeyId: opts.oldKeyId } : {}) }), { onProgress });
      out(result.summary);
      if (result.oldRefused === true) out('the old key is refused');
      else if (!opts.wait && result.recheckAt) out(`not waiting: the issuer's ${result.cacheWindowSeconds} s cache window ends at ${result.recheckAt}; Keyhive re-checks the old key after that (the Keys view, keyhive keys overview)`);
      else if (result.oldRefused === false) out(`the old key is still accepted${result.recheckAt ? ` — the issuer may cache it until ${result.recheckAt}` : ''}`);
      if (!result.ok || (opts.wait && result.oldRefused === false)) process.exitCode = EXIT_PROBLEM;
    });

  ws(keys.command('credential').description("store an issuer's admin credential in the keychain (read from stdin)"))
    .requiredOption('--issuer <name>', 'an issuer of the workspace')
    .action(async (opts: { issuer: string; workspace?: string }) => {
      const credential = await readStdin();
      const r = await withContext(opts, (ctx) => keysSetCredential(ctx, { issuer: opts.issuer, credential }));
      out(`stored the admin credential for ${opts.issuer} in the keychain as ${r.account}`);
    });
}
