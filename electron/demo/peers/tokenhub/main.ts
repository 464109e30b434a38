/** Standalone TokenHub reference server: `PORT=8080 TOKENHUB_ADMIN_TOKEN=… tsx electron/demo/peers/tokenhub/main.ts`. */
import { systemClock } from '../issuer-common/clock.js';
import { runStandalone } from '../issuer-common/http.js';
import { start } from './server.js';

await runStandalone('tokenhub', (port, env) => start({ port, env, clock: systemClock() }));
