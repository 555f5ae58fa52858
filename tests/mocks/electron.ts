/**
 * A hand-written stand-in for the 'electron' module (the runtime binary cannot run in tests).
 * It records what the app asked Electron to do, so tests can assert on wiring and security settings.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const calls = {
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  windows: [] as BrowserWindow[],
  trays: [] as Tray[],
};

class IpcMainMock extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** Test helper: call a handler as if a renderer frame at `url` invoked it. */
  async invokeAs(url: string, channel: string, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: { url }, sender: {} }, ...args);
  }
}
export const ipcMain = new IpcMainMock();

class IpcRendererMock extends EventEmitter {
  /** Routes to ipcMain's handlers with a trusted file:// sender, like a real app window. */
  senderUrl = 'file:///app/dist/renderer/index.html';
  async invoke(channel: string, ...args: unknown[]) {
    calls.invoked.push({ channel, args });
    return ipcMain.invokeAs(this.senderUrl, channel, ...args);
  }
  send() {}
}
export const ipcRenderer = new IpcRendererMock();

export const contextBridge = {
  exposeInMainWorld(name: string, api: unknown) {
    calls.exposed.set(name, api);
  },
};

class WebContentsMock extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new WebContentsMock();
  loadedUrl: string | null = null;
  visible = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    calls.windows.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isDestroyed() {
    return false;
  }
}

export class Tray extends EventEmitter {
  tooltip = '';
  menu: unknown = null;
  constructor(public image: unknown) {
    super();
    calls.trays.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu;
  }
}

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
};

export const nativeImage = {
  createFromBitmap: (buffer: Buffer, size: { width: number; height: number }) => ({ buffer, size }),
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string) {
    this.opened.push(url);
  },
};

export const session = {
  defaultSession: {
    headerListener: null as null | ((details: unknown, cb: (r: unknown) => void) => void),
    permissionHandler: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
    webRequest: {
      onHeadersReceived(listener: (details: unknown, cb: (r: unknown) => void) => void) {
        session.defaultSession.headerListener = listener;
      },
    },
    setPermissionRequestHandler(handler: (c: unknown, p: string, cb: (ok: boolean) => void) => void) {
      session.defaultSession.permissionHandler = handler;
    },
  },
};

export class Notification extends EventEmitter {
  static supported = true;
  static shown: Notification[] = [];
  static isSupported() {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    Notification.shown.push(this);
  }
}

class AppMock extends EventEmitter {
  loginItem: { openAtLogin?: boolean; args?: string[] } = {};
  setLoginItemSettings(settings: { openAtLogin?: boolean; args?: string[] }) {
    this.loginItem = settings;
  }
  /** Set by a test before importing the main entry: whenReady resolves, and userData points here. */
  userDataDir: string | null = null;
  singleInstance = true;
  quitCalled = false;
  requestSingleInstanceLock() {
    return this.singleInstance;
  }
  whenReady() {
    return this.userDataDir ? Promise.resolve() : new Promise<void>(() => {});
  }
  getPath() {
    if (!this.userDataDir) throw new Error('app.getPath called before the test set userDataDir');
    return this.userDataDir;
  }
  quit() {
    this.quitCalled = true;
  }
}
export const app = new AppMock();

export default {
  app,
  ipcMain,
  ipcRenderer,
  contextBridge,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  shell,
  session,
  Notification,
};
