/**
 * `keys.rotate` / `keyhive keys rotate SECRET`: zero-downtime rotation of an issued key, run as
 * the journaled flow of electron/core/issuers/issued-key-rotation.ts under the workspace lock,
 * and its recovery after a crash (`resumeIssuedKeyRotation`, called by `keyhive recover` for
 * journals whose operation is `rotate-issued`).
 */
import { randomUUID } from 'node:crypto';
import type { OperationResult } from '../../../shared/api.js';
import { KeyhiveError } from '../../../shared/errors.js';
import { issuedKeyRotationFlow } from '../../core/issuers/issued-key-rotation.js';
import { probeEndpointFor } from '../../core/issuers/probe-endpoint.js';
import { ProbeSpacer } from '../../core/issuers/rate-limit.js';
import { rotatedKeyName, type IssuedRotationContext, type IssuedRotationData } from '../../core/issuers/rotation-context.js';
import type { JournalRecord } from '../../core/rotation/journal-record.js';
import { resumeFlow, runFlow, type FlowOutcome } from '../../core/rotation/step-machine.js';
import { accounts } from '../../core/secrets/secret-store.js';
import { cacheWindowSeconds, clientFor, clockOfKeys, issuedSecret, type KeysContext } from '../keys/keys-context.js';
import { RotationJournal } from '../../adapters/fs/rotation-journal.js';
import { DEFAULT_LOCK_WAIT_MS, withWorkspaceLock } from '../../adapters/fs/workspace-lock.js';
import { keyForValue } from '../keys/scopes.js';

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function buildContext(ctx: KeysContext, secret: string): Promise<IssuedRotationContext> {
  const { config, issuerName, issuer } = issuedSecret(ctx, secret);
  const client = await clientFor(ctx, issuerName);
  const consumers = [...new Set(config.bindings.map((b) => b.service))];
  const scopes = config.scopes ?? [];
  const declared = [...(config.probes?.smoke ? [config.probes.smoke] : []), ...(config.endpoints ?? [])];
  return {
    secret,
    system: issuer.system,
    client,
    store: ctx.store,
    accounts: {
      current: accounts.secret(ctx.workspace.id, secret),
      backup: accounts.rotationBackup(ctx.workspace.id, secret),
      pending: accounts.rotationPending(ctx.workspace.id, secret),
    },
    probeEndpoint: probeEndpointFor(issuer.system, scopes, declared),
    async writeConsumers(value) {
      await ctx.syncValue(secret, value);
      return `wrote the key to ${config.bindings.map((b) => `${b.service}:${b.var}`).join(', ')} and the keychain`;
    },
    async restartConsumers() {
      if (!ctx.restartConsumers) return `not restarted (no service control here): restart ${consumers.join(', ')} yourself if ${consumers.length > 1 ? 'they read' : 'it reads'} the key only at start`;
      return ctx.restartConsumers(secret);
    },
    sleep: ctx.sleep ?? realSleep,
    now: () => clockOfKeys(ctx)().getTime(),
    maxCacheWaitMs: ctx.maxCacheWaitMs ?? 0,
    cacheWindowMs: cacheWindowSeconds(issuer) * 1000,
    spacer: new ProbeSpacer(),
  };
}

/** The rotation's result with what the re-check of the old key found. */
export type IssuedRotationOutcome = OperationResult & { oldRefused: boolean | null; recheckAt: string | null; oldPrefix: string | null };

/** The old key's lifetime (expiry minus creation or last rotation); null when it never expired. */
export function lifetimeOf(key: { expiresAt: string | null; createdAt: string | null; lastRotatedAt?: string | null } | null): number | null {
  const from = key?.lastRotatedAt ?? key?.createdAt;
  if (!key?.expiresAt || !from) return null;
  const ms = Date.parse(key.expiresAt) - Date.parse(from);
  return ms > 0 ? ms : null;
}

function summarise(secret: string, outcome: FlowOutcome, resumed = false): IssuedRotationOutcome {
  const data = outcome.record.data as unknown as IssuedRotationData;
  const still = data.oldStillAccepted
    ? ` Note: the old key was still accepted when checked — ${data.recheckAfter ? `the issuer may cache it until ${data.recheckAfter}` : 'check it again'}.`
    : '';
  const summary =
    outcome.outcome === 'committed'
      ? `Rotated ${secret}: now ${data.newPrefix ?? '?'}…${data.mode === 'create-switch' ? ` (key ${data.newKeyId ?? '?'}), old key ${data.oldKeyId ?? '(not listed)'} revoked` : ', rotated in place'}.${still}`
      : `Rotation of ${secret} rolled back: ${outcome.record.error ?? 'a step failed'}. The consumers keep the previous key.`;
  const prefix = resumed ? (outcome.outcome === 'committed' ? 'completed the interrupted rotation — ' : '') : '';
  const checked = outcome.record.steps.find((s) => s.id === 'verify-old-refused')?.state === 'done';
  return {
    operationId: outcome.record.operationId,
    ok: outcome.outcome === 'committed' || resumed,
    summary: prefix + summary,
    activityId: null,
    status: null,
    oldRefused: checked && data.oldStillAccepted !== undefined ? !data.oldStillAccepted : null,
    recheckAt: data.recheckAfter ?? null,
    oldPrefix: data.oldPrefix,
  };
}

export async function rotateIssuedKey(ctx: KeysContext, req: { secret: string; oldKeyId?: string }): Promise<IssuedRotationOutcome> {
  const rc = await buildContext(ctx, req.secret);
  const current = await ctx.store.get(rc.accounts.current);
  if (!current) {
    throw new KeyhiveError('KEYCHAIN_MISSING', `${req.secret} has no keychain entry to rotate from`, {
      fix: `import the key the consumer holds first: keyhive import ${req.secret} --from <service>`,
    });
  }
  const keys = await rc.client.list();
  const old = req.oldKeyId ? (keys.find((k) => k.id === req.oldKeyId) ?? null) : keyForValue(keys, current);
  if (req.oldKeyId && !old) throw new KeyhiveError('NOT_FOUND', `${rc.system} lists no active key ${req.oldKeyId}`, { fix: 'check the id with `keyhive keys list`' });
  const ambiguous = !req.oldKeyId && old ? keys.filter((k) => current.startsWith(k.prefix)).length > 1 : false;
  if (ambiguous) {
    throw new KeyhiveError('BAD_INPUT', `several ${rc.system} keys share the prefix of ${req.secret}'s value`, { fix: 'name the old key: keyhive keys rotate SECRET --old-key-id ID' });
  }
  const inPlace = Boolean(rc.client.rotate) && old !== null;
  const clock = clockOfKeys(ctx);
  const operationId = `rotate-issued-${clock().getTime().toString(36)}-${randomUUID().slice(0, 8)}`;
  const scopes = old?.scopes ?? issuedSecret(ctx, req.secret).config.scopes ?? [];
  if (!inPlace && scopes.length === 0 && rc.system !== 'tokenhub') {
    throw new KeyhiveError('BAD_INPUT', `cannot tell which scopes the new ${req.secret} key needs`, { file: ctx.workspace.file, fix: `declare secrets.${req.secret}.scopes in keyhive.yaml` });
  }
  const data: IssuedRotationData = {
    mode: inPlace ? 'in-place' : 'create-switch',
    oldKeyId: old?.id ?? null,
    oldPrefix: old?.prefix ?? null,
    oldName: old?.name ?? null,
    scopes,
    newName: rotatedKeyName(old?.name ?? null, req.secret, operationId),
    lastRotatedBefore: old?.lastRotatedAt ?? null,
    lifetimeMs: lifetimeOf(old),
  };
  return withWorkspaceLock(ctx.dataDir, ctx.workspace.id, { operation: 'rotate-issued', operationId }, async () => {
    const journal = new RotationJournal(ctx.dataDir);
    const flow = issuedKeyRotationFlow(data.mode);
    let outcome: FlowOutcome;
    try {
      outcome = await runFlow(flow, rc, { operationId, workspaceId: ctx.workspace.id, workspaceFile: ctx.workspace.file, secret: req.secret, data: { ...data }, pid: process.pid }, journal, { onProgress: ctx.onProgress, now: clock });
    } catch (e) {
      throw stuck(e, req.secret);
    }
    await journal.archive(outcome.record);
    const result = summarise(req.secret, outcome);
    const entry = await ctx.activity?.append({ kind: 'rotate', secret: req.secret, summary: result.summary + (result.oldRefused ? ' The old key is refused.' : '') });
    return { ...result, activityId: entry?.id ?? null };
  }, { waitMs: DEFAULT_LOCK_WAIT_MS, now: clock });
}

function stuck(e: unknown, secret: string): KeyhiveError {
  const why = e instanceof Error ? e.message : String(e);
  return new KeyhiveError('PROBE_FAILED', `the rotation of ${secret} could not finish: ${why}`, {
    fix: 'fix the cause (is the issuer up? the consumer?), then run `keyhive recover` to finish or roll it back',
    cause: e,
  });
}

/** Finishes or rolls back a `rotate-issued` journal left by a crashed run. */
export async function resumeIssuedKeyRotation(ctx: KeysContext, record: JournalRecord): Promise<IssuedRotationOutcome> {
  if (record.operation !== 'rotate-issued' || !record.secret) throw new KeyhiveError('INTERNAL', `journal ${record.operationId} is not an issued-key rotation`);
  const data = record.data as unknown as IssuedRotationData;
  const rc = await buildContext(ctx, record.secret);
  const journal = new RotationJournal(ctx.dataDir, '');
  let outcome: FlowOutcome;
  try {
    outcome = await resumeFlow(issuedKeyRotationFlow(data.mode), rc, record, journal, { onProgress: ctx.onProgress, now: clockOfKeys(ctx) });
  } catch (e) {
    throw stuck(e, record.secret);
  }
  await journal.archive(outcome.record);
  return summarise(record.secret, outcome, true);
}
