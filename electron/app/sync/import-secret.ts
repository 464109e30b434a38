/**
 * `keyhive import SECRET --from SERVICE`: take the value a service sees now into the keychain
 * (files are not touched). The keychain's previous value, if any, is kept for undo. Runs as the
 * same journaled change as sync (electron/app/sync/change-flow.ts); the caller holds the lock.
 */
import { keyFormats } from '../../core/keys/index.js';
import { accounts } from '../../core/secrets/secret-store.js';
import { changeDeps, checkFormat, currentValue, secretConfig, type SyncContext, type SyncOutcome } from './sync-context.js';
import { runChange } from './run-change.js';
import { assertServiceFolders } from '../workspace-checks/service-folders.js';
import { assertStorableValue } from '../../core/secrets/value-check.js';

export async function importSecret(ctx: SyncContext, secret: string, service: string, opts: { force?: boolean } = {}): Promise<SyncOutcome> {
  const config = secretConfig(ctx.workspace, secret);
  await assertServiceFolders(ctx.workspace, [service], `import ${secret} from ${service}`);
  const value = await currentValue(ctx, secret, service);
  assertStorableValue(value, `${service}'s value of ${secret}`);
  const formats = keyFormats(ctx.workspace.config);
  if (formats.has(config.format)) checkFormat(formats.validate(config.format, value), secret, config.format, opts.force === true);
  const wsId = ctx.workspace.config.id;
  const account = accounts.secret(wsId, secret);
  await ctx.keychain.fingerprintKey();
  const stored = await ctx.store.get(account);
  const before = stored === '' ? null : stored;
  const activityId = ctx.activity.newId();
  const changed = before !== value;
  const previousAccount = changed && before !== null ? accounts.previousValue(wsId, activityId) : null;
  const fingerprintBefore = ctx.keychain.fingerprint(before);
  const fingerprintAfter = ctx.keychain.fingerprint(value);
  try {
    await runChange(changeDeps(ctx), {
      kind: 'import',
      secret,
      writes: [],
      keychain: { account, previousAccount, before, after: value },
      entry: {
        id: activityId,
        kind: 'import',
        secret,
        summary: changed ? `Imported ${secret} from ${service} into the keychain.` : `The keychain already held ${service}'s value of ${secret}; nothing changed.`,
        fingerprintBefore,
        fingerprintAfter,
        files: [],
        undoable: changed,
        ...(changed ? { undo: { files: [], keychain: { account, previousAccount } } } : {}),
      },
    });
  } finally {
    ctx.keychain.invalidate(secret);
  }
  return { activityId, files: [], fingerprintBefore, fingerprintAfter, warnings: [] };
}
