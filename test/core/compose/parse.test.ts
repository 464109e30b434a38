import { describe, expect, it } from 'vitest';
import { parseComposeFile, parseShortPort, interpolatedVariables } from '../../../electron/core/compose/parse.js';
import { isKeyhiveError } from '../../../shared/errors.js';

const FILE = '/ws/hivecfm-hub/docker-compose.yml';

describe('parseComposeFile', () => {
  it('reads env_file in string, list and {path, required} forms, resolved against the compose dir', () => {
    const c = parseComposeFile(
      `services:
  a:
    env_file: .env
  b:
    env_file: [.env, ../shared/.env.common]
  c:
    env_file:
      - path: ./.env
        required: true
      - path: .env.local
        required: false
`,
      FILE,
    );
    expect(c.services['a']?.envFiles).toEqual(['/ws/hivecfm-hub/.env']);
    expect(c.services['b']?.envFiles).toEqual(['/ws/hivecfm-hub/.env', '/ws/shared/.env.common']);
    expect(c.services['c']?.envFileEntries).toEqual([
      { path: '/ws/hivecfm-hub/.env', required: true },
      { path: '/ws/hivecfm-hub/.env.local', required: false },
    ]);
  });

  it('reads environment in map and list forms; a bare key is a shell pass-through (null)', () => {
    const c = parseComposeFile(
      `services:
  m:
    environment:
      API_KEY: other
      PORT: 8080
      DEBUG: true
      FROM_SHELL:
  l:
    environment:
      - API_KEY=a=b=c
      - EMPTY=
      - FROM_SHELL
`,
      FILE,
    );
    expect(c.services['m']?.environment).toEqual({ API_KEY: 'other', PORT: '8080', DEBUG: 'true', FROM_SHELL: null });
    expect(c.services['l']?.environment).toEqual({ API_KEY: 'a=b=c', EMPTY: '', FROM_SHELL: null });
  });

  it('reads ports in short and long forms', () => {
    const c = parseComposeFile(
      `services:
  hub:
    ports:
      - "127.0.0.1:8090:8080"
      - 9000
      - "5000:5000/udp"
      - target: 80
        published: "8081"
        host_ip: 127.0.0.1
        protocol: tcp
`,
      FILE,
    );
    expect(c.services['hub']?.ports).toEqual([
      { host: '127.0.0.1', hostPort: 8090, containerPort: 8080, protocol: 'tcp' },
      { containerPort: 9000, protocol: 'tcp' },
      { hostPort: 5000, containerPort: 5000, protocol: 'udp' },
      { host: '127.0.0.1', hostPort: 8081, containerPort: 80, protocol: 'tcp' },
    ]);
  });

  it('reads labels, image, build context, healthcheck, container_name and the project name', () => {
    const c = parseComposeFile(
      `name: hivecfm
services:
  hub:
    image: hivecfm/hub:1
    build:
      context: ./hub
    container_name: hub-1
    labels: ["team=core", "tier"]
    healthcheck:
      test: ["CMD", "wget", "-q", "http://localhost:8080/health"]
      interval: 5s
      retries: 3
  core:
    build: .
    labels:
      team: core
`,
      FILE,
    );
    expect(c.name).toBe('hivecfm');
    const hub = c.services['hub'];
    expect(hub?.image).toBe('hivecfm/hub:1');
    expect(hub?.build).toBe('/ws/hivecfm-hub/hub');
    expect(hub?.containerName).toBe('hub-1');
    expect(hub?.labels).toEqual({ team: 'core', tier: '' });
    expect(hub?.healthcheck).toEqual({ test: ['CMD', 'wget', '-q', 'http://localhost:8080/health'], interval: '5s', retries: 3 });
    expect(c.services['core']?.build).toBe('/ws/hivecfm-hub');
    expect(c.services['core']?.labels).toEqual({ team: 'core' });
  });

  it('reports ${VAR} interpolation with its path and line, and ignores $$ escapes', () => {
    const c = parseComposeFile(
      `services:
  hub:
    image: hub:\${TAG:-latest}
    environment:
      API_KEY: \${API_KEY}
      PRICE: $$5
      OTHER: $HOME/x
`,
      FILE,
    );
    expect(c.interpolations).toEqual([
      { variable: 'TAG', path: 'services.hub.image', line: 3 },
      { variable: 'API_KEY', path: 'services.hub.environment.API_KEY', line: 5 },
      { variable: 'HOME', path: 'services.hub.environment.OTHER', line: 7 },
    ]);
  });

  it('gives a clear error with the line for invalid YAML', () => {
    try {
      parseComposeFile('services:\n  hub:\n    image: [unclosed\n', FILE);
      expect.unreachable('should throw');
    } catch (e) {
      expect(isKeyhiveError(e) && e.code).toBe('WORKSPACE_INVALID');
      expect(isKeyhiveError(e) && e.file).toBe(FILE);
      expect(isKeyhiveError(e) && typeof e.line).toBe('number');
    }
  });

  it('handles an empty file and services without keys', () => {
    expect(parseComposeFile('', FILE).services).toEqual({});
    expect(parseComposeFile('services:\n  a:\n', FILE).services['a']).toMatchObject({ envFiles: [], environment: {}, ports: [] });
  });
});

describe('parseShortPort', () => {
  it('expands ranges and understands IPv6 hosts', () => {
    expect(parseShortPort('8000-8001:9000-9001')).toEqual([
      { hostPort: 8000, containerPort: 9000, protocol: 'tcp' },
      { hostPort: 8001, containerPort: 9001, protocol: 'tcp' },
    ]);
    expect(parseShortPort('[::1]:8090:8080')).toEqual([{ host: '::1', hostPort: 8090, containerPort: 8080, protocol: 'tcp' }]);
    expect(parseShortPort('127.0.0.1::8080')).toEqual([{ host: '127.0.0.1', containerPort: 8080, protocol: 'tcp' }]);
    expect(parseShortPort('nonsense')).toEqual([]);
  });
});

describe('interpolatedVariables', () => {
  it('finds ${VAR}, ${VAR:-x}, ${VAR?err} and $VAR', () => {
    expect(interpolatedVariables('${A} ${B:-x} ${C?err} $D $$E')).toEqual(['A', 'B', 'C', 'D']);
  });
});
