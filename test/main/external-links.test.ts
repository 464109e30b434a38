import { describe, expect, it } from 'vitest';
import { externalLinks, isAppBuiltUrl, openExternalSafely } from '../../electron/main/external-links.js';

describe('openExternal allow-list', () => {
  it('accepts exactly the https URLs the app builds', () => {
    expect(isAppBuiltUrl(externalLinks.docs('rotation'))).toBe(true);
    expect(isAppBuiltUrl(externalLinks.releases())).toBe(true);
  });

  it('refuses non-https and unknown URLs', () => {
    for (const url of [
      'http://keyhive.dev/docs/rotation',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://keyhive.dev/docs/x',
      'https://evil.example/docs/rotation',
      'https://keyhive.dev.evil.example/docs/rotation',
      'https://user:pw@keyhive.dev/docs/rotation',
      'https://keyhive.dev:8443/docs/rotation',
      'https://keyhive.dev/docs/rotation?next=https://evil.example',
      'https://keyhive.dev/docs/../admin',
      'https://keyhive.dev/other',
      'not a url',
    ]) {
      expect(isAppBuiltUrl(url), url).toBe(false);
    }
  });

  it('builders refuse topics that are not plain slugs', () => {
    expect(() => externalLinks.docs('../x')).toThrow();
    expect(() => externalLinks.docs('a b')).toThrow();
  });

  it('only calls shell.openExternal for allowed URLs', async () => {
    const opened: string[] = [];
    const shell = { openExternal: async (u: string) => void opened.push(u) };
    expect(await openExternalSafely(shell, 'https://evil.example/')).toBe(false);
    expect(await openExternalSafely(shell, 'http://keyhive.dev/docs/a')).toBe(false);
    expect(await openExternalSafely(shell, 'https://keyhive.dev/docs/a')).toBe(true);
    expect(opened).toEqual(['https://keyhive.dev/docs/a']);
  });
});
