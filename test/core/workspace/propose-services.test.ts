import { describe, expect, it } from 'vitest';
import { proposeServices } from '../../../electron/core/workspace/propose-services.js';
import { composeService, hivecfmScan, scanOf } from './scan-builder.js';

describe('proposeServices', () => {
  it('one service per compose service with env files: dir, env files (.env.local last), compose file, URLs', () => {
    const byName = Object.fromEntries(proposeServices(hivecfmScan(), 'proj').map((s) => [s.name, s.input]));
    expect(byName['hivecfm-core']).toEqual({
      dir: 'hivecfm-core',
      envFiles: ['.env', '.env.local'],
      docker: { composeFile: 'docker-compose.yml', service: 'hivecfm-core' },
      urls: { docker: 'http://hivecfm-core:3000', native: 'http://localhost:3000' },
    });
    expect(byName['hivecfm-hub-api']).toMatchObject({ dir: 'hivecfm-hub', envFiles: ['.env'], urls: { docker: 'http://hivecfm-hub-api:8080', native: 'http://localhost:8090' } });
  });

  it('a root compose file: paths relative to each service dir, project name kept', () => {
    const scan = scanOf({
      env: { 'api/.env': { API_KEY: 'a' } },
      compose: [composeService('api', 'compose.yaml', { envFiles: ['api/.env'], project: 'shop' }), composeService('db', 'compose.yaml', { environment: ['POSTGRES_PASSWORD'] })],
    });
    const services = proposeServices(scan, 'shop');
    expect(services.map((s) => s.name)).toEqual(['api']); // db has no env file to keep in sync
    expect(services[0]?.input.docker).toEqual({ composeFile: '../compose.yaml', service: 'api', project: 'shop' });
  });

  it('folders with .env files and no compose service become native services', () => {
    const scan = scanOf({ env: { 'tools/cli/.env': { TOKEN: 't' }, 'tools/cli/.env.local': { TOKEN: 't' }, '.env': { X: '1' } } });
    const services = proposeServices(scan, 'proj');
    expect(services.map((s) => [s.name, s.input])).toEqual([
      ['proj', { dir: '.', envFiles: ['.env'] }],
      ['cli', { dir: 'tools/cli', envFiles: ['.env', '.env.local'] }],
    ]);
  });

  it('keeps names unique when two compose files use the same service name', () => {
    const scan = scanOf({
      env: { 'a/.env': { K: '1' }, 'b/.env': { K: '2' } },
      compose: [composeService('app', 'a/compose.yaml', { envFiles: ['a/.env'] }), composeService('app', 'b/compose.yaml', { envFiles: ['b/.env'] })],
    });
    expect(proposeServices(scan, 'p').map((s) => s.name)).toEqual(['app', 'b-app']);
  });
});
