/**
 * Every channel of the typed API, delegated to its use case. Handlers receive requests already
 * validated by the dispatcher and return plain contract shapes (the dispatcher validates them).
 * Long operations report `progress` events; values never leave except through `secret.reveal`.
 */
import type { ApiHandlers, OperationResult } from '../../shared/api.js';
import { SECRET_CLEAR_AFTER_SECONDS } from '../../shared/api.js';
import type { ProgressEvent } from '../../shared/domain.js';
import { applyChange, clockOf, makeLive, progressEmitter } from './sync/apply-change.js';
import type { FolderPicker } from './workspace/browse-folders.js';
import type { SecretCopier } from './secrets/clipboard.js';
import { fixDoctor, runDoctor } from './doctor/run-doctor.js';
import type { EventBus } from './events.js';
import { keysList, keysSetCredential } from './keys/keys-commands.js';
import { createKey } from './keys/create-key.js';
import { keysOverview } from './keys/overview.js';
import { issuedKeyValue } from './keys/reveal-key.js';
import { revokeKey, setKeyEnabled, updateKeyScopes } from './keys/revoke-key.js';
import { rotateKey } from './keys/rotate-key.js';
import { runProbes } from './services/probe.js';
import { rotateSecret } from './rotation/rotate-secret.js';
import { scopesCheck, scopesExpand, scopesForSecret } from './keys/scopes.js';
import { selectServices } from './services/service-control.js';
import { secretValue } from './secrets/secret-value.js';
import type { OpenWorkspace, SessionHolder } from './session-holder.js';
import { workspaceHandlers } from './workspace-handlers.js';
import { scanHandlers } from './scan/scan-handlers.js';

export interface HandlerContext {
  sessions: SessionHolder;
  bus: EventBus;
  copier: SecretCopier;
  /** Desktop only: the native folder chooser for `workspace.pickFolder`. */
  folderPicker?: FolderPicker;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function buildHandlers(ctx: HandlerContext): ApiHandlers {
  const { sessions } = ctx;
  const open = (): Promise<OpenWorkspace> => sessions.get();
  const onProgress = (e: ProgressEvent): void => ctx.bus.emit('progress', e);
  /** An OperationResult with the fresh status (the page redraws from it). */
  const result = async (ws: OpenWorkspace, r: Omit<OperationResult, 'status'>): Promise<OperationResult> => ({
    ...r,
    status: await ws.session.status().catch(() => null),
  });

  return {
    ...workspaceHandlers(sessions, ctx.folderPicker),
    ...scanHandlers(open, onProgress),
    'status.get': async () => (await open()).session.status(),
    'secret.sync': async ({ secret, from, restart }) => {
      const ws = await open();
      const out = await applyChange(ws.ports, secret, from, { restart, onProgress });
      return result(ws, { operationId: out.operationId, ok: out.ok, summary: out.summary, activityId: out.activityId });
    },
    'secret.rotate': async ({ secret }) => {
      const ws = await open();
      // An issued key rotates through its issuer (create → switch → revoke, or in place), not by generating a value.
      if (ws.session.workspace.config.secrets[secret]?.issuer) {
        const out = await rotateKey({ ...ws.keys, onProgress }, { secret, wait: true });
        return result(ws, { operationId: out.operationId, ok: out.ok, summary: out.summary, activityId: out.activityId });
      }
      const out = await rotateSecret(ws.ports, ws.dataDir, secret, { onProgress });
      const [entry] = await ws.session.activity.list({ kind: 'rotate', secret, limit: 1 });
      return result(ws, { operationId: out.operationId, ok: out.ok, summary: out.summary, activityId: entry?.id ?? null });
    },
    'secret.import': async ({ secret, service }) => {
      const ws = await open();
      const out = await ws.session.importSecret(secret, service);
      const pr = progressEmitter('sync', secret, onProgress, clockOf(ws.ports));
      pr.emit('import', `Import ${secret} from ${service}`, 'done', `keychain now ${out.fingerprintAfter ?? 'empty'}`);
      return result(ws, { operationId: pr.operationId, ok: true, summary: `Imported ${secret} from ${service} into the keychain (${out.fingerprintAfter ?? 'no value'}).`, activityId: out.activityId });
    },
    'secret.reveal': async ({ secret, service }) => ({
      value: await secretValue(await open(), secret, service),
      clearAfterSeconds: SECRET_CLEAR_AFTER_SECONDS,
    }),
    'secret.copy': async ({ secret }) => {
      if (!ctx.copier.available) return { copied: false, clearAfterSeconds: 0 };
      return ctx.copier.copy(await secretValue(await open(), secret));
    },
    'activity.list': async ({ kind, secret, limit }) => (await open()).session.activity.list({ kind, secret, limit }),
    'activity.undo': async ({ id }) => {
      const ws = await open();
      const out = await ws.session.undo(id);
      const pr = progressEmitter('sync', undefined, onProgress, clockOf(ws.ports));
      return result(ws, { operationId: pr.operationId, ok: true, summary: `Undid ${out.undid}: ${plural(out.files.length, 'file')} restored.`, activityId: out.activityId });
    },
    'services.restart': async ({ services }) => {
      const ws = await open();
      const selected = selectServices(ws.session.workspace, services);
      const pr = progressEmitter('restart', undefined, onProgress, clockOf(ws.ports));
      pr.emit('restart', `Restart ${selected.map((s) => s.name).join(', ')}`, 'running');
      try {
        const summary = await makeLive(ws.ports, selected, (d) => pr.emit('restart', 'Restart', 'running', d));
        pr.emit('restart', 'Restart', 'done', summary);
        return result(ws, { operationId: pr.operationId, ok: true, summary, activityId: null });
      } catch (e) {
        pr.emit('restart', 'Restart', 'failed', e instanceof Error ? e.message : String(e));
        throw e;
      }
    },
    'probe.run': async ({ secret }) => {
      const ws = await open();
      return runProbes({ workspace: ws.session.workspace, store: ws.session.store, runMode: ws.session.workspace.config.runMode, controller: ws.controller }, secret);
    },
    'doctor.run': async ({ secret }) => runDoctor((await open()).ports, secret),
    'doctor.fix': async ({ secret, action }) => {
      const out = await fixDoctor((await open()).ports, secret, { only: action, onProgress });
      return { applied: out.applied.join(' '), findings: out.findings };
    },
    'scopes.forSecret': async (req) => scopesForSecret((await open()).keys, req),
    'scopes.check': async (req) => scopesCheck(req),
    'scopes.expand': async (req) => scopesExpand(req),
    'keys.list': async (req) => keysList((await open()).keys, req),
    'keys.overview': async () => keysOverview((await open()).keys),
    'keys.create': async (req) => {
      const pr = progressEmitter('sync', req.secret, onProgress, (await open()).session.clock);
      pr.emit('create', `Create a ${req.issuer} key`, 'running');
      const out = await createKey((await open()).keys, req, (d) => pr.emit('create', `Create a ${req.issuer} key`, 'running', d));
      pr.emit('create', `Create a ${req.issuer} key`, out.probe && !out.probe.ok ? 'failed' : 'done', out.probe?.detail);
      return out;
    },
    'keys.revoke': async (req) => revokeKey((await open()).keys, req),
    'keys.reveal': async (req) => ({ value: await issuedKeyValue((await open()).keys, req), clearAfterSeconds: SECRET_CLEAR_AFTER_SECONDS }),
    'keys.copy': async (req) => {
      if (!ctx.copier.available) return { copied: false, clearAfterSeconds: 0 };
      return ctx.copier.copy(await issuedKeyValue((await open()).keys, req));
    },
    'keys.setCredential': async (req) => keysSetCredential((await open()).keys, req),
    'keys.setEnabled': async (req) => setKeyEnabled((await open()).keys, req),
    'keys.updateScopes': async (req) => updateKeyScopes((await open()).keys, req),
    'keys.rotate': async (req) => rotateKey({ ...(await open()).keys, onProgress }, req),
  };
}
