/**
 * The desktop app's wiring, kept thin: single-instance lock, the `app://` scheme, session and
 * web-contents hardening, the app service behind IPC, the main window, and event forwarding.
 * All behaviour lives in electron/app; this only connects it to Electron.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, protocol, session, shell } from 'electron';
import { createKeyhiveService, type KeyhiveService, type KeyhiveServiceOptions } from '../app/keyhive-service.js';
import { runKeychainHelperWith } from '../app/lifecycle/keychain-helper.js';
import { createShellContext, type ShellChoices, type ShellContext } from '../app/context/shell-context.js';
import { utilityProcessLauncher } from './keychain-helper.js';
import { APP_ENTRY_URL, APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol.js';
import { electronClipboard } from './clipboard.js';
import { openExternalSafely } from './external-links.js';
import { electronFolderPicker } from './folder-picker.js';
import { devContentSecurityPolicy, hardenSession, hardenWebContents } from './hardening.js';
import { forwardEvents, registerIpcHandlers, trustedSenderCheck } from './ipc-bridge.js';
import { claimSingleInstance } from './single-instance.js';
import { createMainWindow } from './window.js';

export interface DesktopOptions {
  /** The workspace to open, or how to find it (called once this instance is the only one and the scheme is registered). */
  workspaceFile?: string | ((context: ShellContext) => Promise<string | undefined>);
  /** The desktop shell's choices (tests: a memory store, a temp data dir); the OS keychain and the per-user data dir otherwise. */
  context?: ShellChoices;
  /** The renderer build (out/renderer) served on app://keyhive/. */
  rendererDir: string;
  preloadPath: string;
  /** electron-vite dev server URL (dev only): the page loads from there instead. */
  devServerUrl?: string;
  createService?: (opts: KeyhiveServiceOptions) => KeyhiveService;
  /** Reports a start-up problem (the workspace could not be opened, ...). */
  log?: (line: string) => void;
}

export interface DesktopApp {
  window: () => BrowserWindow | null;
  service: KeyhiveService;
}

/** Starts the desktop app; resolves null when another instance already runs (this one quits). */
export async function startDesktopApp(opts: DesktopOptions): Promise<DesktopApp | null> {
  let win: BrowserWindow | null = null;
  const getWindow = (): BrowserWindow | null => win;
  if (!claimSingleInstance(app, getWindow)) return null;

  registerAppScheme(protocol);
  const openExternal = (url: string): Promise<boolean> => openExternalSafely(shell, url);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { openExternal }));

  await app.whenReady();
  // Keychain calls run in a utility process, which can be killed when libsecret never answers.
  runKeychainHelperWith(utilityProcessLauncher());
  hardenSession(session.defaultSession, opts.devServerUrl ? devContentSecurityPolicy(opts.devServerUrl) : undefined);
  serveRenderer(protocol, opts.rendererDir);
  // The desktop shell's one context: every workspace and use case gets it from here.
  const context = await createShellContext(opts.context);

  // A workspace that takes time to find (the demo, set up and started on first use) is looked for
  // only now: after the single-instance check and the scheme registration, which must come first.
  const workspaceFile = typeof opts.workspaceFile === 'function' ? await opts.workspaceFile(context) : opts.workspaceFile;
  const service = (opts.createService ?? createKeyhiveService)({
    ...context,
    workspaceFile,
    clipboard: electronClipboard(clipboard),
    folderPicker: electronFolderPicker(dialog, getWindow),
  });
  const trustedOrigin = opts.devServerUrl ?? APP_ORIGIN;
  const unregister = registerIpcHandlers(ipcMain, service.invoke, trustedSenderCheck(getWindow, trustedOrigin));
  const stopForwarding = forwardEvents(service.events, getWindow);

  win = createMainWindow({ preloadPath: opts.preloadPath, url: opts.devServerUrl ?? APP_ENTRY_URL });
  win.on('closed', () => {
    win = null;
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopForwarding();
    unregister();
    void service.close().finally(() => context.close());
  });

  // Opening the workspace also recovers rotations a crash left half-done; the UI shows the
  // outcome through status and activity events, so a failure here is reported, not fatal.
  service.start().catch((e: unknown) => opts.log?.(`keyhive: ${e instanceof Error ? e.message : String(e)}`));
  return { window: getWindow, service };
}
