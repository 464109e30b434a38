import type { StartedPart } from './started-part.js';

/** Placeholder until the service-control work lands: starts nothing. */
export async function startDockerEngine(): Promise<StartedPart> {
  return { env: {}, stop: async () => {} };
}
