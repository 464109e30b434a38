/**
 * Web-mode transport (`keyhive web`): POST `${web.apiPrefix}<channel>` with JSON, answered by a
 * JSON Result; events arrive as server-sent events on `web.eventsPath`. The session cookie was
 * set by the server when the page was opened with `?token=`, so requests stay same-origin.
 */
import { eventNames, web } from '../../../shared/api.js';
import type { Channel, EventName, EventOf, KeyhiveApi, RequestOf, ResponseOf, Result } from '../../../shared/api.js';
import { transportError, validateEvent, validateResult } from './validate.js';

type Listener = (payload: unknown) => void;

export interface WebApiOptions {
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  base?: string;
}

export function createWebApi(opts: WebApiOptions = {}): KeyhiveApi {
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = opts.base ?? '';
  const listeners = new Map<EventName, Set<Listener>>();
  let source: EventSource | null = null;

  const connect = (): void => {
    const ES = opts.EventSource ?? (typeof EventSource === 'undefined' ? undefined : EventSource);
    if (source || !ES) return;
    source = new ES(`${base}${web.eventsPath}`, { withCredentials: true });
    for (const name of eventNames) {
      source.addEventListener(name, (msg) => {
        let data: unknown;
        try {
          data = JSON.parse((msg as MessageEvent<string>).data);
        } catch {
          return;
        }
        const payload = validateEvent(name, data);
        if (payload === null) return;
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
  };

  const disconnectIfIdle = (): void => {
    const any = [...listeners.values()].some((s) => s.size > 0);
    if (!any && source) {
      source.close();
      source = null;
    }
  };

  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      let res: Response;
      try {
        res = await doFetch(`${base}${web.apiPrefix}${channel}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(request ?? {}),
        });
      } catch (e) {
        return { ok: false, error: transportError(channel, e) };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return {
          ok: false,
          error: {
            code: res.status === 401 || res.status === 403 ? 'UNAUTHORIZED' : 'INTERNAL',
            message: `The Keyhive web server answered "${channel}" with HTTP ${res.status} and no JSON body.`,
            fix:
              res.status === 401 || res.status === 403
                ? 'Open the exact URL `keyhive web` printed (it carries the one-time token).'
                : 'Check the terminal running `keyhive web` for the cause, then reload.',
          },
        };
      }
      return validateResult(channel, body);
    },
    on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as Listener;
      set.add(l);
      connect();
      return () => {
        set.delete(l);
        disconnectIfIdle();
      };
    },
  };
}
