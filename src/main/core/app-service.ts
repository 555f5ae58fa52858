import {
  ApiError,
  type ApiInput,
  type ApiMethods,
  type AppStatus,
  type ConnectionState,
  type RemoteSystemName,
} from '../../shared/api';
import { SECRET_NAMES, type SecretName } from '../../shared/credentials';
import { mergeSettings, type Settings, settingsSchema } from '../../shared/settings';
import type { EventBus } from './event-bus';
import type { Logger } from './logging/logger';
import type { AuditLogRepository } from './repositories/audit-log-repository';
import type { SettingsRepository } from './repositories/settings-repository';
import type { SecretStore } from './secrets/secret-store';

/**
 * Checks one remote system with the stored settings and secrets. Resolves when the system accepted the
 * credentials; rejects with an Error whose message is safe to show (no secrets).
 */
export type ConnectionProbe = (system: RemoteSystemName) => Promise<void>;

export interface AppServiceDeps {
  settings: SettingsRepository;
  audit: AuditLogRepository;
  secrets: SecretStore;
  events: EventBus;
  logger: Logger;
  probe: ConnectionProbe;
  info: { version: string; mode: AppStatus['mode']; demo: boolean; dataDir: string; schemaVersion: () => number };
}

const unknownConnection = (system: RemoteSystemName): ConnectionState => ({
  system,
  state: 'unknown',
  message: '',
  checkedAt: null,
});

/** The core behind the API contract. Transports validate input, then call these methods. */
export class AppService implements ApiMethods {
  private readonly startedAt = new Date().toISOString();
  private readonly connections: Record<RemoteSystemName, ConnectionState> = {
    specter: unknownConnection('specter'),
    ongoing: unknownConnection('ongoing'),
  };

  constructor(private readonly deps: AppServiceDeps) {}

  async getStatus(_input: ApiInput<'getStatus'> = {}): Promise<AppStatus> {
    const { info } = this.deps;
    return {
      version: info.version,
      mode: info.mode,
      demo: info.demo,
      dataDir: info.dataDir,
      keychain: await this.deps.secrets.availability(),
      schemaVersion: info.schemaVersion(),
      connections: { ...this.connections },
      startedAt: this.startedAt,
    };
  }

  async getSettings(_input: ApiInput<'getSettings'> = {}): Promise<Settings> {
    return this.deps.settings.get();
  }

  async updateSettings({ patch }: ApiInput<'updateSettings'>): Promise<Settings> {
    const next = settingsSchema.safeParse(mergeSettings(this.deps.settings.get(), patch));
    if (!next.success) {
      throw new ApiError('invalid_input', next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    this.deps.settings.save(next.data);
    this.deps.audit.append({ actor: 'operator', action: 'settings.update', details: { patch } });
    this.deps.events.emit({ type: 'settings', settings: next.data });
    return next.data;
  }

  async setCredentials({ values }: ApiInput<'setCredentials'>): Promise<Record<SecretName, boolean>> {
    const availability = await this.deps.secrets.availability();
    if (!availability.available) throw new ApiError('unavailable', availability.message);
    const names = Object.keys(values) as SecretName[];
    for (const name of names) {
      const value = values[name];
      if (value) await this.deps.secrets.set(name, value);
    }
    this.deps.audit.append({ actor: 'operator', action: 'credentials.set', details: { names } });
    this.deps.logger.info('credentials stored in the OS keychain', { names });
    return this.hasCredentials();
  }

  async hasCredentials(_input: ApiInput<'hasCredentials'> = {}): Promise<Record<SecretName, boolean>> {
    const availability = await this.deps.secrets.availability();
    const entries = await Promise.all(
      SECRET_NAMES.map(async (name) => [name, availability.available && (await this.deps.secrets.get(name)) !== null]),
    );
    return Object.fromEntries(entries) as Record<SecretName, boolean>;
  }

  async clearCredentials({ names }: ApiInput<'clearCredentials'>): Promise<Record<SecretName, boolean>> {
    const availability = await this.deps.secrets.availability();
    if (!availability.available) throw new ApiError('unavailable', availability.message);
    const targets = names ?? [...SECRET_NAMES];
    for (const name of targets) await this.deps.secrets.delete(name);
    this.deps.audit.append({ actor: 'operator', action: 'credentials.clear', details: { names: targets } });
    return this.hasCredentials();
  }

  async testConnection({ system }: ApiInput<'testConnection'>): Promise<ConnectionState> {
    const checkedAt = new Date().toISOString();
    let state: ConnectionState;
    try {
      await this.deps.probe(system);
      state = { system, state: 'ok', message: 'Connected.', checkedAt };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const notConfigured = error instanceof NotConfiguredError;
      state = { system, state: notConfigured ? 'not_configured' : 'failed', message, checkedAt };
      this.deps.logger.warn('connection test failed', { system, message });
    }
    this.connections[system] = state;
    this.deps.events.emit({ type: 'connection', connection: state });
    return state;
  }
}

/** Thrown by a probe when settings or secrets are missing; the message says which. */
export class NotConfiguredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotConfiguredError';
  }
}
