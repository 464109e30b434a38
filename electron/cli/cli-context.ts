/**
 * The CLI's one shell context, built here and nowhere else: the OS keychain (through the keychain
 * helper process, which `stopHelperProcesses` stops when the command ends), the per-user data
 * dir, the system clock, and a lock wait that says on stderr for whom a change waits
 * (KEYHIVE_LOCK_WAIT_SECONDS). Every command, and web mode started from the CLI, gets it from here.
 */
import { createShellContext, type ShellContext } from '../app/context/shell-context.js';
import { cliLockOptions } from './lock-wait.js';

let context: Promise<ShellContext> | null = null;

export function cliContext(): Promise<ShellContext> {
  context ??= Promise.resolve()
    .then(() => createShellContext(cliLockOptions()))
    .catch((e: unknown) => {
      context = null; // a bad KEYHIVE_LOCK_WAIT_SECONDS is reported each time, not cached
      throw e;
    });
  return context;
}
