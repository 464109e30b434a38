/**
 * How a shell runs the keychain helper. The CLI and web mode need nothing (a `node` child);
 * the desktop app hands in a launcher on Electron's utilityProcess, so a keychain call that never
 * returns is cut off by killing that process, exactly as in the CLI.
 */
import { dataDir } from '../../adapters/fs/data-dir.js';
import { useKeychainHelperLauncher } from '../../adapters/keychain/keytar-broker.js';
import type { HelperLauncher, HelperProcess, HelperProgram } from '../../adapters/keychain/helper-process.js';
import { join } from 'node:path';

export type { HelperLauncher, HelperProcess, HelperProgram };

/** Every keychain store of this process runs its helper with `launcher`; the module file goes under the data dir. */
export function runKeychainHelperWith(launcher: HelperLauncher): void {
  useKeychainHelperLauncher(launcher, { helperDir: join(dataDir(), 'helpers') });
}
