import { describe, expect, it } from 'vitest';
import { isIP as nodeIsIP } from 'node:net';
import fc from 'fast-check';
import { WorkspaceSchema } from '../../../electron/core/workspace/schema.js';
import { checkHostName, checkResolved, isIP, isLoopbackAddress, isPrivateAddress, workspaceHosts } from '../../../electron/core/probes/target-policy.js';

describe('target policy', () => {
  it('isIP agrees with node:net on addresses and random strings', () => {
    fc.assert(fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()), (s) => isIP(s) === nodeIsIP(s)));
  });
  it('knows loopback and private addresses', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('127.8.9.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('10.0.0.1')).toBe(false);
    expect(isPrivateAddress('192.168.1.4')).toBe(true);
    expect(isPrivateAddress('172.20.0.3')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('fd00::1')).toBe(true);
  });
  it('allows loopback and workspace hosts by name, refuses the rest', () => {
    const hosts = workspaceHosts(WorkspaceSchema.parse({ name: 'w', id: 'www', services: { hub: { dir: 'h', urls: { docker: 'http://hivecfm-hub-api:8080', native: 'http://localhost:8090' } } }, issuers: { h: { system: 'hogsend', url: 'http://devbox.lan:3002' } } }));
    expect([...hosts].sort()).toEqual(['devbox.lan', 'hivecfm-hub-api', 'localhost']);
    expect(checkHostName('localhost', hosts).allowed).toBe(true);
    expect(checkHostName('api.localhost', hosts).allowed).toBe(true);
    expect(checkHostName('[::1]', hosts).allowed).toBe(true);
    expect(checkHostName('hivecfm-hub-api', hosts).allowed).toBe(true);
    expect(checkHostName('example.com', hosts)).toMatchObject({ allowed: false, reason: expect.stringContaining('example.com') });
    expect(checkHostName('10.1.2.3', hosts).allowed).toBe(false);
    expect(checkHostName('93.184.216.34', hosts).allowed).toBe(false);
  });
  it('checks what a name resolves to: loopback always, private only for workspace hosts', () => {
    const hosts = new Set(['devbox.lan']);
    expect(checkResolved('localhost', ['127.0.0.1', '::1'], hosts).allowed).toBe(true);
    expect(checkResolved('devbox.lan', ['192.168.1.9'], hosts).allowed).toBe(true);
    expect(checkResolved('devbox.lan', ['93.184.216.34'], hosts).allowed).toBe(false);
    expect(checkResolved('evil.localhost', ['10.0.0.5'], hosts).allowed).toBe(false);
    expect(checkResolved('localhost', [], hosts).allowed).toBe(false);
  });
});
