import { describe, expect, it } from 'vitest';
import { browserCommand, openBrowser } from '../../../electron/adapters/process/open-url.js';

describe('open browser', () => {
  it('uses the platform opener', () => {
    expect(browserCommand('linux', 'http://127.0.0.1:1/?token=a')).toEqual(['xdg-open', ['http://127.0.0.1:1/?token=a']]);
    expect(browserCommand('darwin', 'http://x/')).toEqual(['open', ['http://x/']]);
    expect(browserCommand('win32', 'http://x/?a=1&b=2')).toEqual(['cmd', ['/c', 'start', '""', 'http://x/?a=1^&b=2']]);
  });

  it('answers false (never throws) when the opener is missing', async () => {
    const saved = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      expect(await openBrowser('http://127.0.0.1:1/', 'linux')).toBe(false);
    } finally {
      process.env['PATH'] = saved;
    }
  });
});
