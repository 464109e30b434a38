/**
 * One-step sync: write one value to the keychain and to every binding, as one transaction.
 *   1. take the value (keychain, a service's current value, or a given value) and check its format;
 *   2. plan: every file each service may read that assigns the variable (see
 *      electron/core/drift/targets.ts), or its base file; check them all;
 *   3. write them (atomic, conflict-checked, backed up); a failed write puts back the ones
 *      already written and leaves the keychain unchanged;
 *   4. keep the keychain's previous value under an undo account, store the new value;
 *   5. log the change (fingerprints, files, backup ids — never a value).
 */
import { KeyhiveError } from '../../shared/errors.js';
import { environmentOverride } from '../core/compose/index.js';
import { filesForMode, syncTargets } from '../core/drift/index.js';
import { setValue } from '../core/env/index.js';
import { keyFormats } from '../core/keys/index.js';
import { accounts } from '../core/secrets/secret-store.js';
import type { UndoData } from './activity-log.js';
import { checkFormat, contentMac, currentValue, rootFor, secretConfig, serviceOf, type SyncContext, type SyncOutcome } from './sync-context.js';
import { applyWrites, planWrites, restoreWritten, type FileEdit } from './sync-transaction.js';

export type SyncSource = 'keychain' | { service: string } | { value: string };

export interface SyncOptions {
  /** Write a value that fails the secret's format. */
  force?: boolean;
}

const describeSource = (from: SyncSource): string =>
  from === 'keychain' ? 'the keychain' : 'service' in from ? `${from.service}'s value` : 'a given value';

export async function syncSecret(ctx: SyncContext, secret: string, from: SyncSource, opts: SyncOptions = {}): Promise<SyncOutcome> {
  const config = secretConfig(ctx.workspace, secret);
  const wsId = ctx.workspace.config.id;
  const account = accounts.secret(wsId, secret);
  await ctx.keychain.fingerprintKey();
  const before = await ctx.store.get(account);

  let value: string;
  if (from === 'keychain') {
    if (before === null || before === '') {
      throw new KeyhiveError('KEYCHAIN_MISSING', `The keychain has no value for ${secret}.`, {
        fix: `Take one from a service first: keyhive import ${secret} --from ${config.bindings[0]?.service ?? '<service>'} (or keyhive sync ${secret} --from <service>).`,
      });
    }
    value = before;
  } else if ('service' in from) {
    value = await currentValue(ctx, secret, from.service);
  } else {
    value = from.value;
    if (value === '') throw new KeyhiveError('BAD_INPUT', `Refusing to sync an empty value into ${secret}.`, { fix: 'Give a non-empty value.' });
  }
  const formats = keyFormats(ctx.workspace.config);
  if (formats.has(config.format)) checkFormat(formats.validate(config.format, value), secret, config.format, opts.force === true);

  // Plan the edits: group by file, since two bindings may share one.
  const { world } = await ctx.reader.snapshot({ runtime: false });
  const byFile = new Map<string, { vars: string[]; root: string; create: boolean }>();
  for (const b of config.bindings) {
    const service = serviceOf(ctx.workspace, b.service);
    const candidates = [...new Set([...service.envFiles, ...filesForMode(service, { ...world, runMode: 'docker' })])];
    for (const t of syncTargets(candidates.map((p) => world.lookup(p, b.var)))) {
      const entry = byFile.get(t.path) ?? { vars: [], root: rootFor(ctx.workspace, service), create: t.create };
      if (!entry.vars.includes(b.var)) entry.vars.push(b.var);
      byFile.set(t.path, entry);
    }
  }
  const edits: FileEdit[] = [...byFile].map(([path, e]) => ({
    path,
    root: e.root,
    create: e.create,
    edit: (bytes) => e.vars.reduce((acc, v) => setValue(acc, v, value), bytes),
  }));
  const plans = await planWrites(edits);
  await ctx.hooks?.afterCheck?.(plans);
  const written = await applyWrites(plans, ctx.backups);

  const activityId = ctx.activity.newId();
  let previousAccount: string | null = null;
  const keychainChanges = before !== value;
  try {
    if (keychainChanges) {
      if (before !== null && before !== '') {
        previousAccount = accounts.previousValue(wsId, activityId);
        await ctx.store.set(previousAccount, before);
      }
      await ctx.store.set(account, value);
    }
  } catch (e) {
    await restoreWritten(plans);
    if (previousAccount) await ctx.store.delete(previousAccount).catch(() => false);
    throw e;
  } finally {
    ctx.keychain.invalidate(secret);
  }

  const fingerprintBefore = ctx.keychain.fingerprint(before);
  const fingerprintAfter = ctx.keychain.fingerprint(value);
  const undo: UndoData = {
    files: await Promise.all(written.map(async (w) => ({ path: w.path, backupId: w.backupId, afterHash: await contentMac(ctx, w.after) }))),
    ...(keychainChanges ? { keychain: { account, previousAccount } } : {}),
  };
  const changed = written.length > 0 || keychainChanges;
  const files = written.map((w) => w.path);
  await ctx.activity.append({
    id: activityId,
    kind: 'sync',
    secret,
    summary: changed
      ? `Synced ${secret} from ${describeSource(from)}: ${files.length} file(s) written${keychainChanges ? ', keychain updated' : ''}.`
      : `${secret} was already in sync; nothing changed.`,
    fingerprintBefore,
    fingerprintAfter,
    files,
    undoable: changed,
    ...(changed ? { undo } : {}),
  });

  const warnings: string[] = [];
  if (world.runMode === 'docker') {
    for (const b of config.bindings) {
      const compose = world.compose(serviceOf(ctx.workspace, b.service));
      const override = compose ? environmentOverride(compose.service, b.var) : undefined;
      if (compose && override?.kind === 'literal' && override.value !== value) {
        warnings.push(`${ctx.reader.showPath(compose.file)} still sets ${b.var} under \`environment:\` for ${b.service}, which beats the env file; remove it there so ${b.service} sees the synced value.`);
      }
    }
  }
  return { activityId, files, fingerprintBefore, fingerprintAfter, warnings };
}
