import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppEvent, ApiMethods } from '../../shared/api';
import { API_METHOD_NAMES, IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/api-methods';
import { dispatchApiCall } from '../core/api-dispatch';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/logging/logger';

/**
 * Only frames loaded from the app itself may call the API: the packaged file:// page, or the Vite dev
 * server during development.
 */
export function isTrustedUrl(url: string, devServerUrl?: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' && parsed.pathname.endsWith('/renderer/index.html');
  } catch {
    return false;
  }
}

export interface IpcRegistration {
  dispose(): void;
}

/** Register one invoke handler per contract method. Each checks the sender, then validates with the schema. */
export function registerIpcHandlers(
  ipcMain: IpcMain,
  service: ApiMethods,
  options: { devServerUrl?: string; logger?: Logger } = {},
): IpcRegistration {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, input: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url, options.devServerUrl)) {
        options.logger?.warn('refused IPC call from an untrusted frame', { method, url });
        return { ok: false, error: { code: 'unauthorized', message: 'This page may not call the app.' } };
      }
      return dispatchApiCall(service, method, input, options.logger);
    });
  }
  return {
    dispose: () => {
      for (const m of API_METHOD_NAMES) ipcMain.removeHandler(ipcChannel(m));
    },
  };
}

/** Forward core events to the renderer of every open window. */
export function forwardEvents(events: EventBus, targets: () => WebContents[]): () => void {
  return events.subscribe((event: AppEvent) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
    }
  });
}
