import { describe, expect, it } from 'vitest';
import { clientsWith, dockerFor, findService, nameForDir } from '../../../../electron/core/workspace/presets/layout.js';
import { composeService, scanOf } from '../scan-builder.js';

describe('preset layout', () => {
  const scan = scanOf({
    env: { 'services/hub-go/.env': { API_KEY: 'k' }, 'apps/web/.env': { HUB_API_KEY: 'k' } },
    compose: [composeService('hub', 'services/hub-go/compose.yml', { envFiles: ['services/hub-go/.env'] })],
  });

  it('finds a service by conventional name, pattern, or identifying variable', () => {
    expect(findService(scan, { conventional: 'hub-go', pattern: /x/ })).toMatchObject({ dir: 'services/hub-go', found: true });
    expect(findService(scan, { conventional: 'nope', pattern: /hub/ }).compose?.name).toBe('hub');
    expect(findService(scan, { conventional: 'nope', pattern: /^zzz$/, hasVar: 'HUB_API_KEY' })).toMatchObject({ dir: 'apps/web', found: true });
    expect(findService(scan, { conventional: 'missing', pattern: /^zzz$/ })).toEqual({ dir: 'missing', found: false });
  });

  it('docker section from the found compose service, conventional when absent, none for a bare folder', () => {
    expect(dockerFor(findService(scan, { conventional: 'hub-go', pattern: /x/ }), 'x')).toEqual({ composeFile: 'compose.yml', service: 'hub' });
    expect(dockerFor({ dir: 'missing', found: false }, 'svc')).toEqual({ composeFile: 'compose.yaml', service: 'svc' });
    expect(dockerFor({ dir: 'apps/web', found: true }, 'svc')).toBeUndefined();
  });

  it('lists client folders by variable pattern, and names folders', () => {
    expect(clientsWith(scan, /^HUB_.*KEY$/, []).map((c) => [c.dir, c.var])).toEqual([['apps/web', 'HUB_API_KEY']]);
    expect(nameForDir('apps/web')).toBe('web');
    expect(nameForDir('')).toBe('app');
    expect(nameForDir('.devcontainer')).toBe('devcontainer'); // a valid service name
    expect(nameForDir('my app (old)')).toBe('my-app-old');
  });
});
