import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, type BrowserWindow, ipcMain, session } from 'electron';
import { createAppContext, startSyncRuntime } from '../core/app-context';
import { KeychainSecretStore } from '../core/secrets/keychain-secret-store';
import { applyLoginItem, attachDesktop, HIDDEN_START_FLAG } from './desktop-integration';
import { forwardEvents, registerIpcHandlers } from './ipc';
import { createTray } from './tray';
import { createMainWindow, hardenSession } from './window';

/**
 * Electron entry: single instance, tray-resident, one window. All behaviour lives in src/main/core;
 * this file only wires it to Electron.
 */
export function startElectronApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let window: BrowserWindow | null = null;
  let quitting = false;
  const devServerUrl = process.env.VITE_DEV_SERVER_URL;
  const startUrl = devServerUrl ?? pathToFileURL(path.join(__dirname, '..', 'renderer', 'index.html')).toString();

  const showWindow = () => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow({ preloadPath: path.join(__dirname, 'preload.cjs'), startUrl });
      window.on('close', (event) => {
        if (!quitting) {
          event.preventDefault();
          window?.hide();
        }
      });
    }
    window.show();
    window.focus();
  };

  app.on('second-instance', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    const context = createAppContext({
      dataDir: app.getPath('userData'),
      secrets: new KeychainSecretStore(),
      mode: 'electron',
      ownsJobs: { command: 'desktop app' },
    });
    const sync = startSyncRuntime(context);
    registerIpcHandlers(ipcMain, context.service, { devServerUrl, logger: context.logger });
    forwardEvents(context.events, () => (window && !window.isDestroyed() ? [window.webContents] : []));
    applyLoginItem(app, context.settings.get());
    context.events.subscribe((event) => {
      if (event.type === 'settings') applyLoginItem(app, event.settings);
    });
    attachDesktop(context, { createTray, open: showWindow, quit: () => app.quit() });
    if (!process.argv.includes(HIDDEN_START_FLAG)) showWindow();
    app.on('will-quit', () => {
      void sync.stop();
      context.close();
    });
  });
  // Closing the window keeps the app in the tray; quitting is explicit.
  app.on('window-all-closed', () => {});
}

startElectronApp();
