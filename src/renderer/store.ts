import { create } from 'zustand';
import type { AppEvent, AppStatus, ConnectionState, RemoteSystemName } from '../shared/api';
import type { SecretName } from '../shared/credentials';
import type { Language, MessageKey } from '../shared/i18n';
import { translate } from '../shared/i18n';
import type { Settings, SettingsPatch } from '../shared/settings';
import { getApi } from './api';

export type Page = 'overview' | 'orders' | 'deliveries' | 'receipts' | 'stock' | 'articles' | 'activity' | 'settings';

export const PAGES: Page[] = [
  'overview',
  'orders',
  'deliveries',
  'receipts',
  'stock',
  'articles',
  'activity',
  'settings',
];

interface AppState {
  page: Page;
  status: AppStatus | null;
  settings: Settings | null;
  credentials: Record<SecretName, boolean> | null;
  error: string | null;
  notice: string | null;
  busy: boolean;
  setPage(page: Page): void;
  load(): Promise<void>;
  saveSettings(patch: SettingsPatch): Promise<void>;
  saveSecrets(values: Partial<Record<SecretName, string>>): Promise<void>;
  clearSecrets(names: SecretName[]): Promise<void>;
  testConnection(system: RemoteSystemName): Promise<void>;
  applyEvent(event: AppEvent): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useAppStore = create<AppState>((set, get) => {
  const run = async (fn: () => Promise<void>, notice?: string) => {
    set({ busy: true, error: null, notice: null });
    try {
      await fn();
      set({ notice: notice ?? null });
    } catch (error) {
      set({ error: message(error) });
    } finally {
      set({ busy: false });
    }
  };
  return {
    page: 'overview',
    status: null,
    settings: null,
    credentials: null,
    error: null,
    notice: null,
    busy: false,
    setPage: (page) => set({ page, error: null, notice: null }),
    load: () =>
      run(async () => {
        const api = getApi();
        const [status, settings, credentials] = await Promise.all([
          api.getStatus({}),
          api.getSettings({}),
          api.hasCredentials({}),
        ]);
        set({ status, settings, credentials });
      }),
    saveSettings: (patch) =>
      run(async () => {
        set({ settings: await getApi().updateSettings({ patch }) });
      }, 'common.saved'),
    saveSecrets: (values) =>
      run(async () => {
        set({ credentials: await getApi().setCredentials({ values }) });
      }, 'common.saved'),
    clearSecrets: (names) =>
      run(async () => {
        set({ credentials: await getApi().clearCredentials({ names }) });
      }),
    testConnection: (system) =>
      run(async () => {
        const connection = await getApi().testConnection({ system });
        get().applyEvent({ type: 'connection', connection });
      }),
    applyEvent: (event) => {
      if (event.type === 'status') set({ status: event.status });
      if (event.type === 'settings') set({ settings: event.settings });
      if (event.type === 'connection') {
        const status = get().status;
        if (status) {
          const connections: Record<RemoteSystemName, ConnectionState> = {
            ...status.connections,
            [event.connection.system]: event.connection,
          };
          set({ status: { ...status, connections } });
        }
      }
    },
  };
});

/** Translate with the language from settings (Swedish until settings are loaded). */
export function useT(): (key: MessageKey) => string {
  const language: Language = useAppStore((s) => s.settings?.language ?? 'sv');
  return (key) => translate(language, key);
}
