import { describe, expect, it } from 'vitest';
import { describeIssues, dispatch, isChannel } from '../../electron/app/api-dispatch.js';
import { KeyhiveError } from '../../shared/errors.js';
import { channels, type ApiHandlers } from '../../shared/api.js';

function handlers(overrides: Partial<Record<keyof ApiHandlers, (req: never) => Promise<unknown>>>): ApiHandlers {
  return overrides as unknown as ApiHandlers;
}

describe('API dispatch', () => {
  it('knows exactly the declared channels', () => {
    expect(isChannel('status.get')).toBe(true);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel(42)).toBe(false);
  });

  it('validates the request, applies defaults, and answers the value', async () => {
    let seen: unknown;
    const h = handlers({ 'activity.list': async (req) => ((seen = req), []) });
    expect(await dispatch(h, 'activity.list', {})).toEqual({ ok: true, value: [] });
    expect(seen).toEqual({ limit: 200 });
    expect(await dispatch(h, 'activity.list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('refuses invalid requests without echoing the sent values', async () => {
    const h = handlers({ 'secret.reveal': async () => ({ value: 'x', clearAfterSeconds: 20 }) });
    const r = await dispatch(h, 'secret.reveal', { secret: 123, service: 'hsk_live_sent_value' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(JSON.stringify(r)).not.toContain('hsk_live_sent_value');
    const extra = await dispatch(h, 'status.get', { smuggled: 'hsk_live_other' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(JSON.stringify(extra)).not.toContain('hsk_live_other');
    expect(await dispatch(h, 'no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('Unknown API channel') } });
  });

  it('turns thrown errors into payloads (code, message, fix — never a stack)', async () => {
    const h = handlers({
      'status.get': async () => {
        throw new KeyhiveError('KEYCHAIN_UNAVAILABLE', 'The keychain is locked.', { fix: 'Unlock it.' });
      },
      'workspace.current': async () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatch(h, 'status.get', {})).toEqual({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'The keychain is locked.', fix: 'Unlock it.' } });
    const r = await dispatch(h, 'workspace.current', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    expect(JSON.stringify(r)).not.toMatch(/\n\s+at /);
    expect(Object.keys(r.ok ? {} : r.error).sort()).toEqual(['code', 'fix', 'message']);
  });

  it('checks answers against the contract and strips undeclared fields', async () => {
    const h = handlers({
      'workspace.current': async () => ({ file: '/w/keyhive.yaml', secretValue: 'hsk_live_leak' }),
      'secret.copy': async () => ({ copied: 'yes' }),
    });
    expect(await dispatch(h, 'workspace.current', {})).toEqual({ ok: true, value: { file: '/w/keyhive.yaml' } });
    expect(await dispatch(h, 'secret.copy', { secret: 's' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('describes at most five issues by path', () => {
    const parsed = channels['keys.create'].request.safeParse({});
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error)).toMatch(/^issuer: .*; name: /);
  });
});
