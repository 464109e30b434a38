/**
 * What a shell calls as its last act before the process exits (the CLI after each command,
 * web mode on shutdown): stops the helper processes the engine started — today the keychain
 * helper, including one the CLI started ahead and no command took over — and waits until they
 * are gone, so a `keyhive` run leaves no process behind.
 */
import { shutdownSharedKeytarBroker } from '../../adapters/keychain/keytar-broker.js';
import { stopPrestartedKeytarHelper } from '../../adapters/keychain/keytar-helper.js';

export async function stopHelperProcesses(): Promise<void> {
  await Promise.all([shutdownSharedKeytarBroker(), stopPrestartedKeytarHelper()]);
}
