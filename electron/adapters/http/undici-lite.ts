/**
 * undici's HTTP client (Agent and `request`) without the rest of the package. `import 'undici'`
 * loads everything it offers — fetch, WebSocket, EventSource, mock agents, caches, and through
 * them Node's own bundled copy of undici — which costs a `keyhive` run more CPU than starting
 * Node does. Keyhive uses only the dispatcher API, so this loads the three modules behind it
 * (the same files `undici`'s index loads, so classes and the global dispatcher are shared with
 * any code that imports the whole package) and does what the index's `request` does: split the
 * URL into origin and path and call the dispatcher's `request`. The CLI bundle holds just these
 * modules; nothing else in it imports undici. Types: ./undici-internals.d.ts.
 */
import type { Agent as UndiciAgent, Dispatcher, request as undiciRequest } from 'undici';
import api from 'undici/lib/api/index.js';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import undiciGlobal from 'undici/lib/global.js';

// What undici's index does once: the request/stream/pipeline/… methods on every dispatcher.
if (typeof DispatcherClass.prototype.request !== 'function') Object.assign(DispatcherClass.prototype, api);

export const Agent = AgentClass;
export type Agent = UndiciAgent;
// eslint-disable-next-line @typescript-eslint/no-namespace -- mirrors undici's `Agent.Options`
export declare namespace Agent {
  type Options = UndiciAgent.Options;
}
export type { Dispatcher };

const { getGlobalDispatcher } = undiciGlobal;

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
