/** Standalone Hogsend reference server: `PORT=3002 ADMIN_API_KEY=hsk_… tsx electron/demo/peers/hogsend/main.ts`. */
import { systemClock } from '../issuer-common/clock.js';
import { runStandalone } from '../issuer-common/http.js';
import { start } from './server.js';

await runStandalone('hogsend', (port, env) => start({ port, env, clock: systemClock() }));
