import { contextBridge, ipcRenderer } from 'electron';
import type { AppEvent, Api, ApiEnvelope } from '../../shared/api';
import {
  API_METHOD_NAMES,
  BRIDGE_GLOBAL,
  IPC_EVENT_CHANNEL,
  ipcChannel,
  unwrapEnvelope,
} from '../../shared/api-methods';

/**
 * The preload script: exposes exactly the API contract on `window.ossApi` and nothing else
 * (no ipcRenderer, no Node). Runs sandboxed with context isolation.
 */
export function buildPreloadApi(): Api {
  const methods = Object.fromEntries(
    API_METHOD_NAMES.map((method) => [
      method,
      async (input: unknown) =>
        unwrapEnvelope((await ipcRenderer.invoke(ipcChannel(method), input ?? {})) as ApiEnvelope<unknown>),
    ]),
  );
  return {
    ...(methods as Omit<Api, 'onEvent'>),
    onEvent(listener: (event: AppEvent) => void) {
      const handler = (_: unknown, event: AppEvent) => listener(event);
      ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
      };
    },
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildPreloadApi());
