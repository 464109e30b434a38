import { describe, expect, it } from 'vitest';
import { DockerEngine, demuxLogStream, engineEndpoint, envListToRecord } from '../../../electron/adapters/docker/engine-api.js';
import { describeDocker } from '../../support/describe-docker.js';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

describe('Engine API helpers', () => {
  it('demultiplexes stdout/stderr frames in order, and passes a TTY stream through', () => {
    expect(demuxLogStream(Buffer.concat([frame(1, 'one\n'), frame(2, 'two\n'), frame(1, 'three\n')]))).toBe('one\ntwo\nthree\n');
    expect(demuxLogStream(Buffer.from('plain tty output\n'))).toBe('plain tty output\n');
  });

  it('reads Config.Env entries, splitting at the first "=" only', () => {
    expect(envListToRecord(['A=1', 'B=x=y', 'EMPTY=', 'BARE'])).toEqual({ A: '1', B: 'x=y', EMPTY: '', BARE: '' });
    expect(envListToRecord(null)).toEqual({});
  });

  it('honours DOCKER_HOST forms and refuses unknown ones with the fix', () => {
    expect(engineEndpoint('unix:///tmp/x.sock')).toMatchObject({ socketPath: '/tmp/x.sock' });
    expect(engineEndpoint('')).toMatchObject({ socketPath: '/var/run/docker.sock' });
    expect(engineEndpoint('tcp://127.0.0.1:2375')).toMatchObject({ origin: 'http://127.0.0.1:2375' });
    expect(() => engineEndpoint('ssh://me@host')).toThrow(expect.objectContaining({ code: 'DOCKER_UNAVAILABLE', fix: expect.stringContaining('DOCKER_HOST') }));
  });

  it('says a dead socket is not answering, quickly', async () => {
    const engine = new DockerEngine(`unix:///tmp/kh-no-engine-${process.pid}.sock`);
    await expect(engine.ping()).rejects.toMatchObject({ code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining('is not answering') });
    await expect(engine.composeContainers('p', 's')).rejects.toMatchObject({ code: 'DOCKER_UNAVAILABLE' });
    await engine.close();
  });
});

describeDocker('Engine API on the real engine', () => {
  it('pings, and finds no containers for an unknown Compose project', async () => {
    const engine = new DockerEngine();
    await engine.ping();
    expect(await engine.composeContainers(`kh-none-${process.pid}`, 'nothing')).toEqual([]);
    expect(await engine.inspect('no-such-container-kh')).toBeNull();
    await engine.close();
  });
});
