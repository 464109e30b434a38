import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, recorded, session as standInSession } from '../support/electron-stand-in/index.js';
import { devContentSecurityPolicy, hardenSession, hardenWebContents } from '../../electron/main/hardening.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/api.js';

function preventable() {
  const e = { prevented: false, preventDefault() { e.prevented = true; } };
  return e;
}

describe('web contents hardening', () => {
  let opened: string[];
  let contents: BrowserWindow['webContents'];
  beforeEach(() => {
    recorded.reset();
    opened = [];
    contents = new BrowserWindow({}).webContents;
    hardenWebContents(contents as never, { openExternal: async (url) => (opened.push(url), true) });
  });

  it('denies navigation away from the app, even to https sites', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://keyhive/other.html', 'http://127.0.0.1:1/']) {
      const [e] = [preventable()];
      contents.emit('will-navigate', e, url);
      expect(e.prevented, url).toBe(true);
      const r = preventable();
      contents.emit('will-redirect', r, url);
      expect(r.prevented, url).toBe(true);
    }
    expect(opened).toEqual([]);
  });

  it('denies window.open; only app-built docs links go to the system browser', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/phish' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://keyhive.dev/docs/rotation' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://keyhive.dev/docs/rotation']);
  });

  it('prevents <webview> attachment', () => {
    const e = preventable();
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.prevented).toBe(true);
  });
});

describe('session hardening', () => {
  beforeEach(() => recorded.reset());

  it('denies every permission request and check', () => {
    const s = standInSession.defaultSession;
    hardenSession(s as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal']) {
      let granted: boolean | null = null;
      s.permissionRequestHandler?.({}, permission, (ok: boolean) => (granted = ok), {});
      expect(granted, permission).toBe(false);
      expect(s.permissionCheckHandler?.({}, permission, 'app://keyhive', {}), permission).toBe(false);
    }
  });

  it('adds the strict Content-Security-Policy to every response, replacing none of the other headers', () => {
    const s = standInSession.defaultSession;
    hardenSession(s as never);
    let out: { responseHeaders?: Record<string, string[]> } = {};
    s.headersReceived?.({ url: 'app://keyhive/index.html', responseHeaders: { 'X-Other': ['1'] } }, (r: typeof out) => (out = r));
    expect(out.responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out.responseHeaders?.['X-Other']).toEqual(['1']);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});

describe('dev-server policy (npm run dev only)', () => {
  it('adds only inline script and the dev websocket to the strict policy', () => {
    const dev = devContentSecurityPolicy('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
    expect(dev.replace(" 'unsafe-inline'", '').replace(' ws://localhost:5173', '')).toBe(CONTENT_SECURITY_POLICY);
  });
});
