/**
 * Vitest global set-up: once per run, start the real outside world the tests use —
 * a private Secret Service (gnome-keyring on its own D-Bus session) and a private Docker
 * engine — export their addresses through process.env (inherited by the test workers),
 * and stop both at the end. Each starter says loudly when its part cannot start.
 */
import type { TestProject } from 'vitest/node';
import { startKeyringSession } from './keyring-session.js';
import { startDockerEngine } from './docker-engine.js';

export default async function setup(_project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  for (const start of [startKeyringSession, startDockerEngine]) {
    const part = await start();
    Object.assign(process.env, part.env);
    if (part.unavailable) process.stderr.write(`\n!!! ${part.unavailable}\n\n`);
    stops.push(part.stop);
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
