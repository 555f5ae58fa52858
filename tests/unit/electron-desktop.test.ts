import { describe, expect, it } from 'vitest';
import { Notification } from '../mocks/electron';
import { EventBus } from '../../src/main/core/event-bus';
import { applyLoginItem, notifyNewProposals } from '../../src/main/electron/desktop-integration';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

const finished = (job: 'deliveries' | 'receipts' | 'orders', proposed: number) => ({
  type: 'progress' as const,
  progress: { job, runId: 1, phase: 'finished' as const, done: 0, total: null, counts: { proposed } },
});

describe('desktop integration', () => {
  it('notifies when a run proposes deliveries or receipts, in the chosen language, and opens on click', () => {
    Notification.shown = [];
    const events = new EventBus();
    let opened = 0;
    let language: 'sv' | 'en' = 'sv';
    notifyNewProposals(
      events,
      () => language,
      () => opened++,
    );
    events.emit(finished('deliveries', 3));
    events.emit(finished('deliveries', 0));
    events.emit(finished('orders', 5));
    language = 'en';
    events.emit(finished('receipts', 1));
    expect(Notification.shown.map((n) => n.options)).toEqual([
      { title: 'Leveranser', body: '3 att bekräfta' },
      { title: 'Receipts', body: '1 to confirm' },
    ]);
    Notification.shown[0]?.emit('click');
    expect(opened).toBe(1);
  });

  it('shows nothing where the system has no notifications', () => {
    Notification.shown = [];
    Notification.supported = false;
    const events = new EventBus();
    notifyNewProposals(
      events,
      () => 'sv',
      () => {},
    );
    events.emit(finished('deliveries', 2));
    Notification.supported = true;
    expect(Notification.shown).toHaveLength(0);
  });

  it('turns the login item on and off with the setting', () => {
    let applied: unknown = null;
    const app = { setLoginItemSettings: (s: unknown) => (applied = s) };
    applyLoginItem(app as never, { ...DEFAULT_SETTINGS, startAtLogin: false });
    expect(applied).toEqual({ openAtLogin: false, args: ['--hidden'] });
  });
});
