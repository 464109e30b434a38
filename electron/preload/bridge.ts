/** The `window.keyhive` object: a whitelist of channels and events over ipcRenderer. */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  channelNames,
  eventNames,
  IPC_EVENT_CHANNEL,
  ipcChannelOf,
  type Channel,
  type EventName,
  type EventOf,
  type KeyhiveApi,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/api.js';

const CHANNELS: ReadonlySet<string> = new Set(channelNames);
const EVENTS: ReadonlySet<string> = new Set(eventNames);

export function createPreloadApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KeyhiveApi {
  return Object.freeze({
    invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      if (!CHANNELS.has(channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'BAD_INPUT', message: `Unknown API channel "${String(channel).slice(0, 60)}".`, fix: 'Use a channel from shared/api.ts.' },
        });
      }
      return ipc.invoke(ipcChannelOf(channel), request) as Promise<Result<ResponseOf<C>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      if (!EVENTS.has(event)) throw new Error(`Unknown Keyhive event "${String(event).slice(0, 60)}".`);
      const handler = (_e: IpcRendererEvent, message: unknown): void => {
        const m = message as { name?: unknown; payload?: unknown } | null;
        if (m && m.name === event) listener(m.payload as EventOf<E>);
      };
      ipc.on(IPC_EVENT_CHANNEL, handler);
      return () => void ipc.removeListener(IPC_EVENT_CHANNEL, handler);
    },
  });
}
