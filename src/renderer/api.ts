import type { Api } from '../shared/api';
import { BRIDGE_GLOBAL } from '../shared/api-methods';
import { createHttpApi } from './http-api';

const TOKEN_KEY = 'oss.token';
let api: Api | null = null;

/** The token arrives in the URL fragment (#token=…); keep it for reloads and take it out of the address bar. */
export function readToken(location: Location, storage: Storage): string {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

/** The preload bridge inside Electron, else the HTTP bridge of the headless server. */
export function getApi(): Api {
  if (api) return api;
  const bridge = (window as unknown as Record<string, Api | undefined>)[BRIDGE_GLOBAL];
  api = bridge ?? createHttpApi(readToken(window.location, window.sessionStorage));
  return api;
}
