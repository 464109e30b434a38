/**
 * The `keyhive` CLI: a thin front end over the same engine the desktop app and web mode use.
 * Each area registers its subcommands from `./commands/<area>.ts`.
 */
import type { SpareNode } from '../app/lifecycle/prestart-keychain.js';
import { Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { readsKeychain, registerCommands } from './commands/registry.js';

/**
 * Called by electron/cli/keyhive.mjs once the command is done: no helper process outlives it.
 * Loaded only when the command loaded the engine (a helper can only have started then).
 */
export async function stopHelperProcesses(): Promise<void> {
  if (!engineLoaded) return;
  const { stopHelperProcesses: stop } = await import('../app/lifecycle/stop-helpers.js');
  await stop();
}

let engineLoaded = false;

/**
 * Called by electron/cli/keyhive.mjs before main(): for a command that reads the keychain, starts
 * the keychain helper process now — in `spare`, the blank `node` keyhive.mjs started first thing
 * (spare-node.mjs), when given — so it loads keytar while this process loads the command (the
 * shared broker adopts it; stopHelperProcesses stops it if nothing did). Returns whether it took
 * `spare` over; if not, the caller stops it.
 */
export async function prestartHelpers(argv: readonly string[], spare?: SpareNode): Promise<boolean> {
  if (!readsKeychain(argv)) return false;
  engineLoaded = true;
  const { prestartKeychainHelper } = await import('../app/lifecycle/prestart-keychain.js');
  return prestartKeychainHelper(spare);
}

/** The program with the commands `argv` needs (all of them when argv is not given). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('keyhive')
    .description('Keep the API keys shared between local services in sync.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  if ((await registerCommands(program, argv)) > 0) engineLoaded = true;
  // Every subcommand exits through exitOverride so main() decides the exit code.
  const applyOverride = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(applyOverride);
  };
  applyOverride(program);
  return program;
}

let pipeGuarded = false;

/**
 * `keyhive activity | head -1`: once the reader of our output has gone, writing more raises EPIPE.
 * That is not an error of anyone's: stop quietly, no stack trace, with the exit code the command
 * had decided so far (0 when none).
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = (c) => process.exit(c)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

/** Runs the CLI and returns the exit code (0 ok, 1 problem found, 2 bad usage or input). */
export async function main(argv: string[]): Promise<number> {
  if (!pipeGuarded) {
    pipeGuarded = true;
    exitQuietlyOnClosedPipe(process.stdout);
    exitQuietlyOnClosedPipe(process.stderr); // `keyhive … 2>&1 | head -1`
  }
  process.exitCode = undefined;
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    // Loaded only here: it brings the error types (and zod), which `keyhive --version` never needs.
    const { describeError, exitCodeFor } = await import('./exit.js');
    process.stderr.write(describeError(e) + '\n');
    return exitCodeFor(e);
  }
}
