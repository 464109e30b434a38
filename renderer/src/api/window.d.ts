import type { KeyhiveApi } from '../../../shared/api.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in web mode (`keyhive web`). */
    keyhive?: KeyhiveApi;
  }
}

export {};
