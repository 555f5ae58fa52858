import { afterEach, describe, expect, it } from 'vitest';
import { AuditLogRepository } from '../../src/main/core/repositories/audit-log-repository';
import { RecordRepository } from '../../src/main/core/repositories/record-repository';
import { openDatabase } from '../../src/main/core/store/database';
import { auditEntryDetail } from '../../src/main/core/tracker/tracker-queries';
import { buildTimeline } from '../../src/main/core/tracker/timeline';
import type { Posting } from '../../src/shared/domain/postings';
import { diffFields } from '../../src/shared/tracker';
import { tempDir } from '../helpers/temp-dir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function open() {
  const t = tempDir('oss-tracker-');
  cleanup = t.cleanup;
  return openDatabase({ dataDir: t.dir });
}

describe('audit log pages', () => {
  it('walks the log newest first by keyset, and filters by search, errors and flow', () => {
    const db = open();
    const audit = new AuditLogRepository(db);
    for (let i = 1; i <= 25; i++) {
      audit.append({
        actor: 'system',
        action: i % 5 === 0 ? 'delivery.refused' : i % 2 ? 'delivery.proposed' : 'sync.now',
        subject: `delivery #${i} ${1000 + i}`,
        details: { payload: { rows: [{ articleNo: `A-${i}` }] } },
      });
    }
    const first = audit.page({ limit: 10 });
    expect(first.rows.map((r) => r.subject)).toEqual(
      Array.from({ length: 10 }, (_, i) => `delivery #${25 - i} ${1025 - i}`),
    );
    const second = audit.page({ limit: 10, before: first.nextBefore ?? 0 });
    expect(second.rows[0]?.subject).toBe('delivery #15 1015');
    const last = audit.page({ limit: 10, before: second.nextBefore ?? 0 });
    expect(last.rows).toHaveLength(5);
    expect(last.nextBefore).toBeNull();

    expect(audit.page({ search: '1017' }).rows.map((r) => r.subject)).toEqual(['delivery #17 1017']);
    expect(audit.page({ search: 'A-3"' }).rows.map((r) => r.subject)).toEqual(['delivery #3 1003']);
    expect(audit.page({ errorsOnly: true }).rows.map((r) => r.action)).toEqual(Array(5).fill('delivery.refused'));
    expect(audit.page({ flow: 'sync' }).rows.every((r) => r.action === 'sync.now')).toBe(true);
    expect(audit.page({ search: '100%' }).rows).toEqual([]);
    db.close();
  });

  it('diffs an entry against the previous version of the same document, field by field', () => {
    const db = open();
    const audit = new AuditLogRepository(db);
    audit.append({
      actor: 'system',
      action: 'delivery.proposed',
      subject: 'delivery #1 1031',
      details: { payload: { packetNo: 'A', rows: [{ noOfItems: 2 }] } },
    });
    audit.append({
      actor: 'system',
      action: 'delivery.proposed',
      subject: 'delivery #2 11031',
      details: { payload: { packetNo: 'X' } },
    });
    const id = audit.append({
      actor: 'operator',
      action: 'delivery.confirm',
      subject: 'delivery #3 1031',
      details: { payload: { packetNo: 'B', rows: [{ noOfItems: 2 }, { noOfItems: 1 }] } },
    });
    const detail = auditEntryDetail(audit, id);
    expect(detail?.previous?.subject).toBe('delivery #1 1031');
    expect(detail?.changes).toEqual([
      { path: 'packetNo', before: 'A', after: 'B' },
      { path: 'rows[1].noOfItems', before: null, after: '1' },
    ]);
    db.close();
  });
});

describe('warehouse status on records', () => {
  it('stores the status read from Ongoing on the record found by Ongoing id or number', () => {
    const db = open();
    const records = new RecordRepository(db);
    records.upsert({ flow: 'orders', key: '1031', specterId: '5531', ongoingId: 77, state: 'synced' });
    expect(records.setOngoingStatus('orders', { ongoingId: 77, key: 'x' }, { number: 450, text: 'Sent' })).toBe(true);
    const stored = records.get('orders', '1031');
    expect([stored?.ongoingStatus, stored?.ongoingStatusText]).toEqual([450, 'Sent']);
    expect(stored?.ongoingStatusAt).toMatch(/^\d{4}-/);
    expect(records.setOngoingStatus('orders', { ongoingId: 1, key: 'nope' }, { number: 450, text: 'Sent' })).toBe(
      false,
    );
    db.close();
  });
});

describe('timeline', () => {
  const posting = (over: Partial<Posting>): Posting =>
    ({
      id: 4,
      kind: 'delivery',
      number: '1031',
      state: 'done',
      ackState: 'done',
      specterResultId: '7001',
      createdAt: '2026-01-01T10:00:00.000Z',
      decidedBy: 'operator',
      decidedAt: '2026-01-01T10:05:00.000Z',
      ...over,
    }) as Posting;
  const record = {
    flow: 'orders' as const,
    key: '1031',
    specterId: '5531',
    ongoingId: 77,
    state: 'synced' as const,
    ongoingStatus: 450,
    ongoingStatusText: 'Sent',
    ongoingStatusAt: '2026-01-01T09:00:00.000Z',
    summary: {},
    message: '',
    messageRef: null,
    lastSentAt: '2026-01-01T08:00:00.000Z',
    updatedAt: '',
  };
  it('marks each step from the record, the posting and its audit entries', () => {
    const audit = [
      {
        id: 1,
        at: '2026-01-01T10:00:00.000Z',
        actor: 'system',
        action: 'delivery.proposed',
        subject: 'delivery #4 1031',
        details: {},
      },
      {
        id: 2,
        at: '2026-01-01T10:05:00.000Z',
        actor: 'operator',
        action: 'delivery.confirm',
        subject: 'delivery #4 1031',
        details: {},
      },
      {
        id: 3,
        at: '2026-01-01T10:06:00.000Z',
        actor: 'operator',
        action: 'delivery.sent',
        subject: 'delivery #4 1031',
        details: {},
      },
    ];
    const steps = buildTimeline({
      flow: 'orders',
      record,
      postings: [posting({})],
      audit,
      shippedStatuses: [450, 500],
    });
    expect(steps.map((s) => [s.step, s.done])).toEqual([
      ['received', true],
      ['sent', true],
      ['picked', true],
      ['shipped', true],
      ['proposed', true],
      ['confirmed', true],
      ['reported', true],
      ['acknowledged', true],
    ]);
    expect(steps.find((s) => s.step === 'confirmed')?.by).toBe('operator');
    expect(steps.find((s) => s.step === 'reported')).toMatchObject({ at: '2026-01-01T10:06:00.000Z', detail: '7001' });
  });
  it('stops where the order is: released in the warehouse, nothing picked', () => {
    const steps = buildTimeline({
      flow: 'orders',
      record: { ...record, ongoingStatus: 300 },
      postings: [],
      audit: [],
      shippedStatuses: [450],
    });
    expect(steps.filter((s) => s.done).map((s) => s.step)).toEqual(['received', 'sent']);
  });
  it('a field diff names added, removed and changed leaves', () => {
    expect(diffFields({ a: 1, b: { c: 'x' } }, { a: 2, d: true })).toEqual([
      { path: 'a', before: '1', after: '2' },
      { path: 'b.c', before: 'x', after: null },
      { path: 'd', before: null, after: 'true' },
    ]);
  });
});
