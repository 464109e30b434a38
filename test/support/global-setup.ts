/**
 * Vitest global set-up: once per run, start the real outside world the tests use —
 * a private Secret Service (gnome-keyring on its own D-Bus session) and a private Docker
 * engine — export their addresses through process.env (inherited by the test workers),
 * and stop both at the end. Each starter says loudly when its part cannot start.
 *
 * Every vitest project (node, renderer, e2e) runs its global set-up in this same process, so
 * the parts are started once and shared: the first caller starts them, the last teardown stops them.
 */
import type { TestProject } from 'vitest/node';
import type { StartedPart } from './started-part.js';
import { startKeyringSession } from './keyring-session.js';
import { startDockerEngine } from './docker-engine.js';

interface SharedParts {
  ready: Promise<StartedPart[]>;
  users: number;
}
const KEY = Symbol.for('keyhive.test.global-setup');
const registry = globalThis as unknown as Record<symbol, SharedParts | undefined>;

async function startAll(): Promise<StartedPart[]> {
  const parts: StartedPart[] = [];
  for (const start of [startKeyringSession, startDockerEngine]) {
    const part = await start();
    Object.assign(process.env, part.env);
    if (part.unavailable) process.stderr.write(`\n!!! ${part.unavailable}\n\n`);
    parts.push(part);
  }
  return parts;
}

export default async function setup(_project: TestProject): Promise<() => Promise<void>> {
  const shared = (registry[KEY] ??= { ready: startAll(), users: 0 });
  shared.users++;
  const parts = await shared.ready;
  for (const part of parts) Object.assign(process.env, part.env);
  return async () => {
    if (--shared.users > 0) return;
    registry[KEY] = undefined;
    for (const part of [...parts].reverse()) await part.stop();
  };
}
