import { describe, expect, it } from 'vitest';
import { calls, Notification } from '../mocks/electron';
import { EventBus } from '../../src/main/core/event-bus';
import { applyLoginItem, attachDesktop } from '../../src/main/electron/desktop-integration';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

import type { AppEvent } from '../../src/shared/api';
import { computeHealth, type Health, type HealthInput } from '../../src/shared/health';
import { createTray } from '../../src/main/electron/tray';

function health(patch: Partial<HealthInput> = {}): Health {
  return computeHealth({
    now: '2026-12-02T13:10:00.000Z',
    startedAt: '2026-12-02T13:00:00.000Z',
    paused: false,
    systems: {
      specter: { configured: true, last: { at: '2026-12-02T13:09:00.000Z', class: 'ok' }, failingSince: null },
      ongoing: { configured: true, last: { at: '2026-12-02T13:09:00.000Z', class: 'ok' }, failingSince: null },
    },
    flows: [],
    waiting: { deliveries: 0, receipts: 0, inDoubt: 0 },
    ...patch,
  });
}

function desktop(language: 'sv' | 'en' = 'sv') {
  const events = new EventBus();
  let current = health();
  const opened: (string | undefined)[] = [];
  const navigated: string[] = [];
  const serviceCalls: string[] = [];
  events.subscribe((e: AppEvent) => {
    if (e.type === 'navigate') navigated.push(e.page);
  });
  const stop = attachDesktop(
    {
      events,
      health: { get: () => current },
      settings: { get: () => ({ ...DEFAULT_SETTINGS, language }) },
      service: {
        syncNow: async () => serviceCalls.push('syncNow'),
        setPaused: async (input) => serviceCalls.push(`paused=${input.paused}`),
        listJobs: async () => [],
      },
    },
    { createTray, open: (page) => opened.push(page), quit: () => serviceCalls.push('quit') },
  );
  const set = (h: Health) => {
    current = h;
    events.emit({ type: 'health', health: h });
  };
  return { events, set, opened, navigated, serviceCalls, stop, tray: () => calls.trays.at(-1) };
}

describe('desktop integration', () => {
  it('the tray follows health: icon, tooltip and menu in the UI language, and its items act', () => {
    Notification.shown = [];
    const d = desktop('sv');
    const tray = d.tray();
    expect(tray?.tooltip).toBe('Ongoing ⇄ Specter Sync\nAllt fungerar');
    d.set(health({ waiting: { deliveries: 3, receipts: 0, inDoubt: 0 } }));
    const template = (tray?.menu as { template: { label?: string; click?: () => void }[] } | undefined)?.template ?? [];
    expect(template.map((i) => i.label ?? '—')).toEqual([
      'Öppna',
      '3 leveranser att bekräfta',
      '—',
      'Synka nu',
      'Pausa',
      '—',
      'Avsluta',
    ]);
    template[1]?.click?.();
    expect(d.opened).toEqual(['deliveries']);
    expect(d.navigated).toEqual(['deliveries']);
    template[3]?.click?.();
    template[4]?.click?.();
    template[6]?.click?.();
    expect(d.serviceCalls).toEqual(['syncNow', 'paused=true', 'quit']);
    d.stop();
  });

  it('notifies about confirmations waiting, in the chosen language, and opens their page on click', () => {
    Notification.shown = [];
    const d = desktop('en');
    d.set(health({ waiting: { deliveries: 0, receipts: 2, inDoubt: 0 } }));
    d.set(health({ waiting: { deliveries: 0, receipts: 2, inDoubt: 0 } }));
    expect(Notification.shown.map((n) => n.options)).toEqual([{ title: 'To confirm', body: '2 receipts to confirm' }]);
    Notification.shown[0]?.emit('click');
    expect(d.opened).toEqual(['receipts']);
    d.stop();
  });

  it('shows nothing where the system has no notifications', () => {
    Notification.shown = [];
    Notification.supported = false;
    const d = desktop();
    d.set(health({ waiting: { deliveries: 2, receipts: 0, inDoubt: 0 } }));
    Notification.supported = true;
    expect(Notification.shown).toHaveLength(0);
    d.stop();
  });

  it('turns the login item on and off with the setting', () => {
    let applied: unknown = null;
    const app = { setLoginItemSettings: (s: unknown) => (applied = s) };
    applyLoginItem(app as never, { ...DEFAULT_SETTINGS, startAtLogin: false });
    expect(applied).toEqual({ openAtLogin: false, args: ['--hidden'] });
  });
});
