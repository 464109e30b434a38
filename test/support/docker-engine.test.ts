import { expect, it } from 'vitest';
import { pingSocket, startDockerEngine } from './docker-engine.js';
import { describeDocker } from './describe-docker.js';

it('says a socket with nothing behind it does not answer', async () => {
  expect(await pingSocket(`/tmp/kh-nothing-${process.pid}.sock`, 500)).toBe(false);
});

it('reports Docker as unavailable, with the reason, when KEYHIVE_TEST_DOCKER=0', async () => {
  const saved = process.env.KEYHIVE_TEST_DOCKER;
  process.env.KEYHIVE_TEST_DOCKER = '0';
  try {
    const part = await startDockerEngine();
    expect(part.unavailable).toContain('KEYHIVE_TEST_DOCKER=0');
    expect(part.env.DOCKER_HOST).toBeUndefined();
  } finally {
    if (saved === undefined) delete process.env.KEYHIVE_TEST_DOCKER;
    else process.env.KEYHIVE_TEST_DOCKER = saved;
  }
});

describeDocker('the shared test engine', () => {
  it('answers /_ping, and a second start reuses it and does not stop it', async () => {
    const host = process.env.DOCKER_HOST!;
    expect(await pingSocket(host.replace('unix://', ''))).toBe(true);
    const again = await startDockerEngine();
    expect(again.env.DOCKER_HOST).toBe(host);
    await again.stop();
    expect(await pingSocket(host.replace('unix://', ''))).toBe(true);
  });
});
