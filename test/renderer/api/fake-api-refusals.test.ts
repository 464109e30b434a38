/**
 * The renderer's test double refuses what the engine refuses, with the engine's own checks and
 * words (both call electron/core/rotation/rotation-kind.ts; test/app/rotate.test.ts checks the
 * engine's side): a component test that passes against the fake cannot hide a call the engine
 * would turn down.
 */
import { describe, expect, it } from 'vitest';
import { FakeApi } from '../fake-api.js';

describe('the fake API refuses what the engine refuses', () => {
  it('secret.rotate of an issued key is BAD_INPUT, pointing at the issuer rotation', async () => {
    const api = new FakeApi();
    const r = await api.invoke('secret.rotate', { secret: 'tokenhub-key' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.message).toBe('"tokenhub-key" is issued by tokenhub: its rotation creates a key through the issuer\'s admin API');
    expect(r.error.fix).toContain('keyhive keys rotate tokenhub-key');
  });

  it('secret.rotate of an unknown secret is NOT_FOUND; a generated secret still rotates', async () => {
    const api = new FakeApi();
    const missing = await api.invoke('secret.rotate', { secret: 'nope' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const name = api.status!.secrets.find((s) => !s.issuer)!.name;
    expect((await api.invoke('secret.rotate', { secret: name })).ok).toBe(true);
  });
});
