/**
 * The preload (sandboxed, context-isolated): exposes exactly one thing to the page,
 * `window.keyhive` — the typed KeyhiveApi — and never ipcRenderer itself. Only the channels and
 * events declared in shared/api.ts pass; anything else is refused here before reaching main.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './bridge.js';

contextBridge.exposeInMainWorld('keyhive', createPreloadApi(ipcRenderer));
