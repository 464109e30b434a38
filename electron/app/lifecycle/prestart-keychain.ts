/**
 * The CLI starts the keychain helper first thing, for a command that reads the keychain, so the
 * helper loads keytar while the command loads (the shared broker adopts it; the CLI's
 * stopHelperProcesses stops it if nothing did). Its own module: nothing else loads with it.
 */
export { prestartKeytarHelper as prestartKeychainHelper } from '../../adapters/keychain/keytar-helper.js';
/** The blank `node` the CLI's launcher started first thing, for the helper to boot in. */
export type SpareNode = NonNullable<Parameters<typeof import('../../adapters/keychain/keytar-helper.js').prestartKeytarHelper>[0]>;
