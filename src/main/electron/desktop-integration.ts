import { type App, Notification } from 'electron';
import type { AppEvent } from '../../shared/api';
import type { Health } from '../../shared/health';
import type { Language } from '../../shared/i18n';
import { renderMessage } from '../../shared/messages';
import type { Settings } from '../../shared/settings';
import { initialNotifierState, planNotifications, type TrayPage, trayModel } from '../../shared/tray-model';
import type { EventBus } from '../core/event-bus';
import type { TrayActions } from './tray';

/** Command-line flag of a start at login: the app starts in the tray without opening its window. */
export const HIDDEN_START_FLAG = '--hidden';

/** Start with the operating system when the setting says so (Windows and macOS; ignored elsewhere). */
export function applyLoginItem(app: Pick<App, 'setLoginItemSettings'>, settings: Settings): void {
  app.setLoginItemSettings({ openAtLogin: settings.startAtLogin, args: [HIDDEN_START_FLAG] });
}

/**
 * Desktop notifications from the health value, batched (at most one per minute per kind): confirmations
 * waiting, a system failing for more than 5 minutes, credentials refused, a posting in doubt that needs
 * a decision. Clicking one opens the page it is about.
 */
export function notifyHealth(
  events: EventBus,
  language: () => Language,
  open: (page: TrayPage) => void,
  now: () => number = Date.now,
): () => void {
  let state = initialNotifierState();
  return events.subscribe((event: AppEvent) => {
    if (event.type !== 'health') return;
    const plan = planNotifications(event.health, state, now());
    state = plan.state;
    if (!Notification.isSupported()) return;
    const lang = language();
    for (const note of plan.notes) {
      const notification = new Notification({
        title: renderMessage(lang, note.title),
        body: renderMessage(lang, note.body),
      });
      notification.on('click', () => open(note.page));
      notification.show();
    }
  });
}

/**
 * Keep the tray in step with the health value and the UI language: icon per level, tooltip with the
 * reason and counts, and the menu.
 */
export function followHealthInTray(
  events: EventBus,
  tray: { update(model: ReturnType<typeof trayModel>): void },
  view: { language: () => Language; paused: () => boolean; health: () => Health | null },
): () => void {
  const refresh = () => {
    const health = view.health();
    if (health) tray.update(trayModel(health, view.language(), view.paused()));
  };
  return events.subscribe((event: AppEvent) => {
    if (event.type === 'health' || event.type === 'settings' || event.type === 'jobs') refresh();
  });
}

export type { TrayActions };

/** What the desktop shell needs from the core. */
export interface DesktopCore {
  events: EventBus;
  health: { get(): Health };
  settings: { get(): Settings };
  service: {
    syncNow(input: Record<string, never>): Promise<unknown>;
    setPaused(input: { jobs: 'all'; paused: boolean }): Promise<unknown>;
    listJobs(input: Record<string, never>): Promise<{ enabled: boolean; paused: boolean }[]>;
  };
}

/**
 * The tray and notifications of the desktop app, following the core's health: the tray's icon,
 * tooltip and menu, and batched notifications whose click opens the page they are about.
 */
export function attachDesktop(
  core: DesktopCore,
  shell: {
    createTray(
      actions: TrayActions,
      initial: ReturnType<typeof trayModel>,
    ): { update(model: ReturnType<typeof trayModel>): void };
    open(page?: TrayPage): void;
    quit(): void;
  },
): () => void {
  let paused = false;
  const language = () => core.settings.get().language;
  const openPage = (page?: TrayPage) => {
    shell.open(page);
    if (page) core.events.emit({ type: 'navigate', page });
  };
  const actions: TrayActions = {
    open: openPage,
    syncNow: () => void core.service.syncNow({}).catch(() => {}),
    pause: () => void core.service.setPaused({ jobs: 'all', paused: true }).catch(() => {}),
    resume: () => void core.service.setPaused({ jobs: 'all', paused: false }).catch(() => {}),
    quit: shell.quit,
  };
  const tray = shell.createTray(actions, trayModel(core.health.get(), language(), paused));
  const stopJobs = core.events.subscribe((event) => {
    if (event.type === 'jobs') {
      const enabled = event.jobs.filter((j) => j.enabled);
      paused = enabled.length > 0 && enabled.every((j) => j.paused);
    }
  });
  const stopTray = followHealthInTray(core.events, tray, {
    language,
    paused: () => paused,
    health: () => core.health.get(),
  });
  const stopNotes = notifyHealth(core.events, language, openPage);
  return () => {
    stopJobs();
    stopTray();
    stopNotes();
  };
}
