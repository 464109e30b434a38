/**
 * Checks what the engine answered against the channel's / event's zod schema, so a view never
 * renders a shape it does not expect. A mismatch becomes an INTERNAL error payload with a fix.
 */
import { channels, events, ResultSchema } from '../../../shared/api.js';
import type { Channel, EventName, EventOf, ResponseOf, Result } from '../../../shared/api.js';
import type { ErrorPayload } from '../../../shared/errors.js';

export function invalidResponse(channel: string, why: string): ErrorPayload {
  return {
    code: 'INTERNAL',
    message: `The engine answered "${channel}" with an unexpected shape (${why}).`,
    fix: 'The UI and the engine are from different versions: restart Keyhive; if it persists, report it.',
  };
}

export function validateResult<C extends Channel>(channel: C, raw: unknown): Result<ResponseOf<C>> {
  const parsed = ResultSchema(channels[channel].response).safeParse(raw);
  if (!parsed.success) return { ok: false, error: invalidResponse(channel, parsed.error.issues[0]?.message ?? 'invalid') };
  return parsed.data as Result<ResponseOf<C>>;
}

export function validateEvent<E extends EventName>(event: E, raw: unknown): EventOf<E> | null {
  const parsed = events[event].safeParse(raw);
  return parsed.success ? (parsed.data as EventOf<E>) : null;
}

export function transportError(channel: string, e: unknown): ErrorPayload {
  const what = e instanceof Error ? e.message : String(e);
  return {
    code: 'INTERNAL',
    message: `Could not reach the Keyhive engine for "${channel}": ${what}.`,
    fix: 'Check that Keyhive (or `keyhive web`) is still running, then reload this window.',
  };
}
