import { describe, expect, it } from 'vitest';
import { baseOf, COMPOSE_OVERRIDE, dirOf, ENV_FILE, ENV_TEMPLATE, joinRel, orderEnvFiles, relativeTo } from '../../../electron/core/workspace/project-scan.js';

describe('project-scan helpers', () => {
  it('recognises env files, templates and compose overrides', () => {
    for (const n of ['.env', '.env.local', '.env.development', '.env.development.local']) expect(ENV_FILE.test(n), n).toBe(true);
    for (const n of ['env', '.envrc', 'x.env']) expect(ENV_FILE.test(n), n).toBe(false);
    for (const n of ['.env.example', '.env.sample', '.env.template', '.env.local.example']) expect(ENV_TEMPLATE.test(n), n).toBe(true);
    expect(ENV_TEMPLATE.test('.env.local')).toBe(false);
    for (const n of ['compose.override.yaml', 'docker-compose.prod.yml', 'docker-compose.override.yml']) expect(COMPOSE_OVERRIDE.test(n), n).toBe(true);
    expect(COMPOSE_OVERRIDE.test('docker-compose.yml')).toBe(false);
  });

  it('orders env files by precedence: .env, mode files, .local files, .env.local last', () => {
    expect(orderEnvFiles(['.env.local', '.env.production', '.env', '.env.development.local', '.env.development'])).toEqual([
      '.env',
      '.env.development',
      '.env.production',
      '.env.development.local',
      '.env.local',
    ]);
  });

  it('works with relative posix paths', () => {
    expect(joinRel('', '.env')).toBe('.env');
    expect(joinRel('a/b', '.env')).toBe('a/b/.env');
    expect(dirOf('a/b/.env')).toBe('a/b');
    expect(dirOf('.env')).toBe('');
    expect(baseOf('a/b/compose.yaml')).toBe('compose.yaml');
    expect(relativeTo('api', 'compose.yaml')).toBe('../compose.yaml');
    expect(relativeTo('hub', 'hub/compose.yaml')).toBe('compose.yaml');
    expect(relativeTo('', 'a/.env')).toBe('a/.env');
    expect(relativeTo('a/b', 'a/c/x.yml')).toBe('../c/x.yml');
    expect(relativeTo('a', 'a')).toBe('.');
  });
});
