/**
 * The issuer-specific steps of the issued-key rotation flow: creating the new key (or rotating in
 * place), probing it, revoking the old one. Each is idempotent and safe to compensate after a
 * crash at any point (see issued-key-rotation.ts).
 */
import { isKeyhiveError } from '../../../shared/errors.js';
import type { FlowStep, StepIo } from '../rotation/step-machine.js';
import { isAccepted, type IssuedRotationContext, type IssuedRotationData } from './rotation-context.js';

export type Ctx = IssuedRotationContext;
const dataOf = (io: StepIo): IssuedRotationData => io.record.data as unknown as IssuedRotationData;
const is404 = (e: unknown): boolean => isKeyhiveError(e) && / 404 /.test(e.message);

/** Keeps the old value in the keychain before anything changes. */
async function keepOld(ctx: Ctx): Promise<void> {
  if (await ctx.store.get(ctx.accounts.backup)) return;
  const current = await ctx.store.get(ctx.accounts.current);
  if (!current) throw new Error(`${ctx.secret} has no keychain entry to rotate from`);
  await ctx.store.set(ctx.accounts.backup, current);
}

async function revokeQuietly(ctx: Ctx, id: string): Promise<void> {
  try {
    await ctx.client.revoke(id);
  } catch (e) {
    if (!is404(e)) throw e;
  }
}

export const createStep: FlowStep<Ctx> = {
  id: 'create',
  label: 'Create the new key with the same scopes',
  async forward(ctx, io) {
    const data = dataOf(io);
    await keepOld(ctx);
    const expiresAt = data.lifetimeMs ? new Date(ctx.now() + data.lifetimeMs).toISOString() : undefined;
    const { key, plaintext } = await ctx.client.create({ name: data.newName, scopes: data.scopes, ...(expiresAt ? { expiresAt } : {}) });
    await ctx.store.set(ctx.accounts.pending, plaintext);
    io.setData({ newKeyId: key.id, newPrefix: key.prefix });
    await io.saveNow();
    io.progress(`created ${key.prefix}… (${key.id}) with [${key.scopes.join(', ')}]`);
  },
  async compensate(ctx, io) {
    const data = dataOf(io);
    const ids = new Set<string>(data.newKeyId ? [data.newKeyId] : []);
    // A crash between the issuer's answer and the journal: find the key by its unique name.
    for (const k of await ctx.client.list()) if (k.name === data.newName && k.id !== data.oldKeyId) ids.add(k.id);
    for (const id of ids) await revokeQuietly(ctx, id);
    if (ids.size) io.progress(`revoked the new key${ids.size > 1 ? 's' : ''} ${[...ids].join(', ')}`);
    await ctx.store.delete(ctx.accounts.pending);
    await ctx.store.delete(ctx.accounts.backup);
  },
};

export const rotateInPlaceStep: FlowStep<Ctx> = {
  id: 'rotate',
  label: 'Rotate the key in place (the issuer\'s rotate endpoint)',
  commits: true,
  async forward(ctx, io) {
    const data = dataOf(io);
    if (!data.oldKeyId || !ctx.client.rotate) throw new Error('in-place rotation needs the key id and an issuer with a rotate endpoint');
    await keepOld(ctx);
    const { key, plaintext } = await ctx.client.rotate(data.oldKeyId);
    await ctx.store.set(ctx.accounts.pending, plaintext);
    io.setData({ newKeyId: key.id, newPrefix: key.prefix, oldRetiredAt: ctx.now() });
    io.progress(`rotated to ${key.prefix}…`);
  },
  /** The old secret cannot come back once the issuer rotated: give the consumers the new one. */
  async compensate(ctx, io) {
    const data = dataOf(io);
    if (!data.oldKeyId || !ctx.client.rotate) return;
    let pending = await ctx.store.get(ctx.accounts.pending);
    if (!pending) {
      const now = (await ctx.client.list()).find((k) => k.id === data.oldKeyId);
      const rotated = (now?.lastRotatedAt ?? null) !== (data.lastRotatedBefore ?? null);
      if (!rotated) {
        await ctx.store.delete(ctx.accounts.backup);
        return;
      }
      pending = (await ctx.client.rotate(data.oldKeyId)).plaintext;
      await ctx.store.set(ctx.accounts.pending, pending);
    }
    io.progress(`the issuer had already rotated the key: ${await ctx.writeConsumers(pending)}`);
    await ctx.store.delete(ctx.accounts.pending);
    await ctx.store.delete(ctx.accounts.backup);
  },
};

/** Probe the new key; on a 429 wait as told (at most 2 minutes) and try once more. */
export function probeNewStep(commits: boolean): FlowStep<Ctx> {
  return {
    id: 'probe-new',
    label: 'Probe the issuer with the new key',
    commits,
    async forward(ctx, io) {
      const value = await ctx.store.get(ctx.accounts.pending);
      if (!value) throw new Error('the new key is not in the keychain any more');
      for (let attempt = 0; attempt < 2; attempt++) {
        const wait = ctx.spacer.delayMs(ctx.now());
        if (wait > 120_000) throw new Error(`${ctx.system} asks to wait ${Math.ceil(wait / 1000)} s before the next call (rate limit)`);
        if (wait > 0) {
          io.progress(`waiting ${Math.ceil(wait / 1000)} s for ${ctx.system}'s rate limit`);
          await ctx.sleep(wait);
        }
        const a = await ctx.client.probe(value, ctx.probeEndpoint);
        ctx.spacer.record(a, ctx.now());
        if (isAccepted(a)) return io.progress(`${ctx.probeEndpoint.method} ${ctx.probeEndpoint.path} answered ${a.status} with the new key`);
        if (a.status !== 429) throw new Error(`${ctx.probeEndpoint.method} ${ctx.probeEndpoint.path} answered ${a.status ?? 'nothing'} with the new key${a.message ? `: ${a.message}` : ''}`);
      }
      throw new Error(`${ctx.system} kept answering 429 (rate limit) to the probe`);
    },
  };
}

export const revokeOldStep: FlowStep<Ctx> = {
  id: 'revoke-old',
  label: 'Revoke the old key',
  async forward(ctx, io) {
    const data = dataOf(io);
    if (!data.oldKeyId) return io.progress('the old key is not one the issuer lists (e.g. a legacy env key): not revoked');
    await revokeQuietly(ctx, data.oldKeyId);
    io.setData({ oldRetiredAt: data.oldRetiredAt ?? ctx.now() });
    io.progress(`revoked ${data.oldPrefix ?? ''}… (${data.oldKeyId})`);
  },
};
