/**
 * The re-check a rotation left to the app (`keyhive keys rotate --no-wait`): when the old key was
 * still accepted because of the issuer's cache window, its value stays in the keychain
 * (`<ws>/.rotation-recheck/<secret>`) and a record (secret, due time, prefix — never the value)
 * in `<data dir>/rechecks/<ws>.json`. `recheckDueKeys` — run by keys.overview, so the app does it
 * whenever it looks at keys — probes each old key once its window has passed: refused → the kept
 * value is forgotten; the outcome goes to the activity log either way.
 */
import { writeFileDurably } from '../../adapters/fs/durable-write.js';
import { ensureDir, readTextOrNull } from '../../adapters/fs/file-facts.js';
import { dirname, join } from 'node:path';
import { probeEndpointFor } from '../../core/issuers/probe-endpoint.js';
import { isRefused } from '../../core/issuers/rotation-context.js';
import { clientFor, clockOfKeys, issuedSecret, type KeysContext } from './keys-context.js';

export interface PendingRecheck {
  secret: string;
  dueAt: string;
  oldPrefix: string | null;
}

const recheckAccount = (ws: string, secret: string): string => `${ws}/.rotation-recheck/${secret}`;
const fileOf = (ctx: KeysContext): string => join(ctx.dataDir, 'rechecks', `${ctx.workspace.id}.json`);

export async function pendingRechecks(ctx: KeysContext): Promise<PendingRecheck[]> {
  const text = await readTextOrNull(fileOf(ctx));
  try {
    return text === null ? [] : (JSON.parse(text) as PendingRecheck[]);
  } catch {
    return [];
  }
}

async function save(ctx: KeysContext, list: PendingRecheck[]): Promise<void> {
  const file = fileOf(ctx);
  await ensureDir(dirname(file));
  await writeFileDurably(file, JSON.stringify(list, null, 2));
}

/** Keeps the old value and schedules its re-check (called when a no-wait rotation found it still accepted). */
export async function scheduleRecheck(ctx: KeysContext, secret: string, oldValue: string, dueAt: string, oldPrefix: string | null): Promise<void> {
  await ctx.store.set(recheckAccount(ctx.workspace.id, secret), oldValue);
  const list = (await pendingRechecks(ctx)).filter((p) => p.secret !== secret);
  await save(ctx, [...list, { secret, dueAt, oldPrefix }]);
}

/** Re-checks every due old key; returns what it found, in words (also in the activity log). */
export async function recheckDueKeys(ctx: KeysContext): Promise<string[]> {
  const now = clockOfKeys(ctx)().getTime();
  const list = await pendingRechecks(ctx);
  const due = list.filter((p) => Date.parse(p.dueAt) <= now);
  if (due.length === 0) return [];
  const done = new Set<string>();
  const said: string[] = [];
  for (const p of due) {
    const account = recheckAccount(ctx.workspace.id, p.secret);
    const old = await ctx.store.get(account);
    if (!old) {
      done.add(p.secret);
      continue;
    }
    const { config, issuerName, issuer } = issuedSecret(ctx, p.secret);
    const endpoint = probeEndpointFor(issuer.system, config.scopes ?? [], [...(config.probes?.smoke ? [config.probes.smoke] : []), ...(config.endpoints ?? [])]);
    const answer = await (await clientFor(ctx, issuerName)).probe(old, endpoint);
    const refused = isRefused(answer);
    const summary = refused
      ? `Re-checked ${p.secret} after the cache window: the old key ${p.oldPrefix ?? ''}… is refused.`
      : `Re-checked ${p.secret} after the cache window: the old key ${p.oldPrefix ?? ''}… is STILL accepted (${answer.status ?? 'no answer'}) — revoke it at the issuer.`;
    said.push(summary);
    await ctx.activity?.append({ kind: 'rotate', secret: p.secret, summary });
    await ctx.store.delete(account);
    done.add(p.secret);
  }
  await save(ctx, list.filter((p) => !done.has(p.secret)));
  return said;
}
