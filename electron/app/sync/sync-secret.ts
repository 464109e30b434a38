/**
 * One-step sync: write one value to the keychain and to every binding, as one transaction.
 *   1. take the value (keychain, a service's current value, or a given value) and check its format;
 *   2. plan: every file each service may read that assigns the variable (see
 *      electron/core/drift/targets.ts), or its base file; check them all;
 *   3. run the change as one journaled transaction (electron/app/sync/change-flow.ts): keep the
 *      keychain's previous value for undo, write the files (atomic, conflict-checked, backed up),
 *      store the new value, log the change (fingerprints, files, backup ids — never a value). A
 *      failure or a crash at any point ends all-old (`keyhive recover` after a crash).
 * The caller (WorkspaceSession) holds the workspace lock.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import { filesForMode, overridingLiterals, syncTargets } from '../../core/drift/index.js';
import { setValue } from '../../core/env/index.js';
import { keyFormats } from '../../core/keys/index.js';
import { accounts } from '../../core/secrets/secret-store.js';
import { changeDeps, checkFormat, currentValue, rootFor, secretConfig, serviceOf, type SyncContext, type SyncOutcome } from './sync-context.js';
import { runChange } from './run-change.js';
import { assertStorableValue } from '../../core/secrets/value-check.js';
import { assertServiceFolders, servicesOfSecret } from '../workspace-checks/service-folders.js';
import { planWrites, type FileEdit } from './plan-writes.js';
import type { SyncSource as ApiSyncSource } from '../../../shared/api.js';

/**
 * Where a sync takes the value from: what the API offers (shared/api.ts), or — for the engine's
 * own callers (rotation, issued keys, the demo) — a value already in hand.
 */
export type SyncSource = ApiSyncSource | { value: string };

export interface SyncOptions {
  /** Write a value that fails the secret's format. */
  force?: boolean;
}

const describeSource = (from: SyncSource): string =>
  from === 'keychain' ? 'the keychain' : 'service' in from ? `${from.service}'s value` : 'a given value';

export async function syncSecret(ctx: SyncContext, secret: string, from: SyncSource, opts: SyncOptions = {}): Promise<SyncOutcome> {
  const config = secretConfig(ctx.workspace, secret);
  await assertServiceFolders(ctx.workspace, servicesOfSecret(ctx.workspace, secret), `sync ${secret}`);
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
  assertStorableValue(value, `The value for ${secret}`);
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

  const activityId = ctx.activity.newId();
  const keychainChanges = before !== value;
  const previousAccount = keychainChanges && before !== null && before !== '' ? accounts.previousValue(wsId, activityId) : null;
  const fingerprintBefore = ctx.keychain.fingerprint(before);
  const fingerprintAfter = ctx.keychain.fingerprint(value);
  const changed = plans.length > 0 || keychainChanges;
  const files = plans.map((w) => w.path);
  try {
    await runChange(changeDeps(ctx), {
      kind: 'sync',
      secret,
      writes: plans,
      keychain: { account, previousAccount, before: before === '' ? null : before, after: value },
      entry: {
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
        ...(changed ? { undo: { files: [], ...(keychainChanges ? { keychain: { account, previousAccount } } : {}) } } : {}),
      },
    });
  } finally {
    ctx.keychain.invalidate(secret);
  }

  const warnings = overridingLiterals(ctx.workspace, secret, value, world).map(
    (o) => `${ctx.reader.showPath(o.file)} still sets ${o.var} under \`environment:\` for ${o.service}, which beats the env file; remove it there so ${o.service} sees the synced value.`,
  );
  return { activityId, files, fingerprintBefore, fingerprintAfter, warnings };
}
