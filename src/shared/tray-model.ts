/**
 * What the tray shows, computed from the health value: the icon (one per level), the tooltip (the
 * reason and the counts, e.g. "3 leveranser att bekräfta · Ongoing svarar inte sedan 14:02") and the
 * menu (open, the waiting confirmations as items that open their page, sync now, pause/resume, quit),
 * in the UI language. Pure, so the desktop shell and the tests use the same code; and the planner of
 * desktop notifications (batched: at most one per minute per kind).
 */
import type { Health, HealthLevel, HealthValue } from './health';
import type { Language } from './i18n';
import { type MessageRef, renderMessage } from './messages';

/** Pages the tray and notifications can open. */
export type TrayPage = 'overview' | 'deliveries' | 'receipts' | 'activity' | 'settings';

export type TrayMenuItem =
  | { kind: 'open'; label: string }
  | { kind: 'page'; label: string; page: TrayPage }
  | { kind: 'syncNow'; label: string }
  | { kind: 'pause' | 'resume'; label: string }
  | { kind: 'quit'; label: string }
  | { kind: 'separator' };

export interface TrayModel {
  icon: HealthLevel;
  tooltip: string;
  menu: TrayMenuItem[];
}

/** Windows cuts tray tooltips at 127 characters. */
const TOOLTIP_MAX = 127;

export function trayModel(health: Health, language: Language, paused: boolean, timeZone?: string): TrayModel {
  const say = (ref: MessageRef) => renderMessage(language, ref, timeZone);
  const counts: { ref: MessageRef; page: TrayPage }[] = [];
  const w = health.waiting;
  if (w.deliveries > 0)
    counts.push({ ref: { code: 'health.waiting.deliveries', params: { count: w.deliveries } }, page: 'deliveries' });
  if (w.receipts > 0)
    counts.push({ ref: { code: 'health.waiting.receipts', params: { count: w.receipts } }, page: 'receipts' });
  if (w.inDoubt > 0)
    counts.push({ ref: { code: 'health.waiting.inDoubt', params: { count: w.inDoubt } }, page: 'deliveries' });
  if (w.problems > 0)
    counts.push({ ref: { code: 'health.waiting.problems', params: { count: w.problems } }, page: 'activity' });

  const failing: HealthValue[] = [
    ...Object.values(health.systems).filter((v) => v.level === 'failing'),
    ...(Object.values(health.systems).some((v) => v.level === 'failing')
      ? []
      : Object.values(health.flows).filter((v) => v.level === 'failing')),
  ];
  const parts = [...counts.map((c) => say(c.ref)), ...failing.map((v) => say(v.reason).replace(/\.$/, ''))];
  if (parts.length === 0) parts.push(say(health.overall.reason).replace(/\.$/, ''));
  let tooltip = `Ongoing ⇄ Specter Sync\n${parts.join(' · ')}`;
  if (tooltip.length > TOOLTIP_MAX) tooltip = `${tooltip.slice(0, TOOLTIP_MAX - 1)}…`;

  const menu: TrayMenuItem[] = [{ kind: 'open', label: say({ code: 'tray.open' }) }];
  for (const c of counts) menu.push({ kind: 'page', label: say(c.ref), page: c.page });
  menu.push(
    { kind: 'separator' },
    { kind: 'syncNow', label: say({ code: 'tray.syncNow' }) },
    paused
      ? { kind: 'resume', label: say({ code: 'tray.resume' }) }
      : { kind: 'pause', label: say({ code: 'tray.pause' }) },
    { kind: 'separator' },
    { kind: 'quit', label: say({ code: 'tray.quit' }) },
  );
  return { icon: health.overall.level, tooltip, menu };
}

// ------------------------------------------------------------------------------ notifications

export type NotificationKind = 'confirmations' | 'systemFailing' | 'authRefused' | 'inDoubt';

export interface PlannedNotification {
  kind: NotificationKind;
  title: MessageRef;
  body: MessageRef;
  page: TrayPage;
}

export interface NotifierState {
  /** When each kind was last shown (ms). */
  shownAt: Partial<Record<NotificationKind, number>>;
  /** What was last announced, so the same thing is not announced twice. */
  announced: { confirmations: number; inDoubt: number; failing: Record<string, string> };
}

export const NOTIFY_EVERY_MS = 60_000;
/** A system must fail this long before a notification says so (a blip is not worth one). */
export const FAILING_NOTICE_AFTER_MS = 5 * 60_000;

export function initialNotifierState(): NotifierState {
  return { shownAt: {}, announced: { confirmations: 0, inDoubt: 0, failing: {} } };
}

/**
 * The notifications to show now. A kind shown less than a minute ago waits (its news is kept and shown
 * with the counts of that moment once the minute has passed).
 */
export function planNotifications(
  health: Health,
  state: NotifierState,
  nowMs: number,
): { notes: PlannedNotification[]; state: NotifierState } {
  const next: NotifierState = {
    shownAt: { ...state.shownAt },
    announced: { ...state.announced, failing: { ...state.announced.failing } },
  };
  const notes: PlannedNotification[] = [];
  const allowed = (kind: NotificationKind) =>
    nowMs - (next.shownAt[kind] ?? Number.NEGATIVE_INFINITY) >= NOTIFY_EVERY_MS;
  const show = (n: PlannedNotification) => {
    notes.push(n);
    next.shownAt[n.kind] = nowMs;
  };

  const waiting = health.waiting.deliveries + health.waiting.receipts;
  if (waiting < next.announced.confirmations) next.announced.confirmations = waiting;
  if (waiting > next.announced.confirmations && allowed('confirmations')) {
    const deliveries = health.waiting.deliveries > 0;
    show({
      kind: 'confirmations',
      title: { code: 'notify.confirmations.title' },
      body: deliveries
        ? { code: 'health.waiting.deliveries', params: { count: health.waiting.deliveries } }
        : { code: 'health.waiting.receipts', params: { count: health.waiting.receipts } },
      page: deliveries ? 'deliveries' : 'receipts',
    });
    next.announced.confirmations = waiting;
  }

  if (health.waiting.inDoubt < next.announced.inDoubt) next.announced.inDoubt = health.waiting.inDoubt;
  if (health.waiting.inDoubt > next.announced.inDoubt && allowed('inDoubt')) {
    show({
      kind: 'inDoubt',
      title: { code: 'notify.inDoubt.title' },
      body: { code: 'notify.inDoubt.body', params: { count: health.waiting.inDoubt } },
      page: 'deliveries',
    });
    next.announced.inDoubt = health.waiting.inDoubt;
  }

  for (const [system, value] of Object.entries(health.systems)) {
    if (value.level !== 'failing' || !value.since) {
      delete next.announced.failing[system];
      continue;
    }
    if (next.announced.failing[system] === value.since) continue;
    const auth = value.reason.code === 'health.system.authRefused';
    const kind: NotificationKind = auth ? 'authRefused' : 'systemFailing';
    if (!auth && nowMs - Date.parse(value.since) < FAILING_NOTICE_AFTER_MS) continue;
    if (!allowed(kind)) continue;
    show({
      kind,
      title: { code: auth ? 'notify.authRefused.title' : 'notify.systemFailing.title', params: { system } },
      body: value.reason,
      page: auth ? 'settings' : 'overview',
    });
    next.announced.failing[system] = value.since;
  }
  return { notes, state: next };
}
