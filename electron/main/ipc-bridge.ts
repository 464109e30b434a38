/**
 * The typed API over Electron IPC: one `ipcMain.handle` per channel of shared/api.ts, generated
 * in a loop. Each call is accepted only from our own window's main frame at our own origin,
 * its payload is validated by the app's dispatcher, and the answer is always a `Result`.
 * Events go to the window on IPC_EVENT_CHANNEL as `{ name, payload }`.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames, IPC_EVENT_CHANNEL, ipcChannelOf, type Channel, type Result } from '../../shared/api.js';
import { KeyhiveError } from '../../shared/errors.js';
import type { EventSource } from '../app/events.js';

export type Invoke = (channel: Channel, request: unknown) => Promise<Result<unknown>>;
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;

/** Same scheme and host (with port) as the trusted base URL. Works for `app://keyhive` too. */
export function isSameOrigin(url: string, trustedBase: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(trustedBase);
    return a.protocol === b.protocol && a.host === b.host && a.username === '' && a.password === '';
  } catch {
    return false;
  }
}

/** Accepts only the given window's own top frame, loaded from the trusted origin. */
export function trustedSenderCheck(getWindow: () => BrowserWindow | null, trustedOrigin: string): SenderCheck {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return false;
    if (event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    const main = win.webContents.mainFrame;
    // Same frame: the same object, or the same process and routing id (Electron may hand out a new wrapper).
    if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) return false;
    return isSameOrigin(frame.url, trustedOrigin);
  };
}

export const UNTRUSTED_SENDER = new KeyhiveError('UNAUTHORIZED', 'This request did not come from the Keyhive window.', {
  fix: 'Only the Keyhive window itself may call the engine; reload the window if this persists.',
}).toPayload();

export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, invoke: Invoke, isTrusted: SenderCheck): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(ipcChannelOf(channel), async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) return { ok: false, error: UNTRUSTED_SENDER };
      return invoke(channel, payload);
    });
  }
  return () => channelNames.forEach((c) => ipcMain.removeHandler(ipcChannelOf(c)));
}

/** Forwards every engine event to the window (if it is still there). */
export function forwardEvents(events: EventSource, getWindow: () => BrowserWindow | null): () => void {
  return events.onAny((name, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    win.webContents.send(IPC_EVENT_CHANNEL, { name, payload });
  });
}
