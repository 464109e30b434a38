import { describe, expect, it } from 'vitest';
import { describeState, healthContainerPort, publishedUrlOf } from '../../../electron/adapters/docker/docker-readiness.js';
import type { ContainerInspect } from '../../../electron/adapters/docker/engine-api.js';
import type { ServiceTarget } from '../../../electron/adapters/docker/compose-target.js';
import { ServiceSchema } from '../../../electron/core/workspace/schema.js';

function container(state: Partial<ContainerInspect['State']>, ports: ContainerInspect['NetworkSettings']['Ports'] = null, restarts = 0): ContainerInspect {
  return {
    Id: 'c1',
    Name: '/x',
    RestartCount: restarts,
    Config: { Env: [], Tty: false, Labels: {} },
    State: { Status: 'running', Running: true, Restarting: false, ExitCode: 0, StartedAt: '2026-01-01T00:00:00Z', FinishedAt: '', ...state },
    NetworkSettings: { Ports: ports },
  };
}

describe('docker readiness helpers', () => {
  it('maps a published port to a loopback URL', () => {
    const c = container({}, { '8080/tcp': [{ HostIp: '0.0.0.0', HostPort: '18090' }], '9000/tcp': null, '7000/tcp': [{ HostIp: '127.0.0.1', HostPort: '17000' }] });
    expect(publishedUrlOf(c, 8080)).toBe('http://127.0.0.1:18090');
    expect(publishedUrlOf(c, 7000)).toBe('http://127.0.0.1:17000');
    expect(publishedUrlOf(c, 9000)).toBeNull();
    expect(publishedUrlOf(c, 1234)).toBeNull();
  });

  it('describes states in plain words', () => {
    expect(describeState(container({ Restarting: true, ExitCode: 1 }, null, 3))).toBe('restarting (crash loop: 3 restarts, last exit 1)');
    expect(describeState(container({ Status: 'exited', Running: false, ExitCode: 137 }))).toBe('exited (exit 137)');
    expect(describeState(container({ Health: { Status: 'healthy' } }))).toMatch(/^running \(healthy\) since /);
  });

  it('finds the health port from urls.docker, else the first published tcp port', () => {
    const target = { compose: { ports: [{ containerPort: 3000, protocol: 'tcp' }] } } as unknown as ServiceTarget;
    const svc = (urls: Record<string, string>) => ({ name: 's', dir: '/', envFiles: [], config: ServiceSchema.parse({ dir: '.', urls, health: '/health' }) });
    expect(healthContainerPort(svc({ docker: 'http://hub:8080' }), target)).toBe(8080);
    expect(healthContainerPort(svc({ docker: 'http://hub' }), target)).toBe(80);
    expect(healthContainerPort(svc({}), target)).toBe(3000);
  });
});
