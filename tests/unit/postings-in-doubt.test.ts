import { describe, expect, it } from 'vitest';
import { judgeInDoubt, orderState, type SendSnapshot } from '../../src/main/core/postings/in-doubt';
import { buildDeliveryProposal, postingKey } from '../../src/main/core/postings/proposals';
import type { PostingRow } from '../../src/shared/domain/postings';
import type { SpecterOrder } from '../../src/shared/domain/specter';
import type { GetOrderModel } from '../../src/shared/ongoing/models';

const rows: PostingRow[] = [
  { rowRef: '1', articleNo: 'A-1', articleName: 'Ullsocka', ordered: 5, previouslyReported: 0, quantity: 2 },
  { rowRef: '2', articleNo: 'A-2', articleName: 'Vante', ordered: 1, previouslyReported: 0, quantity: 1 },
];
const posting = { kind: 'delivery' as const, rows, packetNo: 'PKT-1', deliveryDate: '2026-12-01' };
const before: SendSnapshot = {
  takenAt: '2026-11-26T10:00:00.000Z',
  rows: { '1': 0, '2': 0, '3': 4 },
  deliveries: [{ deliveryId: '7001', trackingNo: 'OLD', deliveryDate: '2026-11-20' }],
};
const delivery = (deliveryId: string, trackingNo: string) => ({ deliveryId, trackingNo, deliveryDate: '2026-12-01' });

describe('judging a send without a clear answer', () => {
  it('applied: every row grew by its quantity and one new delivery appeared', () => {
    const verdict = judgeInDoubt(posting, before, {
      rows: { '1': 2, '2': 1, '3': 4 },
      deliveries: [...before.deliveries, delivery('7002', 'PKT-1')],
    });
    expect(verdict).toMatchObject({ outcome: 'applied', resultId: '7002' });
    expect(verdict.evidence).toContain('row no 1: 0 → 2 delivered (this posting: 2)');
  });

  it('applied: recognised by its packet no even when another delivery happened meanwhile', () => {
    const verdict = judgeInDoubt(posting, before, {
      rows: { '1': 2, '2': 1, '3': 5 },
      deliveries: [...before.deliveries, delivery('7002', 'PKT-1'), delivery('7003', 'BY-HAND')],
    });
    expect(verdict).toMatchObject({ outcome: 'applied', resultId: '7002' });
  });

  it('not applied: the rows of the posting did not change', () => {
    expect(
      judgeInDoubt(posting, before, { rows: { '1': 0, '2': 0, '3': 4 }, deliveries: before.deliveries }),
    ).toMatchObject({
      outcome: 'not_applied',
    });
    // Someone else delivered another row meanwhile: still not ours.
    const other = judgeInDoubt(posting, before, {
      rows: { '1': 0, '2': 0, '3': 5 },
      deliveries: [...before.deliveries, delivery('7003', 'BY-HAND')],
    });
    expect(other.outcome).toBe('not_applied');
  });

  it('unknown: partly changed, changed by more than the posting, or a row vanished', () => {
    expect(
      judgeInDoubt(posting, before, { rows: { '1': 1, '2': 0, '3': 4 }, deliveries: before.deliveries }).outcome,
    ).toBe('unknown');
    const more = judgeInDoubt(posting, before, {
      rows: { '1': 3, '2': 1, '3': 4 },
      deliveries: [...before.deliveries, delivery('7002', 'X'), delivery('7003', 'Y')],
    });
    expect(more.outcome).toBe('unknown');
    expect(more.evidence).toMatch(/2 new deliveries since the send/);
    const gone = judgeInDoubt(posting, before, { rows: { '1': 2 }, deliveries: before.deliveries });
    expect(gone).toMatchObject({ outcome: 'unknown', evidence: expect.stringMatching(/no longer has row no 2/) });
  });

  it('unknown: our rows did not change although a delivery with our packet no appeared', () => {
    const verdict = judgeInDoubt(posting, before, {
      rows: { '1': 0, '2': 0, '3': 4 },
      deliveries: [...before.deliveries, delivery('7002', 'PKT-1')],
    });
    expect(verdict.outcome).toBe('unknown');
  });

  it('without a snapshot, compares with the quantities reported before the posting', () => {
    const earlier = rows.map((r) => ({ ...r, previouslyReported: 1 }));
    const p = { ...posting, rows: earlier };
    expect(judgeInDoubt(p, null, { rows: { '1': 3, '2': 2 }, deliveries: [] }).outcome).toBe('applied');
    expect(judgeInDoubt(p, null, { rows: { '1': 1, '2': 1 }, deliveries: [] }).outcome).toBe('not_applied');
    expect(judgeInDoubt(p, null, { rows: { '1': 2, '2': 1 }, deliveries: [] }).outcome).toBe('unknown');
  });

  it('reads Specter’s delivered quantities per row no from an order', () => {
    const order = {
      rows: [
        { rowNo: '1', deliveredNoOfItems: 2 },
        { rowNo: '2', deliveredNoOfItems: 0 },
      ],
      deliveries: [{ deliveryId: '1', deliveryDate: '2026-12-01', trackingNo: 'T', invoiceId: '' }],
    } as unknown as SpecterOrder;
    expect(orderState(order)).toEqual({
      rows: { '1': 2, '2': 0 },
      deliveries: [{ deliveryId: '1', deliveryDate: '2026-12-01', trackingNo: 'T' }],
    });
  });
});

function ongoingOrder(lines: { rowNo: string; picked: number; reported: number; ordered?: number }[]): GetOrderModel {
  return {
    orderInfo: {
      orderId: 77,
      orderNumber: '1001',
      goodsOwnerOrderId: '5521',
      deliveryDate: '2026-12-01T00:00:00Z',
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

describe('delivery proposals and their keys', () => {
  const options = { sendDeliveryEmail: true, createInvoice: false };

  it('proposes picked − reported per row and keys it by Ongoing order id and row quantities', () => {
    const build = buildDeliveryProposal(ongoingOrder([{ rowNo: '1', picked: 3, reported: 1 }]), '5521', options);
    expect(build.posting?.rows).toEqual([
      { rowRef: '1', articleNo: 'A-1', articleName: 'Artikel 1', ordered: 5, previouslyReported: 1, quantity: 2 },
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
    const reordered = postingKey('delivery', 77, [...rows].reverse());
    expect(reordered).toBe(postingKey('delivery', 77, rows));
    expect(postingKey('receipt', 77, rows)).not.toBe(postingKey('delivery', 77, rows));
  });

  it('leaves out what postings in flight already cover', () => {
    const order = ongoingOrder([
      { rowNo: '1', picked: 3, reported: 0 },
      { rowNo: '2', picked: 1, reported: 0 },
    ]);
    const partly = buildDeliveryProposal(order, '5521', options, new Map([['1', 2]]));
    expect(partly.posting?.rows.map((r) => [r.rowRef, r.previouslyReported, r.quantity])).toEqual([
      ['1', 2, 1],
      ['2', 0, 1],
    ]);
    const all = buildDeliveryProposal(
      order,
      '5521',
      options,
      new Map([
        ['1', 3],
        ['2', 1],
      ]),
    );
    expect(all).toMatchObject({ posting: null, nothingToReport: true });
  });

  it('refuses an order whose Ongoing Specter id differs from the linked one', () => {
    const build = buildDeliveryProposal(ongoingOrder([{ rowNo: '1', picked: 1, reported: 0 }]), '9999', options);
    expect(build.posting).toBeNull();
    expect(build.problems[0]).toMatchObject({ severity: 'error', field: 'orderInfo.goodsOwnerOrderId' });
  });
});
