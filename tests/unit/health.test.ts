import { describe, expect, it } from 'vitest';
import { computeHealth, type FlowState, type HealthInput } from '../../src/shared/health';
import { MESSAGE_TEXTS, type MessageCode, paramsOf, renderMessage } from '../../src/shared/messages';
import {
  FAILING_NOTICE_AFTER_MS,
  initialNotifierState,
  NOTIFY_EVERY_MS,
  planNotifications,
  trayModel,
} from '../../src/shared/tray-model';

const T0 = '2026-12-02T13:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function flow(job: string, patch: Partial<FlowState> = {}): FlowState {
  return {
    job,
    enabled: true,
    intervalSeconds: 60,
    running: false,
    lastRun: { status: 'ok', finishedAt: at(9) },
    lastSuccessAt: at(9),
    failingSince: null,
    nextRunAt: at(10),
    openProblems: 0,
    ...patch,
  };
}

function input(patch: Partial<HealthInput> = {}): HealthInput {
  return {
    now: at(10),
    startedAt: T0,
    paused: false,
    systems: {
      specter: { configured: true, last: { at: at(9), class: 'ok' }, failingSince: null },
      ongoing: { configured: true, last: { at: at(9), class: 'ok' }, failingSince: null },
    },
    flows: [flow('orders'), flow('deliveries')],
    waiting: { deliveries: 0, receipts: 0, inDoubt: 0 },
    ...patch,
  };
}

describe('health from real calls', () => {
  it('is ok when the last real calls answered and runs succeed', () => {
    const h = computeHealth(input());
    expect(h.overall).toEqual({ level: 'ok', reason: { code: 'health.ok' }, since: null });
    expect(h.systems.ongoing.level).toBe('ok');
  });

  it('turns failing for Ongoing from its last real call, naming since when, before any run fails', () => {
    const h = computeHealth(
      input({
        systems: {
          specter: { configured: true, last: { at: at(9), class: 'ok' }, failingSince: null },
          ongoing: { configured: true, last: { at: at(9.5), class: 'connection' }, failingSince: at(2) },
        },
      }),
    );
    expect(h.systems.ongoing).toEqual({
      level: 'failing',
      reason: { code: 'health.system.unreachable', params: { system: 'ongoing', since: at(2) } },
      since: at(2),
    });
    expect(h.overall.reason.code).toBe('health.system.unreachable');
    expect(renderMessage('sv', h.overall.reason, 'UTC')).toBe('Ongoing svarar inte sedan 13:02.');
    expect(renderMessage('en', h.overall.reason, 'UTC')).toBe('Ongoing has not answered since 13:02.');
  });

  it('refused login is failing; a refused record or slow-down is not a system failure', () => {
    const sys = (c: 'auth' | 'refused' | 'rate') =>
      computeHealth(
        input({
          systems: {
            specter: { configured: true, last: { at: at(9), class: c }, failingSince: at(8) },
            ongoing: { configured: true, last: { at: at(9), class: 'ok' }, failingSince: null },
          },
        }),
      ).systems.specter.level;
    expect(sys('auth')).toBe('failing');
    expect(sys('refused')).toBe('ok');
    expect(sys('rate')).toBe('attention');
  });

  it('watchdog: no successful run for 3 intervals, or a missed schedule, is failing', () => {
    // 2.5 minutes after the last success, the run due 6 s ago: fine.
    const fine = computeHealth(
      input({ now: at(12.5), flows: [flow('orders', { lastSuccessAt: at(10), nextRunAt: at(12.4) })] }),
    );
    expect(fine.flows.orders?.level).toBe('ok');
    const late = computeHealth(
      input({ now: at(13.1), flows: [flow('orders', { lastSuccessAt: at(10), nextRunAt: at(11) })] }),
    );
    expect(late.flows.orders).toMatchObject({ level: 'failing', reason: { code: 'health.flow.noSuccessSince' } });
    const missed = computeHealth(
      input({ now: at(12.5), flows: [flow('orders', { lastSuccessAt: at(10), nextRunAt: at(11.4) })] }),
    );
    expect(missed.flows.orders).toMatchObject({ level: 'failing', reason: { code: 'health.flow.missedSchedule' } });
    const never = computeHealth(input({ now: at(4), flows: [flow('orders', { lastSuccessAt: null, lastRun: null })] }));
    expect(never.flows.orders).toMatchObject({ level: 'failing', reason: { code: 'health.flow.noSuccessYet' } });
  });

  it('a failed run is failing; problems, pause and waiting confirmations need attention', () => {
    const failed = computeHealth(
      input({ flows: [flow('orders', { lastRun: { status: 'failed', finishedAt: at(9) }, failingSince: at(7) })] }),
    );
    expect(failed.overall).toMatchObject({ level: 'failing', since: at(7) });
    const problems = computeHealth(input({ flows: [flow('orders', { openProblems: 2 })] }));
    expect(problems.overall).toMatchObject({ level: 'attention', reason: { code: 'health.flow.problems' } });
    expect(computeHealth(input({ paused: true })).overall.reason.code).toBe('health.flow.paused');
    const waiting = computeHealth(input({ waiting: { deliveries: 3, receipts: 1, inDoubt: 0 } }));
    expect(waiting.overall).toMatchObject({ level: 'attention', reason: { code: 'health.waiting.deliveries' } });
  });
});

describe('the tray model', () => {
  it('shows the level as icon, the counts and the reason in the tooltip, and the waiting work in the menu', () => {
    const h = computeHealth(
      input({
        systems: {
          specter: { configured: true, last: { at: at(9), class: 'ok' }, failingSince: null },
          ongoing: { configured: true, last: { at: at(9), class: 'connection' }, failingSince: at(2) },
        },
        waiting: { deliveries: 3, receipts: 0, inDoubt: 0 },
      }),
    );
    const sv = trayModel(h, 'sv', false, 'UTC');
    expect(sv.icon).toBe('failing');
    expect(sv.tooltip).toBe('Ongoing ⇄ Specter Sync\n3 leveranser att bekräfta · Ongoing svarar inte sedan 13:02');
    expect(sv.menu.map((m) => ('label' in m ? m.label : '—'))).toEqual([
      'Öppna',
      '3 leveranser att bekräfta',
      '—',
      'Synka nu',
      'Pausa',
      '—',
      'Avsluta',
    ]);
    expect(sv.menu[1]).toMatchObject({ kind: 'page', page: 'deliveries' });
    const en = trayModel(h, 'en', true, 'UTC');
    expect(en.menu.map((m) => ('label' in m ? m.label : '—'))).toContain('Resume');
    expect(en.tooltip).toContain('3 deliveries to confirm · Ongoing has not answered since 13:02');
  });
});

describe('desktop notifications', () => {
  it('announces new confirmations at most once a minute, and a system failing for over 5 minutes once', () => {
    const now0 = Date.parse(at(10));
    const failing = (deliveries: number, since: string) =>
      computeHealth(
        input({
          systems: {
            specter: { configured: true, last: { at: at(9), class: 'ok' }, failingSince: null },
            ongoing: { configured: true, last: { at: at(9), class: 'connection' }, failingSince: since },
          },
          waiting: { deliveries, receipts: 0, inDoubt: 0 },
        }),
      );
    let state = initialNotifierState();
    let plan = planNotifications(failing(2, at(9)), state, now0);
    expect(plan.notes.map((n) => n.kind)).toEqual(['confirmations']);
    expect(plan.notes[0]).toMatchObject({ page: 'deliveries', body: { params: { count: 2 } } });
    state = plan.state;
    // More arrive within the minute: held back, then shown with the count of that moment.
    plan = planNotifications(failing(4, at(9)), state, now0 + 10_000);
    expect(plan.notes).toEqual([]);
    plan = planNotifications(failing(5, at(9)), plan.state, now0 + NOTIFY_EVERY_MS);
    expect(plan.notes[0]).toMatchObject({ kind: 'confirmations', body: { params: { count: 5 } } });
    // Ongoing failing since 13:09: announced only after 5 minutes, and only once per failure.
    const later = Date.parse(at(9)) + FAILING_NOTICE_AFTER_MS + 1;
    plan = planNotifications(failing(5, at(9)), plan.state, later);
    expect(plan.notes).toEqual([
      expect.objectContaining({
        kind: 'systemFailing',
        page: 'overview',
        title: { code: 'notify.systemFailing.title', params: { system: 'ongoing' } },
      }),
    ]);
    plan = planNotifications(failing(5, at(9)), plan.state, later + 2 * NOTIFY_EVERY_MS);
    expect(plan.notes).toEqual([]);
  });
});

describe('message codes', () => {
  it('every code has a text in both languages using the same parameters', () => {
    for (const code of Object.keys(MESSAGE_TEXTS.sv) as MessageCode[]) {
      expect(MESSAGE_TEXTS.en[code], code).toBeTruthy();
      expect(paramsOf('en', code).sort(), code).toEqual(paramsOf('sv', code).sort());
    }
    expect(Object.keys(MESSAGE_TEXTS.en).sort()).toEqual(Object.keys(MESSAGE_TEXTS.sv).sort());
  });

  it('formats numbers and times in the language’s locale', () => {
    expect(renderMessage('sv', { code: 'health.waiting.deliveries', params: { count: 1234 } })).toBe(
      '1\u00a0234 leveranser att bekräfta',
    );
    expect(renderMessage('en', { code: 'health.waiting.deliveries', params: { count: 1234 } })).toBe(
      '1,234 deliveries to confirm',
    );
  });
});
