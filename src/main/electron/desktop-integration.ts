import { type App, Notification } from 'electron';
import type { AppEvent } from '../../shared/api';
import { type Language, translate } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';
import type { EventBus } from '../core/event-bus';

/** Command-line flag of a start at login: the app starts in the tray without opening its window. */
export const HIDDEN_START_FLAG = '--hidden';

/** Start with the operating system when the setting says so (Windows and macOS; ignored elsewhere). */
export function applyLoginItem(app: Pick<App, 'setLoginItemSettings'>, settings: Settings): void {
  app.setLoginItemSettings({ openAtLogin: settings.startAtLogin, args: [HIDDEN_START_FLAG] });
}

/**
 * A desktop notification when a run creates delivery or receipt proposals waiting for the operator;
 * clicking it opens the window.
 */
export function notifyNewProposals(events: EventBus, language: () => Language, open: () => void): () => void {
  return events.subscribe((event: AppEvent) => {
    if (event.type !== 'progress' || event.progress.phase !== 'finished') return;
    const { job, counts } = event.progress;
    const proposed = counts.proposed ?? 0;
    if (proposed <= 0 || (job !== 'deliveries' && job !== 'receipts')) return;
    if (!Notification.isSupported()) return;
    const lang = language();
    const notification = new Notification({
      title: translate(lang, job === 'deliveries' ? 'nav.deliveries' : 'nav.receipts'),
      body: `${proposed} ${translate(lang, 'notify.toConfirm')}`,
    });
    notification.on('click', open);
    notification.show();
  });
}
