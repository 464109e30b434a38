/**
 * `keyhive demo` (also run by `keyhive web --demo` and `npm start`): brings the bundled demo to
 * life — every service of the four systems running natively, the admin credentials in the
 * keychain, and the issued keys created through each admin API and written to their consumers
 * (DEMO_KEYS). Idempotent: a key the issuer still lists is kept; a key the issuer lost (a peer
 * restarted with an empty store) or never made is created again. Values never leave the
 * keychain and the consumers' .env files; the report names prefixes only.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import { DEMO_HIVEFORGE_OWNER, DEMO_JWT_HOURS, DEMO_KEYS, type DemoKeyPlan } from '../../demo/demo-keys.js';
import { signJwt } from '../../demo/peers/hiveforge/jwt.js';
import { accounts } from '../../core/secrets/secret-store.js';
import type { ResolvedService } from '../../core/workspace/workspace.js';
import { openOperation, type OpenedOperation } from '../sync/apply-change-ports.js';
import type { ContextOptions } from '../context/shell-context.js';
import { clientFor, credentialAccount, type KeysContext } from '../keys/keys-context.js';
import { keysContextOf } from '../keys/keys-session.js';
import { readBindingValue } from '../keys/probe-keys.js';
import { keyForValue } from '../keys/scopes.js';

const DAY_MS = 86_400_000;

export interface DemoSetUpReport {
  started: string[];
  created: { secret: string; prefix: string }[];
  kept: string[];
}

export interface DemoSetUpOptions {
  now?: () => Date;
  progress?: (line: string) => void;
}

/** The demo's issued-key consumers: the services holding a DEMO_KEYS secret. */
function consumersOf(op: OpenedOperation, plans: readonly DemoKeyPlan[]): ResolvedService[] {
  const ws = op.session.workspace;
  const names = new Set(plans.flatMap((p) => ws.config.secrets[p.secret]?.bindings.map((b) => b.service) ?? []));
  return [...names].map((n) => ws.services.get(n)).filter((s): s is ResolvedService => s !== undefined && s.config.native !== undefined);
}

async function envValue(op: OpenedOperation, service: string, varName: string): Promise<string | null> {
  const svc = op.session.workspace.services.get(service);
  return svc ? ((await readBindingValue(svc, varName))?.value ?? null) : null;
}

/** Admin credentials: the secrets that are credentials come from their service's .env; HiveForge's JWT is signed for the demo owner. */
async function ensureCredentials(op: OpenedOperation, keys: KeysContext, now: Date): Promise<void> {
  const ws = op.session.workspace;
  for (const [name, issuer] of Object.entries(ws.config.issuers)) {
    const account = credentialAccount(keys, name);
    if (issuer.credentialSecret) {
      if (await op.session.store.get(account)) continue;
      const server = ws.config.secrets[issuer.credentialSecret]?.bindings.find((b) => b.role === 'server');
      if (!server) throw new KeyhiveError('WORKSPACE_INVALID', `the demo's ${issuer.credentialSecret} has no server binding`);
      await op.session.importSecret(issuer.credentialSecret, server.service);
    } else if (issuer.system === 'hiveforge' && issuer.service) {
      const secret = await envValue(op, issuer.service, 'HIVEFORGE_JWT_SECRET');
      if (!secret) throw new KeyhiveError('NOT_FOUND', `the demo's ${issuer.service}/.env has no HIVEFORGE_JWT_SECRET`, { fix: 'delete the demo folder and open the demo again' });
      const exp = Math.floor(now.getTime() / 1000) + DEMO_JWT_HOURS * 3600;
      await op.session.store.set(accounts.issuerCredential(ws.config.id, name), signJwt(secret, { sub: DEMO_HIVEFORGE_OWNER.id, org: DEMO_HIVEFORGE_OWNER.org, role: DEMO_HIVEFORGE_OWNER.role, exp }));
    }
  }
}

/** Creates the plan's key unless the keychain value is one the issuer still lists as active. */
async function ensureKey(keys: KeysContext, plan: DemoKeyPlan, now: Date): Promise<{ created: boolean; prefix: string }> {
  const client = await clientFor(keys, plan.issuer);
  const current = await keys.store.get(accounts.secret(keys.workspace.id, plan.secret));
  const listed = keyForValue(await client.list(), current);
  if (listed && listed.revokedAt === null) return { created: false, prefix: listed.prefix };
  const expiresAt = plan.expiresInDays === null ? null : new Date(now.getTime() + plan.expiresInDays * DAY_MS).toISOString();
  const { key, plaintext } = await client.create({ name: plan.name, scopes: plan.scopes, expiresAt });
  if (plan.rotation) {
    if (!client.setRotationSchedule) throw new KeyhiveError('INTERNAL', `${plan.issuer} has no rotation schedule (demo plan for ${plan.secret})`);
    const createdAt = new Date(now.getTime() - plan.rotation.createdDaysAgo * DAY_MS).toISOString();
    await client.setRotationSchedule(key.id, plan.rotation.everyDays, { createdAt });
  }
  await keys.syncValue(plan.secret, plaintext);
  return { created: true, prefix: key.prefix };
}

export async function setUpDemo(op: OpenedOperation, keys: KeysContext, opts: DemoSetUpOptions = {}): Promise<DemoSetUpReport> {
  const now = (opts.now ?? (() => new Date()))();
  const say = opts.progress ?? (() => {});
  const ws = op.session.workspace;
  if (ws.config.runMode !== 'native') {
    throw new KeyhiveError('BAD_INPUT', 'the demo set-up runs the systems natively', { file: ws.file, fix: 'switch the demo to native run mode first: keyhive services --mode native --demo up' });
  }
  const plans = DEMO_KEYS.filter((p) => ws.config.secrets[p.secret] && ws.config.issuers[p.issuer]);
  const consumers = consumersOf(op, plans);
  const systems = [...ws.services.values()].filter((s) => s.config.native && !consumers.includes(s));
  say(`starting ${systems.map((s) => s.name).join(', ')}`);
  await op.controller.up(systems, 'native');
  await ensureCredentials(op, keys, now);
  const report: DemoSetUpReport = { started: systems.map((s) => s.name), created: [], kept: [] };
  for (const plan of plans) {
    const r = await ensureKey(keys, plan, now);
    if (r.created) report.created.push({ secret: plan.secret, prefix: r.prefix });
    else report.kept.push(plan.secret);
    say(`${plan.secret}: ${r.created ? 'created' : 'kept'} ${r.prefix}… (${plan.issuer})`);
  }
  // Consumers read their key at start: (re)start them so the keys just written are live.
  if (report.created.length > 0) await op.controller.restart(consumers, 'native');
  else await op.controller.up(consumers, 'native');
  report.started.push(...consumers.map((s) => s.name));
  return report;
}

/** Opens the demo workspace, sets it up, closes it (the CLI, web mode and the desktop app call this). */
export async function setUpDemoWorkspace(file: string, context: ContextOptions, opts: DemoSetUpOptions = {}): Promise<DemoSetUpReport> {
  const op = await openOperation(file, context);
  try {
    return await setUpDemo(op, keysContextOf(op.ports, op.dataDir), opts);
  } finally {
    await op.close();
  }
}
