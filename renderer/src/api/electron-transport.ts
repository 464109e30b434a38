/** Desktop transport: the preload's `window.keyhive`, with every answer validated. */
import type { Channel, EventName, EventOf, KeyhiveApi, RequestOf, ResponseOf, Result } from '../../../shared/api.js';
import { transportError, validateEvent, validateResult } from './validate.js';

export function createElectronApi(bridge: KeyhiveApi): KeyhiveApi {
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      try {
        return validateResult(channel, await bridge.invoke(channel, request));
      } catch (e) {
        return { ok: false, error: transportError(channel, e) };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      return bridge.on(event, (raw) => {
        const payload = validateEvent(event, raw);
        if (payload) listener(payload);
      });
    },
  };
}
