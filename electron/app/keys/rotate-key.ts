/**
 * `keys.rotate` / `keyhive keys rotate SECRET` / the Rotate button on an issued-key secret: the
 * journaled zero-downtime rotation (../issued-key-rotation.ts). With `wait` (the default) it waits
 * out the issuer's cache window — reporting a countdown (`until` on the progress event) — and
 * re-checks that the old key is refused; without, it returns after the first check and says when
 * the window ends. The outcome lands in the activity log.
 */
import type { IssuedRotationResult } from '../../../shared/keys.js';
import { rotateIssuedKey } from '../rotation/issued-key-rotation.js';
import { accounts } from '../../core/secrets/secret-store.js';
import { cacheWindowSeconds, clockOfKeys, issuedSecret, type KeysContext } from './keys-context.js';
import { scheduleRecheck } from './recheck-old-key.js';

/** Slack on top of the cache window, so a re-check right at the end still fits in a waiting run. */
const WAIT_SLACK_MS = 5_000;

export async function rotateKey(ctx: KeysContext, req: { secret: string; wait?: boolean; oldKeyId?: string }): Promise<IssuedRotationResult> {
  const { issuer } = issuedSecret(ctx, req.secret);
  const windowS = cacheWindowSeconds(issuer);
  const wait = req.wait ?? true;
  const oldValue = wait ? null : await ctx.store.get(accounts.secret(ctx.workspace.id, req.secret));
  const out = await rotateIssuedKey({ ...ctx, maxCacheWaitMs: wait ? windowS * 1000 + WAIT_SLACK_MS : 0 }, { secret: req.secret, ...(req.oldKeyId ? { oldKeyId: req.oldKeyId } : {}) });
  // Not waiting and the issuer still accepts the old key: leave the re-check to the app (keys.overview runs it when due).
  if (!wait && out.ok && out.oldRefused !== true && oldValue) {
    const dueAt = out.recheckAt ?? new Date(clockOfKeys(ctx)().getTime() + windowS * 1000).toISOString();
    await scheduleRecheck(ctx, req.secret, oldValue, dueAt, out.oldPrefix);
    return { operationId: out.operationId, ok: out.ok, summary: out.summary, activityId: out.activityId, oldRefused: out.oldRefused, recheckAt: dueAt, cacheWindowSeconds: windowS };
  }
  return { operationId: out.operationId, ok: out.ok, summary: out.summary, activityId: out.activityId, oldRefused: out.oldRefused, recheckAt: out.recheckAt, cacheWindowSeconds: windowS };
}
