import type { StartedPart } from './started-part.js';

/** Placeholder until the keychain work lands: starts nothing. */
export async function startKeyringSession(): Promise<StartedPart> {
  return { env: {}, stop: async () => {} };
}
