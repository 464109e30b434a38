/**
 * `keyhive import SECRET --from SERVICE`: take the value a service sees now into the keychain
 * (files are not touched). The keychain's previous value, if any, is kept for undo.
 */
import { KeyhiveError } from '../../shared/errors.js';
import { keyFormats } from '../core/keys/index.js';
import { accounts } from '../core/secrets/secret-store.js';
import { checkFormat, currentValue, secretConfig, type SyncContext, type SyncOutcome } from './sync-context.js';

export async function importSecret(ctx: SyncContext, secret: string, service: string, opts: { force?: boolean } = {}): Promise<SyncOutcome> {
  const config = secretConfig(ctx.workspace, secret);
  const value = await currentValue(ctx, secret, service);
  const formats = keyFormats(ctx.workspace.config);
  if (formats.has(config.format)) checkFormat(formats.validate(config.format, value), secret, config.format, opts.force === true);
  const wsId = ctx.workspace.config.id;
  const account = accounts.secret(wsId, secret);
  await ctx.keychain.fingerprintKey();
  const before = await ctx.store.get(account);
  const activityId = ctx.activity.newId();
  const changed = before !== value;
  let previousAccount: string | null = null;
  if (changed) {
    try {
      if (before !== null && before !== '') {
        previousAccount = accounts.previousValue(wsId, activityId);
        await ctx.store.set(previousAccount, before);
      }
      await ctx.store.set(account, value);
    } catch (e) {
      if (previousAccount) await ctx.store.delete(previousAccount).catch(() => false);
      throw e instanceof KeyhiveError ? e : new KeyhiveError('KEYCHAIN_UNAVAILABLE', `Cannot store ${secret} in the keychain.`, { cause: e });
    } finally {
      ctx.keychain.invalidate(secret);
    }
  }
  const fingerprintBefore = ctx.keychain.fingerprint(before);
  const fingerprintAfter = ctx.keychain.fingerprint(value);
  await ctx.activity.append({
    id: activityId,
    kind: 'import',
    secret,
    summary: changed ? `Imported ${secret} from ${service} into the keychain.` : `The keychain already held ${service}'s value of ${secret}; nothing changed.`,
    fingerprintBefore,
    fingerprintAfter,
    files: [],
    undoable: changed,
    ...(changed ? { undo: { files: [], keychain: { account, previousAccount } } } : {}),
  });
  return { activityId, files: [], fingerprintBefore, fingerprintAfter, warnings: [] };
}
