/** Standalone Hogsend reference server: `PORT=3002 ADMIN_API_KEY=hsk_… tsx electron/demo/peers/hogsend/main.ts`. */
import { systemClock } from '../issuer-common/clock.js';
import { runStandalone } from '../issuer-common/http.js';
import { persistMap } from '../issuer-common/persist.js';
import { start } from './server.js';

await runStandalone('hogsend', async (port, env) => {
  const peer = await start({ port, env, clock: systemClock() });
  const flush = persistMap(peer.store.keys, env.PEER_STATE_FILE);
  return { url: peer.url, close: async () => (flush(), peer.close()) };
});
