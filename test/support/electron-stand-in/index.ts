/**
 * A stand-in for the `electron` module (aliased as `electron` in the node test project) that
 * records what electron/main does: every BrowserWindow's options, every ipcMain handler, every
 * web-contents / app / session / protocol handler, openExternal, clipboard and dialog calls. Tests then
 * drive those handlers with crafted events (a foreign frame, another webContents, a permission
 * request...) and assert on the decisions. It implements only what Keyhive's shell touches.
 */
import { createUtilityProcess } from './utility-process.js';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

class Emitter {
  readonly listeners = new Map<string, Fn[]>();
  on(name: string, fn: Fn): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Fn): this {
    return this.on(name, fn);
  }
  removeListener(name: string, fn: Fn): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((f) => f !== fn));
    return this;
  }
  off(name: string, fn: Fn): this {
    return this.removeListener(name, fn);
  }
  /** Calls every listener; returns their results. */
  emit(name: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(name) ?? []).map((f) => f(...args));
  }
  listenerCount(name: string): number {
    return (this.listeners.get(name) ?? []).length;
  }
}

let nextId = 1;

let nextRoutingId = 1;

export class StandInFrame {
  parent: StandInFrame | null = null;
  readonly processId = 1;
  readonly routingId = nextRoutingId++;
  constructor(public url: string) {}
  get origin(): string {
    try {
      return new URL(this.url).origin;
    } catch {
      return 'null';
    }
  }
}

export class StandInSession {
  permissionRequestHandler: Fn | null = null;
  permissionCheckHandler: Fn | null = null;
  headersReceived: Fn | null = null;
  readonly webRequest = {
    onHeadersReceived: (fn: Fn) => {
      this.headersReceived = fn;
    },
  };
  setPermissionRequestHandler(fn: Fn | null): void {
    this.permissionRequestHandler = fn;
  }
  setPermissionCheckHandler(fn: Fn | null): void {
    this.permissionCheckHandler = fn;
  }
}

export class StandInWebContents extends Emitter {
  readonly id = nextId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: Fn | null = null;
  mainFrame: StandInFrame = new StandInFrame('about:blank');
  session = state.defaultSession;
  destroyed = false;
  setWindowOpenHandler(fn: Fn): void {
    this.windowOpenHandler = fn;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
}

export class BrowserWindow extends Emitter {
  readonly webContents: StandInWebContents;
  readonly options: Record<string, unknown>;
  loadedUrl: string | null = null;
  focused = 0;
  restored = 0;
  minimized = false;
  visible = false;
  destroyed = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.webContents = new StandInWebContents();
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame = new StandInFrame(url);
  }
  async loadFile(file: string): Promise<void> {
    await this.loadURL(`file://${file}`);
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {
    this.restored++;
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  show(): void {
    this.visible = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  static getAllWindows(): BrowserWindow[] {
    return state.windows.filter((w) => !w.destroyed);
  }
}

class StandInApp extends Emitter {
  singleInstanceLockAvailable = true;
  lockRequested = 0;
  quitCalls = 0;
  readonly commandLineSwitches: Array<[string, string | undefined]> = [];
  private readyResolve: () => void = () => {};
  private readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) => void this.commandLineSwitches.push([name, value]),
  };
  requestSingleInstanceLock(): boolean {
    this.lockRequested++;
    return this.singleInstanceLockAvailable;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  private readyNow = false;
  isReady(): boolean {
    return this.readyNow;
  }
  /** Test helper: fire `ready`. */
  makeReady(): void {
    this.readyNow = true;
    this.readyResolve();
    this.emit('ready');
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(): void {
    this.quitCalls++;
  }
  getPath(_name: string): string {
    return state.userDataDir;
  }
  getAppPath(): string {
    return process.cwd();
  }
  isPackaged = false;
}

class StandInIpcMain extends Emitter {
  readonly handlers = new Map<string, Fn>();
  handle(channel: string, fn: Fn): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

const state = {
  windows: [] as BrowserWindow[],
  defaultSession: new StandInSession(),
  userDataDir: '/tmp/keyhive-stand-in-user-data',
  opened: [] as string[],
  clipboardText: '',
  clipboardWrites: [] as string[],
  exposed: new Map<string, unknown>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, Fn>(),
  rendererInvokes: [] as Array<{ channel: string; args: unknown[] }>,
  dialogCalls: [] as Array<{ window: BrowserWindow | null; options: Record<string, unknown> }>,
  /** What the next open dialogs answer, in order (then: cancelled). */
  dialogAnswers: [] as Array<{ canceled: boolean; filePaths: string[] }>,
};

export const app = new StandInApp();
export const utilityProcess = createUtilityProcess(() => app.isReady());
export const ipcMain = new StandInIpcMain();
export const session = {
  get defaultSession(): StandInSession {
    return state.defaultSession;
  },
};
export const shell = {
  openExternal: async (url: string): Promise<void> => void state.opened.push(url),
};
export const clipboard = {
  writeText: (text: string): void => {
    state.clipboardText = text;
    state.clipboardWrites.push(text);
  },
  readText: (): string => state.clipboardText,
  clear: (): void => {
    state.clipboardText = '';
  },
};
export const dialog = {
  showOpenDialog: async (
    winOrOptions: BrowserWindow | Record<string, unknown>,
    maybeOptions?: Record<string, unknown>,
  ): Promise<{ canceled: boolean; filePaths: string[] }> => {
    const window = winOrOptions instanceof BrowserWindow ? winOrOptions : null;
    state.dialogCalls.push({ window, options: (window ? maybeOptions : winOrOptions) as Record<string, unknown> });
    return state.dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
};
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]): void => void state.privilegedSchemes.push(...schemes),
  handle: (scheme: string, fn: Fn): void => void state.protocolHandlers.set(scheme, fn),
};
export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown): void => void state.exposed.set(key, api),
};
class StandInIpcRenderer extends Emitter {
  invokeImpl: Fn = async () => undefined;
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    state.rendererInvokes.push({ channel, args });
    return this.invokeImpl(channel, ...args);
  }
}
export const ipcRenderer = new StandInIpcRenderer();

/** Everything the stand-in recorded, plus a reset between tests. */
export const recorded = {
  get windows() {
    return state.windows;
  },
  get opened() {
    return state.opened;
  },
  get clipboardWrites() {
    return state.clipboardWrites;
  },
  get exposed() {
    return state.exposed;
  },
  get privilegedSchemes() {
    return state.privilegedSchemes;
  },
  get protocolHandlers() {
    return state.protocolHandlers;
  },
  get rendererInvokes() {
    return state.rendererInvokes;
  },
  get dialogCalls() {
    return state.dialogCalls;
  },
  /** Queues what the next open dialog answers (a folder path, or null for Cancel). */
  answerDialog(path: string | null): void {
    state.dialogAnswers.push(path === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [path] });
  },
  reset(): void {
    state.windows = [];
    state.defaultSession = new StandInSession();
    state.opened = [];
    state.clipboardText = '';
    state.clipboardWrites = [];
    state.exposed = new Map();
    state.privilegedSchemes = [];
    state.protocolHandlers = new Map();
    state.rendererInvokes = [];
    state.dialogCalls = [];
    state.dialogAnswers = [];
    ipcMain.handlers.clear();
    ipcMain.listeners.clear();
    ipcRenderer.listeners.clear();
    ipcRenderer.invokeImpl = async () => undefined;
    app.listeners.clear();
    app.singleInstanceLockAvailable = true;
    app.lockRequested = 0;
    app.quitCalls = 0;
  },
};

/** A crafted IPC event: which webContents sent it and from which frame. */
export function ipcEvent(sender: StandInWebContents, frame: StandInFrame | null = sender.mainFrame): unknown {
  return { sender, senderFrame: frame, processId: 1, frameId: 1 };
}

export default { app, ipcMain, session, shell, clipboard, dialog, protocol, contextBridge, ipcRenderer, BrowserWindow, utilityProcess };
