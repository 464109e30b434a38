/** Standalone TokenHub reference server: `PORT=8080 TOKENHUB_ADMIN_TOKEN=… tsx electron/demo/peers/tokenhub/main.ts`. */
import { systemClock } from '../issuer-common/clock.js';
import { runStandalone } from '../issuer-common/http.js';
import { persistMap } from '../issuer-common/persist.js';
import { start } from './server.js';

await runStandalone('tokenhub', async (port, env) => {
  const peer = await start({ port, env, clock: systemClock() });
  const flush = persistMap(peer.store.keys, env.PEER_STATE_FILE);
  return { url: peer.url, close: async () => (flush(), peer.close()) };
});
