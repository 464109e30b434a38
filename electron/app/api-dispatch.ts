/**
 * One request through the typed API, whatever the transport: check the channel is ours,
 * validate the payload with the channel's zod schema, run the handler, and answer a `Result`.
 * Errors become an `ErrorPayload` (code, message, fix — never a stack, never a value).
 * Responses are parsed through the channel's response schema too, which strips any field the
 * contract does not declare (so nothing extra can leak) and catches handler bugs.
 */
import type { z } from 'zod';
import { channels, type ApiHandlers, type Channel, type Result } from '../../shared/api.js';
import { KeyhiveError, toErrorPayload } from '../../shared/errors.js';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** Say which fields are wrong without echoing what was sent (it may be a secret). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(request)'}: ${i.message}`)
    .join('; ');
}

export async function dispatch(handlers: ApiHandlers, channel: unknown, rawRequest: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: new KeyhiveError('BAD_INPUT', `Unknown API channel "${String(channel).slice(0, 60)}".`, {
        fix: 'Use one of the channels declared in shared/api.ts.',
      }).toPayload(),
    };
  }
  const schema = channels[channel];
  const parsed = schema.request.safeParse(rawRequest ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: new KeyhiveError('BAD_INPUT', `Invalid request for ${channel}: ${describeIssues(parsed.error)}.`, {
        fix: `Send the fields ${channel} expects (see shared/api.ts).`,
      }).toPayload(),
    };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = schema.response.safeParse(value);
    if (!checked.success) {
      throw new KeyhiveError('INTERNAL', `The ${channel} answer does not match the API contract: ${describeIssues(checked.error)}.`, {
        fix: 'This is a bug in Keyhive; please report it with the steps that led here.',
      });
    }
    return { ok: true, value: checked.data };
  } catch (e) {
    return { ok: false, error: toErrorPayload(e) };
  }
}
