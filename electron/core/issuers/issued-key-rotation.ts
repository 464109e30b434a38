/**
 * Zero-downtime rotation of an issued key, as ONE journaled flow on the generic step machine
 * (../rotation/step-machine.ts). Two variants, chosen at start and kept in the journal (`mode`):
 *
 *  create-switch (Hogsend, HiveForge — no in-place rotation):
 *    create new key (same scopes) → write it to every consumer → restart consumers →
 *    probe the new key [commit point] → revoke the old key → check the old key is refused
 *    (after the issuer's cache window) → clean up the kept values.
 *  in-place (TokenHub's own rotate endpoint):
 *    rotate [commit point: the old secret is gone] → write → restart → probe →
 *    check the old key is refused → clean up.
 *
 * Crash safety: the old value is kept in the keychain (`backup`) and the new one (`pending`)
 * from the moment it exists; the journal holds only ids, prefixes and names. Before the commit
 * point a crash rolls back: the consumers get the old value again and the new key is revoked
 * (found by id, or by its unique name if the crash came before the id was journaled). After it,
 * recovery finishes the remaining steps.
 */
import type { Flow, FlowStep, StepIo } from '../rotation/step-machine.js';
import { isAccepted, isRefused, type IssuedRotationContext, type IssuedRotationData } from './rotation-context.js';
import { createStep, probeNewStep, revokeOldStep, rotateInPlaceStep, type Ctx } from './issued-key-rotation-steps.js';

const dataOf = (io: StepIo): IssuedRotationData => io.record.data as unknown as IssuedRotationData;

const writeStep: FlowStep<Ctx> = {
  id: 'write-consumers',
  label: 'Write the new key to every consumer',
  async forward(ctx, io) {
    const value = await ctx.store.get(ctx.accounts.pending);
    if (!value) throw new Error('the new key is not in the keychain any more; cannot write it');
    io.progress(await ctx.writeConsumers(value));
  },
  async compensate(ctx, io) {
    const old = await ctx.store.get(ctx.accounts.backup);
    if (old) io.progress(await ctx.writeConsumers(old));
  },
};

const restartStep: FlowStep<Ctx> = {
  id: 'restart-consumers',
  label: 'Restart the consumers',
  async forward(ctx, io) {
    io.progress(await ctx.restartConsumers());
  },
};

const verifyOldStep: FlowStep<Ctx> = {
  id: 'verify-old-refused',
  label: 'Check the old key is refused',
  async forward(ctx, io) {
    const data = dataOf(io);
    const old = await ctx.store.get(ctx.accounts.backup);
    if (!old) return io.progress('the old value is no longer kept; nothing to check');
    const probeOld = async () => {
      const wait = ctx.spacer.delayMs(ctx.now());
      if (wait > 0) await ctx.sleep(wait);
      const a = await ctx.client.probe(old, ctx.probeEndpoint);
      ctx.spacer.record(a, ctx.now());
      return a;
    };
    let answer = await probeOld();
    const window = ctx.cacheWindowMs;
    // Wait out the issuer's cache window when this run may, then re-check: a key refused here may
    // still be accepted by another instance of the issuer until its cache entry expires.
    const endsAt = (data.oldRetiredAt ?? ctx.now()) + window;
    const left = endsAt - ctx.now();
    if (window > 0 && left > 0 && left <= ctx.maxCacheWaitMs) {
      const until = new Date(endsAt).toISOString();
      io.setData({ recheckAfter: until });
      io.progress(
        isRefused(answer)
          ? `the old key is refused here; ${ctx.system} may still accept it elsewhere for its ${window / 1000} s cache window — re-checking when it ends`
          : `the old key is still accepted (${ctx.system} caches keys for ${window / 1000} s); checking again after the cache window`,
        { until },
      );
      await ctx.sleep(left + 500);
      answer = await probeOld();
    }
    if (isRefused(answer)) {
      io.setData({ oldStillAccepted: false });
      return io.progress('the old key is refused (401)');
    }
    const until = new Date((data.oldRetiredAt ?? ctx.now()) + window).toISOString();
    io.setData({ oldStillAccepted: isAccepted(answer), recheckAfter: until });
    io.progress(
      isAccepted(answer)
        ? `the old key is STILL accepted (${answer.status}); ${window > 0 ? `${ctx.system} may cache it until ${until}; ` : ''}check again later with \`keyhive keys list --issuer …\``
        : `the old key got ${answer.status ?? 'no answer'} instead of 401`,
    );
  },
};

const cleanupStep: FlowStep<Ctx> = {
  id: 'cleanup',
  label: 'Forget the kept old and new values',
  async forward(ctx) {
    await ctx.store.delete(ctx.accounts.backup);
    await ctx.store.delete(ctx.accounts.pending);
  },
};

async function afterRollback(ctx: Ctx, io: StepIo): Promise<void> {
  const restarted = io.record.steps.some((s) => s.id === 'restart-consumers' && s.state !== 'pending');
  const rewritten = io.record.steps.some((s) => (s.id === 'write-consumers' || s.id === 'rotate') && s.state !== 'pending');
  if (restarted || rewritten) io.progress(await ctx.restartConsumers());
}

export function issuedKeyRotationFlow(mode: IssuedRotationData['mode']): Flow<IssuedRotationContext> {
  const steps =
    mode === 'in-place'
      ? [rotateInPlaceStep, writeStep, restartStep, probeNewStep(false), verifyOldStep, cleanupStep]
      : [createStep, writeStep, restartStep, probeNewStep(true), revokeOldStep, verifyOldStep, cleanupStep];
  return { operation: 'rotate-issued', steps, afterRollback };
}
