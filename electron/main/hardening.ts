/**
 * Locks down every web contents and the session: no navigation away from the app, no new
 * windows (allowed external docs links open in the system browser), no <webview>, every
 * permission denied, and our Content-Security-Policy added to every response.
 */
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/api.js';
import { isAppBuiltUrl } from './external-links.js';

export interface HardeningOptions {
  /** Opens an app-built https URL in the system browser. */
  openExternal: (url: string) => Promise<boolean>;
}

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function hardenWebContents(contents: HardenedContents, opts: HardeningOptions): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string): void => {
    event.preventDefault();
    if (isAppBuiltUrl(url)) void opts.openExternal(url);
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAppBuiltUrl(url)) void opts.openExternal(url);
    return { action: 'deny' };
  });
}

type HardenedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

export function hardenSession(session: HardenedSession, csp: string = CONTENT_SECURITY_POLICY): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

/**
 * `npm run dev` only: the Vite dev server injects an inline module (React refresh) and talks
 * over a websocket, so its page gets the same policy plus exactly those two allowances.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const ws = devServerUrl.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}
