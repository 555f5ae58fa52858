import { describe, expect, it } from 'vitest';
import type { Posting } from '../../src/shared/domain/postings';
import type { SyncException } from '../../src/shared/domain/sync';
import type { GetOrderModel, GetPurchaseOrderModel } from '../../src/shared/ongoing/models';
import { type CheckInput, checkInvariants } from '../../scripts/soak/invariants';

/** One order (row 1 plain, row 2 with factor 2) and one purchase, all consistent: 3 + 2×2 shipped, 7 received. */
function consistent(): CheckInput {
  const order: GetOrderModel = {
    orderInfo: { orderId: 1, orderNumber: '1001', orderStatus: { number: 450, text: 'Sent' } },
    orderLines: [
      { id: 11, rowNumber: '901', pickedNumberOfItems: 3, reportedNumberOfItems: 3 },
      { id: 12, rowNumber: '902', pickedNumberOfItems: 4, reportedNumberOfItems: 4 },
    ],
  } as GetOrderModel;
  const po: GetPurchaseOrderModel = {
    purchaseOrderInfo: { purchaseOrderId: 2, purchaseOrderNumber: 'P-1', purchaseOrderStatus: { number: 300 } },
    purchaseOrderLines: [{ id: 21, rowNumber: '701', receivedNumberOfItems: 7, reportedNumberOfItems: 7 }],
  } as GetPurchaseOrderModel;
  const posting = (id: number, kind: Posting['kind'], specterId: string, rows: [string, number][]): Posting =>
    ({
      id,
      kind,
      idempotencyKey: `${kind}:${id}`,
      specterId,
      number: kind === 'delivery' ? '1001' : 'P-1',
      state: 'done',
      ackState: 'done',
      lastError: null,
      rows: rows.map(([rowRef, quantity]) => ({ rowRef, quantity })),
    }) as Posting;
  return {
    orders: [
      {
        key: 'O1',
        orderId: '5001',
        orderNo: '1001',
        rows: [
          { rowId: '901', rowNo: '1', articleNo: 'A', noOfItems: 5, noOfItems2: null },
          { rowId: '902', rowNo: '2', articleNo: 'B', noOfItems: 3, noOfItems2: 2 },
        ],
      },
    ],
    purchases: [
      {
        key: 'P1',
        purchaseId: '3001',
        purchaseNo: 'P-1',
        rows: [{ rowId: '701', rowNo: '1', articleNo: 'A', noOfItems: 9 }],
      },
    ],
    specterOrders: [
      {
        orderId: '5001',
        orderNo: '1001',
        deliveryStatus: 'P',
        rows: [
          { rowId: '901', rowNo: '1', articleNo: 'A', noOfItems: 5, noOfItems2: null, deliveredNoOfItems: 3 },
          { rowId: '902', rowNo: '2', articleNo: 'B', noOfItems: 3, noOfItems2: 2, deliveredNoOfItems: 2 },
        ],
      },
    ],
    specterPurchases: [
      {
        purchaseId: '3001',
        purchaseNo: 'P-1',
        rows: [{ rowId: '701', rowNo: '1', articleNo: 'A', noOfItems: 9, receivedNoOfItems: 7 }],
      },
    ],
    deliveries: [
      {
        deliveryId: 'D1',
        orderId: '5001',
        rows: [
          { rowNo: '1', noOfItems: 3 },
          { rowNo: '2', noOfItems: 2 },
        ],
        receivedAt: '',
      },
    ],
    purchaseDeliveries: [
      { purchaseDeliveryId: 'R1', purchaseId: '3001', rows: [{ rowId: '701', noOfItems: 4 }], receivedAt: '' },
      { purchaseDeliveryId: 'R2', purchaseId: '3001', rows: [{ rowId: '701', noOfItems: 3 }], receivedAt: '' },
    ],
    ongoing: { orders: [order], purchaseOrders: [po] },
    postings: [
      posting(1, 'delivery', '5001', [
        ['1', 3],
        ['2', 2],
      ]),
      posting(2, 'receipt', '3001', [['701', 4]]),
      posting(3, 'receipt', '3001', [['701', 3]]),
    ],
    exceptions: [],
  };
}

describe('soak invariants', () => {
  it('hold for a consistent day, with Ongoing quantities divided by the row factor', () => {
    expect(checkInvariants(consistent())).toEqual([]);
  });

  it('name the record, the row and the three numbers when Ongoing reported more than Specter got', () => {
    const input = consistent();
    const line = input.ongoing.purchaseOrders[0]?.purchaseOrderLines?.[0];
    if (line) {
      line.receivedNumberOfItems = 9;
      line.reportedNumberOfItems = 9;
    }
    const violations = checkInvariants(input);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      invariant: 'purchase-row',
      record: 'purchase P-1 (soak P1, Specter id 3001)',
      row: 'row no 1 / row id 701, article A',
      numbers: { specter: 7, ongoing: 9, reported: 9 },
    });
  });

  it('find a quantity sent in Ongoing units (picked 4 at factor 2 reported as 4)', () => {
    const input = consistent();
    const d = input.deliveries[0];
    if (d)
      d.rows = [
        { rowNo: '1', noOfItems: 3 },
        { rowNo: '2', noOfItems: 4 },
      ];
    const violations = checkInvariants(input).filter((v) => v.invariant === 'order-row');
    expect(violations[0]).toMatchObject({ numbers: { specter: 4, ongoing: 2, reported: 2 } });
    expect(violations[0]?.row).toContain('factor 2');
  });

  it('find a delivery doubled in Specter, by quantities and by reference', () => {
    const doubled = consistent();
    doubled.purchaseDeliveries.push({
      purchaseDeliveryId: 'R3',
      purchaseId: '3001',
      rows: [{ rowId: '701', noOfItems: 3 }],
      receivedAt: '',
    });
    const kinds = checkInvariants(doubled).map((v) => v.invariant);
    expect(kinds).toContain('one-delivery-per-posting');
    expect(kinds).toContain('purchase-row');

    const byReference = consistent();
    byReference.deliveries = [
      { ...(byReference.deliveries[0] as CheckInput['deliveries'][number]), reference: 'delivery:1' },
      { deliveryId: 'D2', orderId: '5001', rows: [], receivedAt: '', reference: 'delivery:1' },
    ];
    const found = checkInvariants(byReference).filter((v) => v.invariant === 'one-delivery-per-posting');
    expect(found.map((v) => v.message).join(' ')).toContain('2 deliveries in Specter carry this one posting');
  });

  it('report postings left in doubt or unacknowledged, and unexpected exceptions', () => {
    const input = consistent();
    const [first, second] = input.postings;
    if (first) first.state = 'in_doubt';
    if (second) second.ackState = 'pending';
    input.exceptions = [
      {
        id: 4,
        flow: 'receipts',
        recordKey: 'P-1',
        class: 'validation',
        message: 'bad',
        state: 'open',
        occurrences: 1,
      } as SyncException,
    ];
    const outbox = checkInvariants(input).filter((v) => v.invariant === 'outbox' || v.invariant === 'exceptions');
    expect(outbox.map((v) => v.message)).toEqual([
      'left in_doubt.',
      'done, but its Ongoing acknowledgement is pending.',
      'validation: bad (seen 1×)',
    ]);
    input.expectedExceptions = [{ flow: 'receipts', recordKey: 'P-1' }];
    expect(checkInvariants(input).filter((v) => v.invariant === 'exceptions')).toEqual([]);
    input.exceptions = [];
    expect(checkInvariants(input).filter((v) => v.invariant === 'exceptions')[0]?.message).toBe(
      'the problem put in on purpose is not in the exceptions inbox.',
    );
  });
});
