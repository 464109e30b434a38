import { describe, expect, it } from 'vitest';
import { parseComposeFile } from '../../../electron/core/compose/parse.js';
import { effectiveContainerEnv, environmentOverride } from '../../../electron/core/compose/effective.js';

const compose = parseComposeFile(
  `services:
  hub:
    env_file: [.env, .env.override]
    environment:
      API_KEY: other
      PRICE: $$5
      FROM_SHELL:
      TEMPLATED: \${TOKEN}
`,
  '/ws/hub/compose.yaml',
);
const hub = compose.services['hub']!;

describe('effectiveContainerEnv', () => {
  it('applies env files in order (later wins), then environment (beats env_file)', () => {
    const env = effectiveContainerEnv(hub, {
      '/ws/hub/.env': { API_KEY: 'from-env', PORT: '1', LOG: 'a' },
      '/ws/hub/.env.override': { PORT: '2' },
    });
    expect(env['LOG']).toEqual({ value: 'a', source: { kind: 'env-file', file: '/ws/hub/.env' } });
    expect(env['PORT']).toEqual({ value: '2', source: { kind: 'env-file', file: '/ws/hub/.env.override' } });
    expect(env['API_KEY']?.value).toBe('other');
    expect(env['API_KEY']?.source.kind).toBe('compose-environment');
    expect(env['PRICE']?.value).toBe('$5');
    expect(env['TEMPLATED']?.value).toBeNull();
  });

  it('skips a missing env file', () => {
    const env = effectiveContainerEnv(hub, { '/ws/hub/.env.override': { PORT: '2' } });
    expect(env['PORT']?.value).toBe('2');
  });

  it('fills pass-through keys from the shell env when given, and drops them when the shell lacks them', () => {
    expect(effectiveContainerEnv(hub, {}, { FROM_SHELL: 'x' })['FROM_SHELL']?.value).toBe('x');
    expect(effectiveContainerEnv(hub, {}, {})['FROM_SHELL']).toBeUndefined();
    expect(effectiveContainerEnv(hub, {})['FROM_SHELL']?.value).toBeNull();
  });
});

describe('environmentOverride', () => {
  it('classifies literal, interpolated and pass-through entries', () => {
    expect(environmentOverride(hub, 'API_KEY')).toEqual({ kind: 'literal', value: 'other' });
    expect(environmentOverride(hub, 'TEMPLATED')).toEqual({ kind: 'interpolated', expression: '${TOKEN}', variables: ['TOKEN'] });
    expect(environmentOverride(hub, 'FROM_SHELL')).toEqual({ kind: 'pass-through' });
    expect(environmentOverride(hub, 'NOPE')).toBeUndefined();
  });
});
