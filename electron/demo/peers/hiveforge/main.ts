/**
 * Standalone HiveForge reference server:
 * `PORT=8000 HIVEFORGE_JWT_SECRET=… HIVEFORGE_ENVIRONMENT=sandbox tsx electron/demo/peers/hiveforge/main.ts`.
 * Seeds one organisation owner and prints a JWT for it (the peer has no login endpoint).
 */
import { systemClock } from '../issuer-common/clock.js';
import { runStandalone } from '../issuer-common/http.js';
import { persistMap } from '../issuer-common/persist.js';
import { start } from './server.js';

await runStandalone('hiveforge', async (port, env) => {
  const peer = await start({ port, env, clock: systemClock() });
  const flush = persistMap(peer.store.keys, env.PEER_STATE_FILE);
  // HIVEFORGE_OWNER_ID fixes the owner's id so a JWT signed with HIVEFORGE_JWT_SECRET for it (the demo's set-up) works.
  const owner = peer.store.addUser({ email: 'owner@example.test', orgId: 'org-1', role: 'owner', ...(env.HIVEFORGE_OWNER_ID ? { id: env.HIVEFORGE_OWNER_ID } : {}) });
  process.stdout.write(`owner JWT: ${peer.jwtFor(owner)}\n`);
  return { url: peer.url, close: async () => (flush(), peer.close()) };
});
