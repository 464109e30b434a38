/**
 * Every channel of the typed API, delegated to its use case. Handlers receive requests already
 * validated by the dispatcher and return plain contract shapes (the dispatcher validates them).
 */
import type { ApiHandlers } from '../../shared/api.js';
import { KeyhiveError } from '../../shared/errors.js';
import { SECRET_CLEAR_AFTER_SECONDS } from '../../shared/api.js';
import { accounts, type SecretStore } from '../core/secrets/secret-store.js';
import type { SecretCopier } from './clipboard.js';
import type { EventBus } from './events.js';
import { notYetAvailable, type SessionHolder, type SessionLike } from './session-holder.js';

export interface HandlerContext {
  sessions: SessionHolder;
  bus: EventBus;
  copier: SecretCopier;
  store?: SecretStore;
  dataDir?: string;
}

async function keychainValue(s: SessionLike, secret: string): Promise<string> {
  const value = await s.store.get(accounts.secret(s.workspace.id, secret));
  if (value === null) {
    throw new KeyhiveError('KEYCHAIN_MISSING', `The keychain has no entry for ${secret}.`, {
      fix: `Import it from a service (keyhive import ${secret} --from <service>) or rotate it.`,
    });
  }
  return value;
}

export function buildHandlers(ctx: HandlerContext): ApiHandlers {
  const { sessions } = ctx;
  const notYet = (feature: string) => async (): Promise<never> => {
    throw notYetAvailable(feature);
  };

  return {
    'workspace.current': async () => ({ file: sessions.currentFile() }),
    'workspace.open': async ({ file }) => (await sessions.open(file)).status(),
    'workspace.init': notYet('Creating a workspace'),
    'workspace.setRunMode': notYet('Switching the run mode'),
    'status.get': async () => (await sessions.get()).status(),
    'secret.sync': notYet('Sync'),
    'secret.rotate': notYet('Rotation'),
    'secret.import': notYet('Import'),
    'secret.reveal': async ({ secret, service }) => {
      if (service !== undefined) throw notYetAvailable('Revealing one service’s value');
      const value = await keychainValue(await sessions.get(), secret);
      return { value, clearAfterSeconds: SECRET_CLEAR_AFTER_SECONDS };
    },
    'secret.copy': async ({ secret }) => {
      if (!ctx.copier.available) return { copied: false, clearAfterSeconds: 0 };
      const value = await keychainValue(await sessions.get(), secret);
      return ctx.copier.copy(value);
    },
    'activity.list': notYet('The activity log'),
    'activity.undo': notYet('Undo'),
    'services.restart': notYet('Restarting services'),
    'probe.run': notYet('Probes'),
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
