/**
 * undici's HTTP client (Agent and `request`) without the rest of the package. `import 'undici'`
 * loads everything it offers — fetch, WebSocket, EventSource, mock agents, caches, and through
 * them Node's own bundled copy of undici — which costs a `keyhive` run more CPU than starting
 * Node does. Keyhive uses only the dispatcher API, so this loads the three modules behind it
 * (the same files `undici`'s index loads, so classes and the global dispatcher are shared with
 * any code that imports the whole package) and does what the index's `request` does: split the
 * URL into origin and path and call the dispatcher's `request`. Loaded with require (not bundled),
 * from the undici in node_modules, so there is one copy of it.
 */
import { createRequire } from 'node:module';
import type { Agent as UndiciAgent, Dispatcher, request as undiciRequest } from 'undici';

const load = createRequire(import.meta.url);
const DispatcherClass = load('undici/lib/dispatcher/dispatcher.js') as { prototype: Record<string, unknown> };
// What undici's index does once: the request/stream/pipeline/… methods on every dispatcher.
if (typeof DispatcherClass.prototype.request !== 'function') Object.assign(DispatcherClass.prototype, load('undici/lib/api/index.js'));

export const Agent = load('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;
export type Agent = UndiciAgent;
// eslint-disable-next-line @typescript-eslint/no-namespace -- mirrors undici's `Agent.Options`
export declare namespace Agent {
  type Options = UndiciAgent.Options;
}
export type { Dispatcher };

const { getGlobalDispatcher } = load('undici/lib/global.js') as { getGlobalDispatcher: () => Dispatcher };

type RequestOptions = Partial<Omit<Dispatcher.RequestOptions, 'origin' | 'path'>> & { dispatcher?: Dispatcher };

function liteRequest(url: string | URL, opts: RequestOptions = {}): Promise<Dispatcher.ResponseData> {
  const u = typeof url === 'string' ? new URL(url) : url;
  const { dispatcher = getGlobalDispatcher(), ...rest } = opts;
  return dispatcher.request({
    ...rest,
    origin: u.origin,
    path: u.search ? `${u.pathname}${u.search}` : u.pathname,
    method: rest.method ?? (rest.body ? 'PUT' : 'GET'),
  });
}

/** undici's `request(url, options)`. */
export const request = liteRequest as unknown as typeof undiciRequest;
