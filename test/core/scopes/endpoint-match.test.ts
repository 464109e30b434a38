import { describe, expect, it } from 'vitest';
import { findRule, normalisePath, parseEndpoint } from '../../../electron/core/scopes/endpoint-match.js';
import type { EndpointRule } from '../../../electron/core/scopes/model.js';

const rules: EndpointRule[] = [
  { method: 'GET', path: '/a/:id', anyOf: ['x'], what: 'one' },
  { method: 'GET', path: '/a/export', anyOf: ['y'], what: 'export' },
  { method: 'POST', path: '/a/:id/b/:sub', anyOf: ['z'], what: 'nested' },
];

describe('endpoint matching', () => {
  it('parses METHOD /path, case-insensitive method', () => {
    expect(parseEndpoint('get /a/1')).toEqual({ method: 'GET', path: '/a/1' });
    expect(() => parseEndpoint('FETCH /a')).toThrow(/not an endpoint/);
    expect(() => parseEndpoint('GET a')).toThrow(/not an endpoint/);
  });
  it('normalises query strings and trailing slashes', () => {
    expect(normalisePath('/a/b/?x=1')).toBe('/a/b');
    expect(normalisePath('/')).toBe('/');
  });
  it('matches params, prefers literals, and requires the same method and depth', () => {
    expect(findRule(rules, { method: 'GET', path: '/a/7' })?.what).toBe('one');
    expect(findRule(rules, { method: 'GET', path: '/a/export' })?.what).toBe('export');
    expect(findRule(rules, { method: 'POST', path: '/a/1/b/2' })?.what).toBe('nested');
    expect(findRule(rules, { method: 'POST', path: '/a/7' })).toBeNull();
    expect(findRule(rules, { method: 'GET', path: '/a/7/8' })).toBeNull();
  });
});
