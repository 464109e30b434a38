/** Picks the transport: the preload's bridge in the desktop app, HTTP + SSE in web mode. */
import type { KeyhiveApi } from '../../../shared/api.js';
import { createElectronApi } from './electron-transport.js';
import { createWebApi } from './web-transport.js';

export type TransportKind = 'desktop' | 'web';

export interface ApiClient {
  api: KeyhiveApi;
  transport: TransportKind;
}

export function createApiClient(win: Window = window): ApiClient {
  if (win.keyhive) return { api: createElectronApi(win.keyhive), transport: 'desktop' };
  return { api: createWebApi(), transport: 'web' };
}
