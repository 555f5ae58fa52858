import { describe, expect, it } from 'vitest';
import { judgeInDoubt, orderState, type SendSnapshot } from '../../src/main/core/postings/in-doubt';
import { buildDeliveryProposal, postingKey, reportedBaseOf } from '../../src/main/core/postings/proposals';
import { dependentsToSupersede, waitFor } from '../../src/main/core/postings/waits';
import type { PostingRow } from '../../src/shared/domain/postings';
import type { SpecterOrder } from '../../src/shared/domain/specter';
import type { GetOrderModel } from '../../src/shared/ongoing/models';

const rows: PostingRow[] = [
  { rowRef: '1', articleNo: 'A-1', articleName: 'Ullsocka', ordered: 5, previouslyReported: 0, quantity: 2 },
  { rowRef: '2', articleNo: 'A-2', articleName: 'Vante', ordered: 1, previouslyReported: 0, quantity: 1 },
];
const posting = { kind: 'delivery' as const, idempotencyKey: 'delivery:77:aaaa', rows };
const before: SendSnapshot = {
  takenAt: '2026-11-26T10:00:00.000Z',
  rows: { '1': 0, '2': 0, '3': 4 },
  deliveries: [{ deliveryId: '7001', trackingNo: 'OLD', deliveryDate: '2026-11-20', reference: '' }],
};
const delivery = (deliveryId: string, reference = '') => ({
  deliveryId,
  trackingNo: 'PKT',
  deliveryDate: '2026-12-01',
  reference,
});

describe('judging a send without a clear answer', () => {
  it('applied: a delivery carries the posting’s reference', () => {
    const verdict = judgeInDoubt(posting, before, {
      rows: { '1': 2, '2': 1, '3': 5 },
      deliveries: [...before.deliveries, delivery('7003', 'someone else'), delivery('7002', posting.idempotencyKey)],
    });
    expect(verdict).toMatchObject({ outcome: 'applied', resultId: '7002' });
    expect(verdict.evidence.matchedDeliveryId).toBe('7002');
  });

  it('applied: exact quantities and exactly one new delivery, where Specter keeps no references', () => {
    const verdict = judgeInDoubt(posting, before, {
      rows: { '1': 2, '2': 1, '3': 4 },
      deliveries: [...before.deliveries, delivery('7002')],
    });
    expect(verdict).toMatchObject({ outcome: 'applied', resultId: '7002' });
    expect(verdict.evidence.rows[0]).toEqual({ rowRef: '1', before: 0, now: 2, posting: 2, others: 0 });
  });

  it('a new delivery alone is never proof: with references kept, one without ours is someone else’s', () => {
    const verdict = judgeInDoubt(posting, before, {
      rows: { '1': 2, '2': 1, '3': 4 },
      deliveries: [...before.deliveries, delivery('7002', 'by-hand')],
    });
    expect(verdict.outcome).toBe('unknown');
  });

  it('a later posting’s delivery is not taken for this one (the receipt judged applied by mistake)', () => {
    const later = {
      kind: 'delivery' as const,
      idempotencyKey: 'delivery:77:bbbb',
      rows: [{ rowRef: '1', quantity: 2 }],
      specterResultId: '7002',
    };
    // Row 1 grew by 2, but it was the later posting's delivery, not this one.
    const verdict = judgeInDoubt(
      { ...posting, rows: [rows[0] as PostingRow] },
      before,
      { rows: { '1': 2, '2': 0, '3': 4 }, deliveries: [...before.deliveries, delivery('7002')] },
      [later],
    );
    expect(verdict.outcome).toBe('not_applied');
    expect(verdict.evidence.rows[0]).toMatchObject({ others: 2, now: 2 });
    // And when both arrived, the rest is exactly this posting's.
    const both = judgeInDoubt(
      { ...posting, rows: [rows[0] as PostingRow] },
      before,
      { rows: { '1': 4, '2': 0, '3': 4 }, deliveries: [...before.deliveries, delivery('7002'), delivery('7004')] },
      [later],
    );
    expect(both).toMatchObject({ outcome: 'applied', resultId: '7004' });
  });

  it('not applied: the rows of the posting did not change', () => {
    expect(
      judgeInDoubt(posting, before, { rows: { '1': 0, '2': 0, '3': 4 }, deliveries: before.deliveries }),
    ).toMatchObject({ outcome: 'not_applied' });
    const other = judgeInDoubt(posting, before, {
      rows: { '1': 0, '2': 0, '3': 5 },
      deliveries: [...before.deliveries, delivery('7003')],
    });
    expect(other.outcome).toBe('not_applied');
  });

  it('unknown: partly changed, changed by more than the posting, a row vanished, or no snapshot', () => {
    expect(
      judgeInDoubt(posting, before, { rows: { '1': 1, '2': 0, '3': 4 }, deliveries: before.deliveries }).outcome,
    ).toBe('unknown');
    const more = judgeInDoubt(posting, before, {
      rows: { '1': 3, '2': 1, '3': 4 },
      deliveries: [...before.deliveries, delivery('7002'), delivery('7003')],
    });
    expect(more.outcome).toBe('unknown');
    expect(more.summary).toMatch(/2 new deliveries not made by the app/);
    const gone = judgeInDoubt(posting, before, { rows: { '1': 2 }, deliveries: before.deliveries });
    expect(gone).toMatchObject({ outcome: 'unknown', summary: expect.stringMatching(/no longer has row 2/) });
    expect(judgeInDoubt(posting, null, { rows: { '1': 2, '2': 1 }, deliveries: [] }).outcome).toBe('unknown');
  });

  it('reads Specter’s delivered quantities per row no from an order', () => {
    const order = {
      rows: [
        { rowNo: '1', deliveredNoOfItems: 2 },
        { rowNo: '2', deliveredNoOfItems: 0 },
      ],
      deliveries: [{ deliveryId: '1', deliveryDate: '2026-12-01', trackingNo: 'T', invoiceId: '', reference: 'R' }],
    } as unknown as SpecterOrder;
    expect(orderState(order)).toEqual({
      rows: { '1': 2, '2': 0 },
      deliveries: [{ deliveryId: '1', deliveryDate: '2026-12-01', trackingNo: 'T', reference: 'R' }],
    });
  });
});

describe('one posting in flight per record', () => {
  it('waits while another posting of the record is sending or in doubt, or an earlier one is unsent', () => {
    expect(
      waitFor(
        { id: 2 },
        [
          { id: 1, state: 'in_doubt' },
          { id: 2, state: 'confirmed' },
        ],
        [],
      ),
    ).toEqual({
      postingId: 1,
      state: 'in_doubt',
      reason: 'in_flight',
    });
    expect(
      waitFor(
        { id: 2 },
        [
          { id: 1, state: 'confirmed' },
          { id: 2, state: 'confirmed' },
        ],
        [1],
      ),
    ).toEqual({
      postingId: 1,
      state: 'confirmed',
      reason: 'earlier',
    });
    expect(
      waitFor(
        { id: 2 },
        [
          { id: 1, state: 'done' },
          { id: 2, state: 'confirmed' },
        ],
        [1],
      ),
    ).toBeNull();
    expect(
      waitFor(
        { id: 2 },
        [
          { id: 1, state: 'confirmed' },
          { id: 2, state: 'confirmed' },
        ],
        [],
      ),
    ).toBeNull();
  });

  it('supersedes the unsent postings built on top of one that failed', () => {
    const same = [
      { id: 1, state: 'failed' as const },
      { id: 2, state: 'confirmed' as const },
      { id: 3, state: 'done' as const },
      { id: 4, state: 'proposed' as const },
    ];
    const deps: Record<number, number[]> = { 2: [1], 3: [1], 4: [] };
    expect(dependentsToSupersede(1, same, (id) => deps[id] ?? [])).toEqual([2]);
  });
});

function ongoingOrder(
  lines: { rowNo: string; picked: unknown; reported: number; ordered?: number }[],
  deliveryDate = '2026-12-01T00:00:00Z',
): GetOrderModel {
  return {
    orderInfo: {
      orderId: 77,
      orderNumber: '1001',
      goodsOwnerOrderId: '5521',
      deliveryDate,
      wayBill: 'W-1',
      orderStatus: { number: 450, text: 'Sent' },
    },
    consignee: { name: 'Åsa Öberg' },
    orderLines: lines.map((l, i) => ({
      id: i + 1,
      rowNumber: `8800${i}`,
      externalId: l.rowNo,
      article: { articleNumber: `A-${l.rowNo}`, articleName: `Artikel ${l.rowNo}` },
      orderedNumberOfItems: l.ordered ?? 5,
      pickedNumberOfItems: l.picked,
      reportedNumberOfItems: l.reported,
    })),
    tracking: [{ waybill: 'W-1', trackingUrl: 'https://t.example/W-1' }],
  } as GetOrderModel;
}

describe('delivery proposals, their keys and their units', () => {
  const options = { sendDeliveryEmail: true, createInvoice: false, today: '2026-12-01' };

  it('proposes picked − reported per row, with the absolute reported count to acknowledge per line', () => {
    const build = buildDeliveryProposal(ongoingOrder([{ rowNo: '1', picked: 3, reported: 1 }]), '5521', options);
    expect(build.posting?.rows).toEqual([
      {
        rowRef: '1',
        articleNo: 'A-1',
        articleName: 'Artikel 1',
        ordered: 5,
        previouslyReported: 1,
        quantity: 2,
        unitFactor: 1,
        ongoingLines: [{ lineId: 1, quantity: 2, reportedAfter: 3 }],
      },
    ]);
    expect(build.posting).toMatchObject({ specterId: '5521', packetNo: 'W-1', trackingUrl: 'https://t.example/W-1' });
    expect(build.posting?.idempotencyKey).toBe(postingKey('delivery', 77, build.posting?.rows ?? []));
  });

  it('gives equal quantities from a different starting point a different key, and is stable otherwise', () => {
    const first = buildDeliveryProposal(ongoingOrder([{ rowNo: '1', picked: 2, reported: 0 }]), '5521', options);
    const again = buildDeliveryProposal(ongoingOrder([{ rowNo: '1', picked: 2, reported: 0 }]), '5521', options);
    const second = buildDeliveryProposal(ongoingOrder([{ rowNo: '1', picked: 4, reported: 2 }]), '5521', options);
    expect(again.posting?.idempotencyKey).toBe(first.posting?.idempotencyKey);
    expect(second.posting?.rows[0]?.quantity).toBe(2);
    expect(second.posting?.idempotencyKey).not.toBe(first.posting?.idempotencyKey);
    expect(postingKey('delivery', 77, [...rows].reverse())).toBe(postingKey('delivery', 77, rows));
    expect(postingKey('receipt', 77, rows)).not.toBe(postingKey('delivery', 77, rows));
  });

  it('builds on top of postings on their way: starts where their reported counts end', () => {
    const order = ongoingOrder([
      { rowNo: '1', picked: 3, reported: 0 },
      { rowNo: '2', picked: 1, reported: 0 },
    ]);
    const earlier = buildDeliveryProposal(
      ongoingOrder([
        { rowNo: '1', picked: 2, reported: 0 },
        { rowNo: '2', picked: 0, reported: 0 },
      ]),
      '5521',
      options,
    ).posting;
    const base = reportedBaseOf([earlier as { rows: PostingRow[] }]);
    expect([...base]).toEqual([[1, 2]]);
    const partly = buildDeliveryProposal(order, '5521', options, base);
    expect(partly.posting?.rows.map((r) => [r.rowRef, r.previouslyReported, r.quantity, r.ongoingLines])).toEqual([
      ['1', 2, 1, [{ lineId: 1, quantity: 1, reportedAfter: 3 }]],
      ['2', 0, 1, [{ lineId: 2, quantity: 1, reportedAfter: 1 }]],
    ]);
    const all = buildDeliveryProposal(
      order,
      '5521',
      options,
      new Map([
        [1, 3],
        [2, 1],
      ]),
    );
    expect(all).toMatchObject({ posting: null, nothingToReport: true });
  });

  it('reports in Specter’s unit: divides by no items2 where the row was multiplied', () => {
    const order = ongoingOrder([
      { rowNo: '1', picked: 6, reported: 0, ordered: 6 },
      { rowNo: '2', picked: 4, reported: 0, ordered: 4 },
    ]);
    // Row 1 was sent as 3 × 2 = 6 items; row 2 with no items2 1 (empty and 0 also mean 1).
    const build = buildDeliveryProposal(
      order,
      '5521',
      options,
      new Map(),
      new Map([
        ['1', 2],
        ['2', 1],
      ]),
    );
    expect(build.posting?.rows.map((r) => [r.rowRef, r.quantity, r.ordered, r.unitFactor])).toEqual([
      ['1', 3, 3, 2],
      ['2', 4, 4, 1],
    ]);
    // Ongoing is acknowledged in its own unit.
    expect(build.posting?.rows[0]?.ongoingLines).toEqual([{ lineId: 1, quantity: 6, reportedAfter: 6 }]);
  });

  it('holds back a pick that is not a whole multiple of no items2, naming the row and the numbers', () => {
    const order = ongoingOrder([{ rowNo: '1', picked: 5, reported: 0, ordered: 6 }]);
    const build = buildDeliveryProposal(order, '5521', options, new Map(), new Map([['1', 2]]));
    expect(build.posting).toBeNull();
    expect(build.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        field: 'noOfItems2',
        message: expect.stringMatching(/row no 1: 5 items picked is not a whole multiple .*no items2 = 2/),
      }),
    );
  });

  it('refuses a picked count that cannot be read, and a delivery date before 2000 or over a year ahead', () => {
    for (const picked of [-1, Number.NaN, '6', Number.POSITIVE_INFINITY]) {
      const build = buildDeliveryProposal(ongoingOrder([{ rowNo: '1', picked, reported: 0 }]), '5521', options);
      expect(build.posting).toBeNull();
      expect(build.problems[0]).toMatchObject({ severity: 'error', field: 'orderLines[0].pickedNumberOfItems' });
      expect(build.problems[0]?.message).toContain(`"${String(picked)}"`);
    }
    for (const date of ['0001-01-01T00:00:00Z', '2028-06-01T00:00:00Z']) {
      const build = buildDeliveryProposal(
        ongoingOrder([{ rowNo: '1', picked: 1, reported: 0 }], date),
        '5521',
        options,
      );
      expect(build.posting).toBeNull();
      expect(build.problems[0]).toMatchObject({ severity: 'error', field: 'orderInfo.deliveryDate' });
    }
  });

  it('refuses an order whose Ongoing Specter id differs from the linked one', () => {
    const build = buildDeliveryProposal(ongoingOrder([{ rowNo: '1', picked: 1, reported: 0 }]), '9999', options);
    expect(build.posting).toBeNull();
    expect(build.problems[0]).toMatchObject({ severity: 'error', field: 'orderInfo.goodsOwnerOrderId' });
  });
});
