import { create } from 'zustand';
import type { AppEvent, AppStatus, ConnectionState, RemoteSystemName } from '../shared/api';
import type { JobState } from '../shared/domain/sync';
import type { SecretName } from '../shared/credentials';
import type { Language, MessageKey } from '../shared/i18n';
import { MESSAGES, translate } from '../shared/i18n';
import type { Health } from '../shared/health';
import { type MessageRef, renderMessage } from '../shared/messages';
import type { Settings, SettingsPatch } from '../shared/settings';
import { getApi } from './api';

export type NavPage =
  | 'overview'
  | 'orders'
  | 'deliveries'
  | 'receipts'
  | 'stock'
  | 'articles'
  | 'activity'
  | 'settings';
/** The sidebar's pages, and the first-start setup (opened from first start or Settings). */
export type Page = NavPage | 'setup';

export const PAGES: NavPage[] = [
  'overview',
  'orders',
  'deliveries',
  'receipts',
  'stock',
  'articles',
  'activity',
  'settings',
];

/** A search handed to the page opened next; `flow` picks the Orders tab. */
export interface PageSearch {
  page: Page;
  search: string;
  flow?: 'orders' | 'purchaseOrders';
}

interface AppState {
  page: Page;
  status: AppStatus | null;
  settings: Settings | null;
  credentials: Record<SecretName, boolean> | null;
  error: string | null;
  notice: string | null;
  busy: boolean;
  jobs: JobState[];
  /** The app's health (pushed by the core after every real call, run and outbox change). */
  health: Health | null;
  /** Bumped whenever synced data may have changed; pages reload their data when it moves. */
  revision: number;
  setPage(page: Page): void;
  /**
   * A search handed to the page opened next (Orders → its postings in Deliveries, its events in Activity;
   * Stock → an order or purchase order in Orders, with the tab to show).
   */
  pageSearch: PageSearch | null;
  openWithSearch(page: Page, search: string, flow?: PageSearch['flow']): void;
  loadJobs(): Promise<void>;
  /** Run an action; its error (if any) shows in the banner. Returns true on success. */
  act(fn: () => Promise<unknown>, notice?: MessageKey): Promise<boolean>;
  load(): Promise<void>;
  saveSettings(patch: SettingsPatch): Promise<void>;
  saveSecrets(values: Partial<Record<SecretName, string>>): Promise<void>;
  clearSecrets(names: SecretName[]): Promise<void>;
  testConnection(system: RemoteSystemName): Promise<void>;
  applyEvent(event: AppEvent): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useAppStore = create<AppState>((set, get) => {
  const run = async (fn: () => Promise<unknown>, notice?: string): Promise<boolean> => {
    set({ busy: true, error: null, notice: null });
    try {
      await fn();
      // Whatever the action changed (a posting decided, a job run), pages reload their data.
      set({ notice: notice ?? null, revision: get().revision + 1 });
      return true;
    } catch (error) {
      set({ error: message(error) });
      return false;
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
    jobs: [],
    health: null,
    revision: 0,
    setPage: (page) => set({ page, pageSearch: null, error: null, notice: null }),
    pageSearch: null,
    openWithSearch: (page, search, flow) =>
      set({ page, pageSearch: { page, search, flow }, error: null, notice: null }),
    act: (fn, notice) => run(fn, notice),
    loadJobs: async () => {
      try {
        set({ jobs: await getApi().listJobs({}) });
      } catch {
        // Not every process runs the sync engine (e.g. a one-shot command); the Overview says so.
      }
    },
    load: () =>
      run(async () => {
        const api = getApi();
        const [status, settings, credentials, health] = await Promise.all([
          api.getStatus({}),
          api.getSettings({}),
          api.hasCredentials({}),
          api.getHealth({}),
        ]);
        set({ status, settings, credentials, health });
        await get().loadJobs();
      }).then(() => undefined),
    saveSettings: (patch) =>
      run(async () => {
        set({ settings: await getApi().updateSettings({ patch }) });
      }, 'common.saved').then(() => undefined),
    saveSecrets: (values) =>
      run(async () => {
        set({ credentials: await getApi().setCredentials({ values }) });
      }, 'common.saved').then(() => undefined),
    clearSecrets: (names) =>
      run(async () => {
        set({ credentials: await getApi().clearCredentials({ names }) });
      }).then(() => undefined),
    testConnection: (system) =>
      run(async () => {
        const connection = await getApi().testConnection({ system });
        get().applyEvent({ type: 'connection', connection });
      }).then(() => undefined),
    applyEvent: (event) => {
      if (event.type === 'jobs') set({ jobs: event.jobs, revision: get().revision + 1 });
      if (event.type === 'progress' && event.progress.phase === 'finished') set({ revision: get().revision + 1 });
      if (event.type === 'status') set({ status: event.status });
      if (event.type === 'health') set({ health: event.health });
      // Lists follow the outbox: a posting that changed anywhere (a run, another window) reloads them.
      if (event.type === 'posting') set({ revision: get().revision + 1 });
      if (event.type === 'navigate' && PAGES.includes(event.page as NavPage)) set({ page: event.page as NavPage });
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

/** Say a message code with its parameters in the UI language (times local, numbers in its format). */
export function useMessage(): (ref: MessageRef) => string {
  const language: Language = useAppStore((s) => s.settings?.language ?? 'sv');
  return (ref) => renderMessage(language, ref);
}

/** Say several message codes one after the other (a run's problem and its warnings, a posting's outcome). */
export function useMessages(): (refs: readonly MessageRef[]) => string {
  const say = useMessage();
  return (refs) => refs.map(say).join(' ');
}

/** A key of the UI catalogue built from a prefix and a value the core sends (a state, a count's name). */
export function useLabel(): (prefix: string, value: string) => string {
  const t = useT();
  return (prefix, value) => {
    const key = `${prefix}.${value}`;
    return key in MESSAGES.sv ? t(key as MessageKey) : value;
  };
}
