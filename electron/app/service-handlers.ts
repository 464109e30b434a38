/**
 * Every channel of the typed API, delegated to its use case. Handlers receive requests already
 * validated by the dispatcher and return plain contract shapes (the dispatcher validates them).
 */
import { randomUUID } from 'node:crypto';
import type { ApiHandlers, OperationResult } from '../../shared/api.js';
import { SECRET_CLEAR_AFTER_SECONDS } from '../../shared/api.js';
import { KeyhiveError } from '../../shared/errors.js';
import { accounts, type SecretStore } from '../core/secrets/secret-store.js';
import type { SecretCopier } from './clipboard.js';
import type { EventBus } from './events.js';
import { runProbes } from './probe.js';
import { readBindingValue } from './probe-keys.js';
import { notYetAvailable, type SessionHolder, type SessionLike } from './session-holder.js';
import { secretConfig, serviceOf } from './sync-context.js';

export interface HandlerContext {
  sessions: SessionHolder;
  bus: EventBus;
  copier: SecretCopier;
  store?: SecretStore;
  dataDir?: string;
}

/** The keychain value of a secret, or of one service's binding when `service` is given. */
export async function secretValue(s: SessionLike, secret: string, service?: string): Promise<string> {
  const config = secretConfig(s.workspace, secret);
  if (service !== undefined) {
    const binding = config.bindings.find((b) => b.service === service);
    if (!binding) {
      throw new KeyhiveError('NOT_FOUND', `${secret} has no binding in service "${service}".`, {
        file: s.workspace.file,
        fix: `Use one of: ${config.bindings.map((b) => b.service).join(', ')}.`,
      });
    }
    const found = await readBindingValue(serviceOf(s.workspace, service), binding.var);
    if (!found) {
      throw new KeyhiveError('NOT_FOUND', `${service} does not set ${binding.var}.`, {
        file: s.workspace.file,
        fix: `Sync ${secret} to ${service} from the keychain.`,
      });
    }
    return found.value;
  }
  const value = await s.store.get(accounts.secret(s.workspace.config.id, secret));
  if (value === null) {
    throw new KeyhiveError('KEYCHAIN_MISSING', `The keychain has no entry for ${secret}.`, {
      fix: `Import it from a service (keyhive import ${secret} --from <service>) or rotate it.`,
    });
  }
  return value;
}

async function operation(s: SessionLike, summary: string, activityId: string | null): Promise<OperationResult> {
  return { operationId: randomUUID(), ok: true, summary, activityId, status: await s.status() };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function buildHandlers(ctx: HandlerContext): ApiHandlers {
  const { sessions } = ctx;
  const session = (): Promise<SessionLike> => sessions.get();
  const notYet = (feature: string) => async (): Promise<never> => {
    throw notYetAvailable(feature);
  };

  return {
    'workspace.current': async () => ({ file: sessions.currentFile() }),
    'workspace.open': async ({ file }) => (await sessions.open(file)).status(),
    'workspace.init': notYet('Creating a workspace'),
    'workspace.setRunMode': notYet('Switching the run mode'),
    'status.get': async () => (await session()).status(),
    'secret.sync': async ({ secret, from }) => {
      const s = await session();
      const out = await s.sync(secret, from);
      const source = from === 'keychain' ? 'the keychain' : `${from.service}`;
      const warn = out.warnings.length ? ` ${out.warnings.join(' ')}` : '';
      return operation(s, `Synced ${secret} from ${source}: ${plural(out.files.length, 'file')} written.${warn}`, out.activityId);
    },
    'secret.rotate': notYet('Rotation'),
    'secret.import': async ({ secret, service }) => {
      const s = await session();
      const out = await s.importSecret(secret, service);
      return operation(s, `Imported ${secret} from ${service} into the keychain.`, out.activityId);
    },
    'secret.reveal': async ({ secret, service }) => ({
      value: await secretValue(await session(), secret, service),
      clearAfterSeconds: SECRET_CLEAR_AFTER_SECONDS,
    }),
    'secret.copy': async ({ secret }) => {
      if (!ctx.copier.available) return { copied: false, clearAfterSeconds: 0 };
      return ctx.copier.copy(await secretValue(await session(), secret));
    },
    'activity.list': async ({ kind, secret, limit }) => (await session()).activity.list({ kind, secret, limit }),
    'activity.undo': async ({ id }) => {
      const s = await session();
      const out = await s.undo(id);
      return operation(s, `Undid ${out.undid}: ${plural(out.files.length, 'file')} restored.`, out.activityId);
    },
    'services.restart': notYet('Restarting services'),
    'probe.run': async ({ secret }) => {
      const s = await session();
      return runProbes({ workspace: s.workspace, store: s.store, runMode: s.workspace.config.runMode }, secret);
    },
    'doctor.run': notYet('The 401 doctor'),
    'doctor.fix': notYet('The 401 doctor'),
    'scopes.forSecret': notYet('Key scopes'),
    'scopes.check': notYet('Key scopes'),
    'scopes.expand': notYet('Key scopes'),
    'keys.list': notYet('Issued keys'),
    'keys.create': notYet('Issued keys'),
    'keys.revoke': notYet('Issued keys'),
    'keys.rotate': notYet('Issued key rotation'),
  };
}
