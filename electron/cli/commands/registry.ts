/**
 * The list of CLI areas. Each module exports `register(program)` and owns its subcommands.
 * Areas are loaded on demand: a run loads only the area of the command it was given (the
 * engine behind the other commands is never imported), `keyhive --version` loads none, and
 * help or an unknown command loads them all. `commands` names every top-level command an area
 * registers (test/cli/registry.test.ts checks it against what `register` really adds).
 */
import type { Command } from 'commander';

export type RegisterCommands = (program: Command) => void;

export interface CommandArea {
  commands: readonly string[];
  load: () => Promise<{ register: RegisterCommands }>;
  /** Its commands read the keychain on every run: the CLI starts the keychain helper ahead. */
  keychain?: true;
}

/** In the order the commands are listed in `keyhive --help`. */
export const COMMAND_AREAS: readonly CommandArea[] = [
  { commands: ['init'], load: () => import('./init.js') },
  { commands: ['demo'], load: () => import('./demo.js') },
  { commands: ['web', 'app'], load: () => import('./app.js') },
  { commands: ['env'], load: () => import('./env.js') },
  { commands: ['restart', 'up', 'down', 'logs'], load: () => import('./services.js') },
  { commands: ['probe'], load: () => import('./probe.js') },
  { commands: ['doctor'], keychain: true, load: () => import('./doctor.js') },
  { commands: ['rotate', 'recover'], keychain: true, load: () => import('./rotate.js') },
  { commands: ['keys'], keychain: true, load: () => import('./keys.js') },
  { commands: ['scopes'], load: () => import('./scopes.js') },
  { commands: ['status'], keychain: true, load: () => import('./status.js') },
  { commands: ['watch'], keychain: true, load: () => import('./watch.js') },
  { commands: ['sync', 'import', 'undo', 'activity'], keychain: true, load: () => import('./sync.js') },
  { commands: ['scan'], load: () => import('./scan.js') },
  { commands: ['hooks'], load: () => import('./hooks.js') },
];

const VERSION_FLAGS = new Set(['-V', '--version']);

/** The areas a run with these arguments needs (see the header). */
export function areasFor(argv: readonly string[]): readonly CommandArea[] {
  const name = argv.find((a) => !a.startsWith('-'));
  if (name === undefined) return argv.some((a) => VERSION_FLAGS.has(a)) ? [] : COMMAND_AREAS;
  const area = COMMAND_AREAS.find((a) => a.commands.includes(name));
  return area ? [area] : COMMAND_AREAS;
}

/** Does a run with these arguments read the keychain (see CommandArea.keychain)? */
export const readsKeychain = (argv: readonly string[]): boolean => {
  const areas = areasFor(argv);
  return areas.length === 1 && areas[0]!.keychain === true && !argv.some((a) => a === '-h' || a === '--help');
};

/** Registers the areas a run with `argv` needs on `program`, in help order; returns how many. */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<number> {
  const modules = await Promise.all(areasFor(argv).map((a) => a.load()));
  for (const m of modules) m.register(program);
  return modules.length;
}
