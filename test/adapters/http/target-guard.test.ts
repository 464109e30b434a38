import { describe, expect, it } from 'vitest';
import { TargetGuard } from '../../../electron/adapters/http/target-guard.js';

describe('TargetGuard', () => {
  it('resolves localhost to loopback addresses and remembers them for the connect lookup', async () => {
    const guard = new TargetGuard(new Set());
    const v = await guard.vet('http://localhost:1234/x');
    expect(v.addresses.length).toBeGreaterThan(0);
    const got = await new Promise<string>((resolve, reject) => guard.lookup('localhost', {}, (err, address) => (err ? reject(err) : resolve(address as string))));
    expect(v.addresses.map((a) => a.address)).toContain(got);
  });

  it('refuses names not vetted at connect time, foreign hosts, odd schemes and names that do not resolve', async () => {
    const guard = new TargetGuard(new Set(['no-such-host.invalid']));
    const err = await new Promise<Error | null>((resolve) => guard.lookup('evil.test', {}, (e) => resolve(e)));
    expect(err?.message).toMatch(/not vetted/);
    await expect(guard.vet('http://example.org/')).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED', fix: expect.stringContaining('loopback') });
    await expect(guard.vet('file:///etc/passwd')).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED' });
    await expect(guard.vet('not a url')).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED' });
    await expect(guard.vet('http://no-such-host.invalid/')).rejects.toMatchObject({ code: 'PROBE_FAILED', message: expect.stringContaining('does not resolve') });
  });

  it('accepts loopback literals of both families', async () => {
    const guard = new TargetGuard(new Set());
    expect((await guard.vet('http://127.0.0.1:9/')).addresses[0]?.address).toBe('127.0.0.1');
    expect((await guard.vet('http://[::1]:9/')).addresses[0]?.address).toBe('::1');
  });

  it('remembers what passed by scheme and host only, and never what was refused', async () => {
    const guard = new TargetGuard(new Set());
    expect(guard.passedBefore(new URL('http://127.0.0.1:9/x'))).toBeUndefined();
    await guard.vet('http://127.0.0.1:9/x');
    expect(guard.passedBefore(new URL('http://127.0.0.1:10/other'))?.host).toBe('127.0.0.1');
    expect(guard.passedBefore(new URL('https://127.0.0.1:9/x'))).toBeUndefined(); // another scheme is vetted again
    await expect(guard.vet('http://example.org/')).rejects.toMatchObject({ code: 'PROBE_TARGET_REFUSED' });
    expect(guard.passedBefore(new URL('http://example.org/'))).toBeUndefined();
  });
});

