import { SPECTER_KEY_PAIRS } from '../../shared/credentials';
import type { RemoteSystemName } from '../../shared/api';
import type { Settings } from '../../shared/settings';
import { NotConfiguredError } from './net/remote-error';
import { OngoingClient, ongoingBaseUrl } from './ongoing';
import type { SecretStore } from './secrets/secret-store';
import { SpecterClient, type SpecterWarning } from './specter';

export interface RemoteClients {
  specter(): SpecterClient;
  ongoing(): OngoingClient;
}

export interface RemoteClientOptions {
  settings: () => Settings;
  secrets: SecretStore;
  timeoutMs?: number;
  /** Told when an outgoing value had to be changed for Specter (characters it cannot store). */
  onSpecterWarning?: (warning: SpecterWarning) => void;
  /** Told about every real HTTP attempt to either system (health, support log). */
  onCall?: (call: RemoteCall) => void;
}

/** One real HTTP attempt to a remote system and how it ended. */
export interface RemoteCall {
  system: RemoteSystemName;
  at: string;
  ok: boolean;
  /** What the attempt failed with, when it failed. */
  error?: unknown;
  method: string;
  url: string;
  requestBody?: string;
  status: number | null;
  replyBody?: string;
  durationMs: number;
}

/** What is missing before a system can be called, as one sentence for the operator (empty when complete). */
export function missingConfiguration(system: RemoteSystemName, settings: Settings): string {
  const missing: string[] = [];
  if (system === 'specter') {
    if (!settings.specter.baseUrl) missing.push('API address');
    if (!settings.specter.sbmId) missing.push('SBM ID');
    if (!settings.specter.stockSiteId) missing.push('stock site id');
  } else {
    if (!settings.ongoing.warehouse) missing.push('warehouse name or API address');
    if (!settings.ongoing.user) missing.push('API user');
    if (!settings.ongoing.goodsOwnerId) missing.push('goods owner id');
  }
  return missing.length
    ? `Set ${missing.join(', ')} for ${system === 'specter' ? 'Specter' : 'Ongoing'} in Settings.`
    : '';
}

async function requireSecret(secrets: SecretStore, name: Parameters<SecretStore['get']>[0]): Promise<string> {
  const value = await secrets.get(name);
  if (!value) throw new NotConfiguredError(`The secret ${name} is not stored. Enter it in Settings.`);
  return value;
}

/**
 * Builds the two API clients from the current settings, and rebuilds one when its settings change.
 * Secrets are read from the keychain on every call, never kept in a field or passed around.
 */
export function createRemoteClients(options: RemoteClientOptions): RemoteClients {
  let specter: { signature: string; client: SpecterClient } | null = null;
  let ongoing: { signature: string; client: OngoingClient } | null = null;
  return {
    specter() {
      const settings = options.settings();
      const missing = missingConfiguration('specter', settings);
      if (missing) throw new NotConfiguredError(missing);
      const signature = JSON.stringify(settings.specter);
      if (!specter || specter.signature !== signature) {
        const [inner, outer] = SPECTER_KEY_PAIRS[settings.specter.keyScheme];
        specter = {
          signature,
          client: new SpecterClient({
            baseUrl: settings.specter.baseUrl,
            timeoutMs: options.timeoutMs,
            onWarning: options.onSpecterWarning,
            onCall: (info) =>
              options.onCall?.({
                system: 'specter',
                at: new Date().toISOString(),
                ok: info.ok,
                error: info.error,
                method: info.method,
                url: info.url,
                requestBody: info.requestBody,
                status: info.status ?? null,
                replyBody: info.replyBody,
                durationMs: info.durationMs,
              }),
            credentials: async () => ({
              sbmId: settings.specter.sbmId,
              apiUserId: settings.specter.apiUserId,
              apiUserKey: await requireSecret(options.secrets, inner),
              integrationKey: await requireSecret(options.secrets, outer),
            }),
          }),
        };
      }
      return specter.client;
    },
    ongoing() {
      const settings = options.settings();
      const missing = missingConfiguration('ongoing', settings);
      if (missing) throw new NotConfiguredError(missing);
      const signature = JSON.stringify(settings.ongoing);
      if (!ongoing || ongoing.signature !== signature) {
        ongoing = {
          signature,
          client: new OngoingClient({
            baseUrl: ongoingBaseUrl(settings.ongoing.warehouse),
            goodsOwnerId: settings.ongoing.goodsOwnerId as number,
            timeoutMs: options.timeoutMs,
            onCall: (event) => {
              const base = ongoingBaseUrl(settings.ongoing.warehouse);
              const ok = event.error === undefined && event.status !== undefined && event.status < 300;
              options.onCall?.({
                system: 'ongoing',
                at: new Date().toISOString(),
                ok,
                error: event.error,
                method: event.method,
                url: `${base}${event.path}`,
                requestBody: event.requestBody,
                status: event.status ?? null,
                replyBody: event.replyBody,
                durationMs: event.durationMs,
              });
            },
            credentials: async () => ({
              user: settings.ongoing.user,
              password: await requireSecret(options.secrets, 'ongoing.password'),
            }),
          }),
        };
      }
      return ongoing.client;
    },
  };
}

/** The connection test behind the Settings page's "Test connection" buttons. */
export function createConnectionProbe(clients: RemoteClients) {
  return async (system: RemoteSystemName): Promise<void> => {
    if (system === 'specter') await clients.specter().testConnection();
    else await clients.ongoing().checkConnection();
  };
}
