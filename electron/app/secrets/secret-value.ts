/**
 * The one place the app service reads a secret VALUE for the user: the keychain entry, or what
 * one service's binding holds. Used only by the explicit reveal and copy acts.
 */
import { KeyhiveError } from '../../../shared/errors.js';
import { accounts } from '../../core/secrets/secret-store.js';
import { readBindingValue } from '../keys/probe-keys.js';
import type { OpenWorkspace } from '../session-holder.js';
import { secretConfig, serviceOf } from '../sync/sync-context.js';

export async function secretValue(ws: Pick<OpenWorkspace, 'session'>, secret: string, service?: string): Promise<string> {
  const { workspace, store } = ws.session;
  const config = secretConfig(workspace, secret);
  if (service !== undefined) {
    const binding = config.bindings.find((b) => b.service === service);
    if (!binding) {
      throw new KeyhiveError('NOT_FOUND', `${secret} has no binding in service "${service}".`, {
        file: workspace.file,
        fix: `Use one of: ${config.bindings.map((b) => b.service).join(', ')}.`,
      });
    }
    const found = await readBindingValue(serviceOf(workspace, service), binding.var);
    if (!found) {
      throw new KeyhiveError('NOT_FOUND', `${service} does not set ${binding.var}.`, {
        file: workspace.file,
        fix: `Sync ${secret} to ${service} from the keychain.`,
      });
    }
    return found.value;
  }
  const value = await store.get(accounts.secret(workspace.config.id, secret));
  if (value === null) {
    throw new KeyhiveError('KEYCHAIN_MISSING', `The keychain has no entry for ${secret}.`, {
      fix: `Import it from a service (keyhive import ${secret} --from <service>) or rotate it.`,
    });
  }
  return value;
}
