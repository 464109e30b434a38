/**
 * The CLI loads command areas on demand (electron/cli/commands/registry.ts): the names each area
 * declares must be exactly the commands its module registers, or a command would run without
 * its area loaded (an "unknown command" for the user).
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { areasFor, COMMAND_AREAS, readsKeychain } from '../../electron/cli/commands/registry.js';
import { buildProgram } from '../../electron/cli/index.js';

type SpareNode = { KEYCHAIN_COMMANDS: string[]; wantsSpare: (argv: readonly string[]) => boolean };
const spareNode = (await import('../../electron/cli/spare-node.mjs' as string)) as SpareNode;

describe('CLI command areas', () => {
  it('each area declares exactly the top-level commands its module registers', async () => {
    for (const area of COMMAND_AREAS) {
      const program = new Command('keyhive');
      (await area.load()).register(program);
      expect(program.commands.map((c) => c.name())).toEqual([...area.commands]);
    }
  });

  it('a run loads only the area of its command; --version none; help and unknown commands all', () => {
    const status = COMMAND_AREAS.find((a) => a.commands.includes('status'));
    expect(areasFor(['status', '--json', '--workspace', 'x/keyhive.yaml'])).toEqual([status]);
    expect(areasFor(['down', '--workspace', 'x'])).toEqual([COMMAND_AREAS.find((a) => a.commands.includes('down'))]);
    expect(areasFor(['--version'])).toEqual([]);
    expect(areasFor(['-V'])).toEqual([]);
    expect(areasFor([])).toBe(COMMAND_AREAS);
    expect(areasFor(['--help'])).toBe(COMMAND_AREAS);
    expect(areasFor(['help', 'status'])).toBe(COMMAND_AREAS);
    expect(areasFor(['stauts'])).toBe(COMMAND_AREAS); // commander then suggests "status"
  });

  it('the full program has every command once, in help order', async () => {
    const names = (await buildProgram()).commands.map((c) => c.name());
    expect(names).toEqual(COMMAND_AREAS.flatMap((a) => a.commands));
    expect(new Set(names).size).toBe(names.length);
  });

  it('keyhive.mjs starts a spare node for the keychain helper exactly for the runs that read the keychain', () => {
    const keychainCommands = COMMAND_AREAS.filter((a) => a.keychain).flatMap((a) => a.commands);
    expect([...spareNode.KEYCHAIN_COMMANDS].sort()).toEqual([...keychainCommands].sort());
    const runs = [['status', '--json'], ['--workspace', 'status'], ['sync', 'x', '--from', 'y'], ['status', '--help'], ['keys', '-h'], ['scan', '.'], ['--version'], [], ['help', 'status'], ['stauts']];
    for (const argv of runs) expect(spareNode.wantsSpare(argv), argv.join(' ')).toBe(readsKeychain(argv));
  });
});
