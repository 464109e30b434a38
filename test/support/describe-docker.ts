/**
 * For tests that need the real Docker engine: `describeDocker` runs the suite when the global
 * set-up exported a working engine (DOCKER_HOST) and otherwise skips it, saying loudly why.
 * Only a missing/failed engine (or KEYHIVE_TEST_DOCKER=0) skips — never a test failure.
 */
import { describe } from 'vitest';
import { UNAVAILABLE_VAR } from './docker-engine.js';

/** null when Docker is there; otherwise the reason it is not. */
export function dockerUnavailableReason(): string | null {
  const reason = process.env[UNAVAILABLE_VAR];
  if (reason) return reason;
  if (!process.env.DOCKER_HOST) return 'no DOCKER_HOST exported by the global set-up (test/support/docker-engine.ts)';
  return null;
}

export function dockerAvailable(): boolean {
  return dockerUnavailableReason() === null;
}

const warned = new Set<string>();

/**
 * `describe` that skips (loudly, once per suite name) when the Docker engine is unavailable.
 * `options` as for describe (e.g. `{ shuffle: false }` for a scenario whose tests are steps).
 */
export function describeDocker(name: string, fn: () => void, options: { shuffle?: boolean } = {}): void {
  const reason = dockerUnavailableReason();
  if (reason && !warned.has(name)) {
    warned.add(name);
    process.stderr.write(`\n!!! SKIPPING "${name}": Docker engine unavailable: ${reason}\n`);
  }
  describe.skipIf(reason !== null)(name, options, fn);
}
