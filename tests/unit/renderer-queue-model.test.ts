import { describe, expect, it } from 'vitest';
import type { Posting } from '../../src/shared/domain/postings';
import {
  confirmSummary,
  filterCounts,
  inFilter,
  matchesSearch,
  newerOf,
  quantityOf,
  queueRows,
} from '../../src/renderer/pages/postings/queue-model';

function posting(id: number, over: Partial<Posting> = {}): Posting {
  return {
    id,
    kind: 'delivery',
    idempotencyKey: `k${id}`,
    ongoingId: 100 + id,
    specterId: String(id),
    number: String(1000 + id),
    counterpart: 'Kafé Linnéa',
    deliveryDate: '2026-12-01',
    packetNo: `PKT${id}`,
    trackingUrl: '',
    sendEmail: true,
    createInvoice: true,
    rows: [
      { rowRef: '1', articleNo: 'ART-1', articleName: 'Grytlapp', ordered: 10, previouslyReported: 0, quantity: 10 },
    ],
    state: 'proposed',
    attempts: 0,
    lastError: null,
    lastErrorRef: null,
    ackState: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    specterResultId: null,
    waitingFor: null,
    evidence: null,
    createdAt: `2026-12-01T10:00:0${id % 10}Z`,
    updatedAt: '2026-12-01T10:00:00Z',
    ...over,
  };
}

const partialRows = [
  { rowRef: '1', articleNo: 'ART-1', articleName: 'Grytlapp', ordered: 10, previouslyReported: 0, quantity: 5 },
];

describe('the work queue model', () => {
  it('lists oldest first, keeps pinned rows whatever the filter, and searches number, customer, article and tracking', () => {
    const all = [posting(3), posting(1), posting(2, { state: 'done' })];
    expect(queueRows(all, 'open', '', new Set()).map((p) => p.id)).toEqual([1, 3]);
    expect(queueRows(all, 'open', '', new Set([2])).map((p) => p.id)).toEqual([1, 2, 3]);
    expect(matchesSearch(posting(1), 'linnéa')).toBe(true);
    expect(matchesSearch(posting(1), 'art-1')).toBe(true);
    expect(matchesSearch(posting(1), 'pkt1')).toBe(true);
    expect(matchesSearch(posting(1), '#1')).toBe(true);
    expect(matchesSearch(posting(1), '#12')).toBe(false);
    expect(matchesSearch(posting(1), 'björken')).toBe(false);
  });

  it('puts each posting under its filters and counts them', () => {
    const all = [
      posting(1),
      posting(2, { rows: partialRows }),
      posting(3, { state: 'held' }),
      posting(4, { state: 'failed' }),
      posting(5, { state: 'in_doubt' }),
      posting(6, { state: 'done' }),
      posting(7, { state: 'rejected', rows: partialRows }),
    ];
    expect(filterCounts(all)).toEqual({
      open: 5,
      toConfirm: 2,
      partial: 1,
      held: 1,
      failed: 1,
      inDoubt: 1,
      done: 1,
      rejected: 1,
      all: 7,
    });
    expect(inFilter(all[6] as Posting, 'partial')).toBe(false);
  });

  it('says "5 of 10" only for a partial posting', () => {
    expect(quantityOf(posting(1))).toEqual({ n: 10, of: null, before: 0 });
    expect(quantityOf(posting(2, { rows: partialRows }))).toEqual({ n: 5, of: 10, before: 0 });
  });

  it('summarises a confirmation: invoices only for deliveries, emails for both', () => {
    const chosen = [
      posting(1),
      posting(2, { createInvoice: false }),
      posting(3, { kind: 'receipt', createInvoice: true, sendEmail: false }),
    ];
    expect(confirmSummary(chosen)).toEqual({ count: 3, invoices: 1, emails: 2 });
  });

  it('finds a newer posting of the same record', () => {
    const older = posting(1, { state: 'rejected' });
    expect(newerOf(older, [older, posting(2)])).toBeNull();
    expect(newerOf(older, [older, posting(2, { ongoingId: older.ongoingId })])?.id).toBe(2);
    expect(newerOf(older, [older, posting(3, { ongoingId: older.ongoingId, kind: 'receipt' })])).toBeNull();
  });
});
