import { describe, expect, it } from 'vitest';
import type {
  GetOrderLine,
  GetOrderModel,
  GetPurchaseOrderLine,
  GetPurchaseOrderModel,
} from '../../src/shared/ongoing/models';
import {
  buildDeliverySubmit,
  buildReceiptSubmit,
  DELIVERY_LINE_ROWS,
  DELIVERY_ROWS,
  type DeliverySubmitOptions,
  getPath,
  mapOrder,
  mapPurchase,
  ongoingDateToLocalDate,
  RECEIPT_LINE_ROWS,
  RECEIPT_ROWS,
  receiptDateOf,
  type ReceiptSubmitOptions,
  sampleOngoingOrder,
  sampleOngoingPurchaseOrder,
  sampleSpecterOrder,
  sampleSpecterPurchase,
} from '../../src/shared/mapping';

const NO_OPTIONS: DeliverySubmitOptions = { sendDeliveryEmail: false, createInvoice: false };

interface DeliveryCase {
  row: string;
  change: (o: GetOrderModel, args: { specterOrderId: string; options: DeliverySubmitOptions }) => void;
  path: string;
  expected: unknown;
}

const deliveryArgs = () => ({ specterOrderId: '5521', options: { ...NO_OPTIONS } });
const firstLine = (o: GetOrderModel) => o.orderLines![0]!;

/** One case per delivery table row, each with its own distinct input value. */
const DELIVERY_CASES: [string, DeliveryCase][] = [
  [
    'Goods owner order number → Order id',
    {
      row: 'orderId',
      change: (o, a) => {
        a.specterOrderId = '6006';
        o.orderInfo!.goodsOwnerOrderId = '6006';
      },
      path: 'orderId',
      expected: '6006',
    },
  ],
  [
    'Delivery date → Delivery date',
    {
      row: 'deliveryDate',
      change: (o) => (o.orderInfo!.deliveryDate = '2024-07-14T22:00:00Z'),
      path: 'deliveryDate',
      expected: '2024-07-15',
    },
  ],
  [
    'Waybill → Packet no',
    { row: 'packetNo', change: (o) => (o.orderInfo!.wayBill = 'WB-63'), path: 'packetNo', expected: 'WB-63' },
  ],
  [
    'Send delivery email',
    {
      row: 'sendDeliveryEmail',
      change: (_o, a) => (a.options.sendDeliveryEmail = true),
      path: 'sendDeliveryEmail',
      expected: true,
    },
  ],
  [
    'Create invoice',
    {
      row: 'createInvoice',
      change: (_o, a) => (a.options.createInvoice = true),
      path: 'createInvoice',
      expected: true,
    },
  ],
  [
    'Picked number of items → No of items (picked − reported)',
    {
      row: 'rows[].noOfItems',
      change: (o) => {
        firstLine(o).pickedNumberOfItems = 9;
        firstLine(o).reportedNumberOfItems = 2;
      },
      path: 'rows[0].noOfItems',
      expected: 7,
    },
  ],
  [
    'External order line code → Row no',
    { row: 'rows[].rowNo', change: (o) => (firstLine(o).externalId = '66'), path: 'rows[0].rowNo', expected: '66' },
  ],
];

describe('delivery submit: one test per table row', () => {
  it('has exactly one case per table row', () => {
    const tableRows = [...DELIVERY_ROWS.map((r) => r.target), ...DELIVERY_LINE_ROWS.map((r) => `rows[].${r.target}`)];
    expect(DELIVERY_CASES.map(([, x]) => x.row).sort()).toEqual(tableRows.sort());
  });

  it.each(DELIVERY_CASES)('%s', (_name, x) => {
    const base = deliveryArgs();
    const before = getPath(buildDeliverySubmit(sampleOngoingOrder(), base.specterOrderId, base.options).submit, x.path);
    const order = sampleOngoingOrder();
    const args = deliveryArgs();
    x.change(order, args);
    const proposal = buildDeliverySubmit(order, args.specterOrderId, args.options);
    expect(proposal.problems).toEqual([]);
    expect(getPath(proposal.submit, x.path)).toEqual(x.expected);
    expect(before).not.toEqual(x.expected);
  });
});

describe('delivery submit: rules', () => {
  it('builds the whole proposal from the sample order', () => {
    const proposal = buildDeliverySubmit(sampleOngoingOrder(), '5521', {
      sendDeliveryEmail: true,
      createInvoice: false,
    });
    expect(proposal.submit).toEqual({
      orderId: '5521',
      orderNo: '1001',
      reference: '',
      deliveryDate: '2024-05-03',
      rows: [
        { rowNo: '1', noOfItems: 3 },
        { rowNo: '2', noOfItems: 1 },
      ],
      packetNo: '00370712345678901234',
      sendDeliveryEmail: true,
      createInvoice: false,
    });
    expect(proposal.ongoingOrderId).toBe(77);
    expect(proposal.orderNumber).toBe('1001');
    expect(proposal.lines[0]).toEqual({
      ongoingOrderLineId: 901,
      rowNumber: '88001',
      rowNo: '1',
      articleNumber: 'ART-001',
      picked: 4,
      reported: 1,
      accounted: 1,
      toReport: 3,
    });
  });

  it('leaves out rows with nothing left to report', () => {
    const order = sampleOngoingOrder();
    firstLine(order).reportedNumberOfItems = 4;
    const proposal = buildDeliverySubmit(order, '5521', NO_OPTIONS);
    expect(proposal.submit?.rows).toEqual([{ rowNo: '2', noOfItems: 1 }]);
  });

  it('proposes nothing when every picked item is already reported', () => {
    const order = sampleOngoingOrder();
    for (const l of order.orderLines!) l.reportedNumberOfItems = l.pickedNumberOfItems;
    const proposal = buildDeliverySubmit(order, '5521', NO_OPTIONS);
    expect(proposal.submit).toBeNull();
    expect(proposal.nothingToReport).toBe(true);
    expect(proposal.problems).toEqual([]);
  });

  it('warns and reports nothing for a line with more reported than picked', () => {
    const order = sampleOngoingOrder();
    firstLine(order).reportedNumberOfItems = 6;
    const proposal = buildDeliverySubmit(order, '5521', NO_OPTIONS);
    expect(proposal.submit?.rows).toEqual([{ rowNo: '2', noOfItems: 1 }]);
    expect(proposal.problems).toHaveLength(1);
    expect(proposal.problems[0]).toMatchObject({ severity: 'warning', field: 'orderLines[0].reportedNumberOfItems' });
    expect(proposal.problems[0]!.message).toContain('Ongoing order 1001');
  });

  it('refuses a picked line without a Specter row no, naming the order and line', () => {
    const order = sampleOngoingOrder();
    firstLine(order).externalId = null;
    const proposal = buildDeliverySubmit(order, '5521', NO_OPTIONS);
    expect(proposal.submit).toBeNull();
    expect(proposal.problems[0]).toMatchObject({ severity: 'error', field: 'orderLines[0].externalId' });
    expect(proposal.problems[0]!.message).toMatch(/Ongoing order 1001 \(id 77\), line 88001 \(article ART-001\)/);
  });

  it('refuses when Ongoing links the order to another Specter order id', () => {
    const proposal = buildDeliverySubmit(sampleOngoingOrder(), '9999', NO_OPTIONS);
    expect(proposal.submit).toBeNull();
    expect(proposal.problems[0]).toMatchObject({ severity: 'error', field: 'orderInfo.goodsOwnerOrderId' });
    expect(proposal.problems[0]!.message).toContain('5521');
  });

  it('refuses when the Specter order id is missing', () => {
    const proposal = buildDeliverySubmit(sampleOngoingOrder(), '  ', NO_OPTIONS);
    expect(proposal.submit).toBeNull();
    expect(proposal.problems.map((p) => p.field)).toContain('orderId');
  });

  it('adds up Ongoing lines that carry the same Specter row no', () => {
    const order = sampleOngoingOrder();
    const split: GetOrderLine = { ...firstLine(order), id: 903, pickedNumberOfItems: 2, reportedNumberOfItems: 0 };
    order.orderLines!.push(split);
    const proposal = buildDeliverySubmit(order, '5521', NO_OPTIONS);
    expect(proposal.submit?.rows).toEqual([
      { rowNo: '1', noOfItems: 5 },
      { rowNo: '2', noOfItems: 1 },
    ]);
  });

  it('packet no falls back to tracking, then to the first outgoing parcel, then empty', () => {
    const order = sampleOngoingOrder();
    order.orderInfo!.wayBill = '';
    expect(buildDeliverySubmit(order, '5521', NO_OPTIONS).submit?.packetNo).toBe('TRACK-2');
    order.tracking = [];
    order.parcels = [
      { id: 1, parcelNumber: 'RETURN-1', isReturnParcel: true },
      { id: 2, parcelNumber: 'OUT-2', isReturnParcel: false },
    ];
    expect(buildDeliverySubmit(order, '5521', NO_OPTIONS).submit?.packetNo).toBe('OUT-2');
    order.parcels = [];
    expect(buildDeliverySubmit(order, '5521', NO_OPTIONS).submit?.packetNo).toBe('');
  });

  it('delivery date falls back to the shipped time, and without either the proposal is refused', () => {
    const order = sampleOngoingOrder();
    order.orderInfo!.deliveryDate = '';
    expect(buildDeliverySubmit(order, '5521', NO_OPTIONS).submit?.deliveryDate).toBe('2024-05-03');
    order.orderInfo!.shippedTime = null;
    const proposal = buildDeliverySubmit(order, '5521', NO_OPTIONS);
    expect(proposal.submit).toBeNull();
    expect(proposal.problems[0]).toMatchObject({ severity: 'error', field: 'orderInfo.deliveryDate' });
  });

  it('turns Ongoing times into Swedish dates, and takes zone-less times as written', () => {
    expect(ongoingDateToLocalDate('2024-01-15T23:30:00Z')).toBe('2024-01-16');
    expect(ongoingDateToLocalDate('2024-07-15T21:59:00Z')).toBe('2024-07-15');
    expect(ongoingDateToLocalDate('2024-07-15T22:00:00.000Z')).toBe('2024-07-16');
    expect(ongoingDateToLocalDate('2024-07-15T23:30:00.0000000')).toBe('2024-07-15');
    expect(ongoingDateToLocalDate('2024-07-15T23:30:00Z', 'UTC')).toBe('2024-07-15');
    expect(ongoingDateToLocalDate('not a date')).toBeUndefined();
  });

  it('round trip: lines sent by mapOrder come back to the same Specter rows', () => {
    const specter = sampleSpecterOrder();
    const sent = mapOrder(specter, 17);
    // What Ongoing returns: rowNumber and externalId unchanged, plus picking results.
    const fetched: GetOrderModel = {
      orderInfo: {
        orderId: 501,
        orderNumber: sent.orderNumber,
        goodsOwnerOrderId: sent.goodsOwnerOrderId,
        deliveryDate: sent.deliveryDate,
        createdDate: '2024-05-02T12:00:00Z',
        orderedNumberOfItems: 7,
        allocatedNumberOfItems: 7,
        pickedNumberOfItems: 7,
      },
      orderLines: (sent.orderLines ?? []).map((l, i) => ({
        id: 1000 + i,
        rowNumber: l.rowNumber,
        externalId: l.externalId,
        orderedNumberOfItems: l.numberOfItems ?? 0,
        allocatedNumberOfItems: l.numberOfItems ?? 0,
        pickedNumberOfItems: l.numberOfItems ?? 0,
        packedNumberOfItems: 0,
        reportedNumberOfItems: 0,
        shouldBePicked: true,
        returnedNumberOfItems: 0,
      })),
    };
    const proposal = buildDeliverySubmit(fetched, specter.orderId, NO_OPTIONS);
    expect(proposal.problems).toEqual([]);
    expect(proposal.submit?.orderId).toBe('5521');
    expect(proposal.submit?.deliveryDate).toBe(specter.deliveryDate);
    expect(proposal.submit?.rows).toEqual(
      specter.rows.map((r) => ({ rowNo: r.rowNo, noOfItems: r.noOfItems * (r.noOfItems2 || 1) })),
    );
    expect(proposal.lines.map((l) => l.rowNumber)).toEqual(specter.rows.map((r) => r.rowId));
  });
});

interface ReceiptCase {
  row: string;
  change: (p: GetPurchaseOrderModel, args: { specterPurchaseId: string; options: ReceiptSubmitOptions }) => void;
  path: string;
  expected: unknown;
}

const receiptArgs = () => ({ specterPurchaseId: '3001', options: { sendEmail: false } as ReceiptSubmitOptions });
const firstPoLine = (p: GetPurchaseOrderModel) => p.purchaseOrderLines![0]!;

/** One case per receipt table row, each with its own distinct input value. */
const RECEIPT_CASES: [string, ReceiptCase][] = [
  [
    'Goods owner order number → Order id',
    { row: 'orderId', change: (_p, a) => (a.specterPurchaseId = '3071'), path: 'orderId', expected: '3071' },
  ],
  [
    'Delivery date → Delivery date',
    {
      row: 'deliveryDate',
      change: (p) => (p.purchaseOrderInfo!.advanced!.arrivalDate = '2024-08-20T08:00:00Z'),
      path: 'deliveryDate',
      expected: '2024-08-20',
    },
  ],
  [
    'Send purchase delivery email',
    { row: 'sendEmail', change: (_p, a) => (a.options.sendEmail = true), path: 'sendEmail', expected: true },
  ],
  [
    'Received number of items → No of items (received − reported)',
    {
      row: 'rows[].noOfItems',
      change: (p) => {
        firstPoLine(p).receivedNumberOfItems = 75;
        firstPoLine(p).reportedNumberOfItems = 5;
      },
      path: 'rows[0].noOfItems',
      expected: 70,
    },
  ],
  [
    'External order line id → Row id',
    {
      row: 'rows[].rowId',
      change: (p) => (firstPoLine(p).externalOrderLineId = 'RID-75'),
      path: 'rows[0].rowId',
      expected: 'RID-75',
    },
  ],
];

describe('receipt submit: one test per table row', () => {
  it('has exactly one case per table row', () => {
    const tableRows = [...RECEIPT_ROWS.map((r) => r.target), ...RECEIPT_LINE_ROWS.map((r) => `rows[].${r.target}`)];
    expect(RECEIPT_CASES.map(([, x]) => x.row).sort()).toEqual(tableRows.sort());
  });

  it.each(RECEIPT_CASES)('%s', (_name, x) => {
    const base = receiptArgs();
    const before = getPath(
      buildReceiptSubmit(sampleOngoingPurchaseOrder(), base.specterPurchaseId, base.options).submit,
      x.path,
    );
    const po = sampleOngoingPurchaseOrder();
    const args = receiptArgs();
    x.change(po, args);
    const proposal = buildReceiptSubmit(po, args.specterPurchaseId, args.options);
    expect(proposal.problems).toEqual([]);
    expect(getPath(proposal.submit, x.path)).toEqual(x.expected);
    expect(before).not.toEqual(x.expected);
  });
});

describe('receipt submit: rules', () => {
  it('builds the whole proposal from the sample purchase order', () => {
    const proposal = buildReceiptSubmit(sampleOngoingPurchaseOrder(), '3001', { sendEmail: true });
    expect(proposal.submit).toEqual({
      orderId: '3001',
      purchaseNo: 'P-3001',
      reference: '',
      deliveryDate: '2024-05-11',
      rows: [
        { rowId: '91001', noOfItems: 40 },
        { rowId: '91002', noOfItems: 40 },
      ],
      sendEmail: true,
    });
    expect(proposal.ongoingPurchaseOrderId).toBe(66);
    expect(proposal.lines[0]).toEqual({
      ongoingLineId: 601,
      rowId: '91001',
      articleNumber: 'ART-001',
      received: 60,
      reported: 20,
      accounted: 20,
      toReport: 40,
    });
  });

  it('delivery date: the latest actual put-away date wins over the arrival date and the expected in date', () => {
    const po = sampleOngoingPurchaseOrder();
    po.purchaseOrderInfo!.advanced!.arrivalDate = '2024-08-20T08:00:00Z';
    const lines = po.purchaseOrderLines!;
    lines[0]!.articleItems = [
      { inDate: '2024-08-21T09:00:00Z' } as NonNullable<GetPurchaseOrderLine['articleItems']>[number],
      // 23:30 UTC is already the next day in Swedish time.
      { inDate: '2024-08-22T23:30:00Z' } as NonNullable<GetPurchaseOrderLine['articleItems']>[number],
    ];
    lines.push({ ...lines[0]!, articleItems: [{ inDate: '2024-08-22T10:00:00Z' } as never] });
    expect(receiptDateOf(po, {})).toBe('2024-08-23');
    expect(buildReceiptSubmit(po, '3001', { sendEmail: false }).submit?.deliveryDate).toBe('2024-08-23');
    // No items put away yet: the arrival date.
    for (const line of lines) line.articleItems = [];
    expect(receiptDateOf(po, {})).toBe('2024-08-20');
  });

  it('delivery date: arrival date, else in date, else the fallback, else refused', () => {
    const po = sampleOngoingPurchaseOrder();
    po.purchaseOrderInfo!.advanced!.arrivalDate = null;
    expect(buildReceiptSubmit(po, '3001', { sendEmail: false }).submit?.deliveryDate).toBe('2024-05-10');
    po.purchaseOrderInfo!.inDate = null;
    expect(buildReceiptSubmit(po, '3001', { sendEmail: false, fallbackDate: '2024-05-12' }).submit?.deliveryDate).toBe(
      '2024-05-12',
    );
    const refused = buildReceiptSubmit(po, '3001', { sendEmail: false });
    expect(refused.submit).toBeNull();
    expect(refused.problems[0]).toMatchObject({ severity: 'error', field: 'purchaseOrderInfo.advanced.arrivalDate' });
    expect(refused.problems[0]!.message).toContain('Ongoing purchase order P-3001 (id 66)');
  });

  it('uses rowNumber with a warning when externalOrderLineId is missing', () => {
    const po = sampleOngoingPurchaseOrder();
    firstPoLine(po).externalOrderLineId = '';
    const proposal = buildReceiptSubmit(po, '3001', { sendEmail: false });
    expect(proposal.submit?.rows[0]).toEqual({ rowId: '91001', noOfItems: 40 });
    expect(proposal.problems).toHaveLength(1);
    expect(proposal.problems[0]).toMatchObject({
      severity: 'warning',
      field: 'purchaseOrderLines[0].externalOrderLineId',
    });
  });

  it('refuses a received line with no Specter row id at all', () => {
    const po = sampleOngoingPurchaseOrder();
    firstPoLine(po).externalOrderLineId = null;
    firstPoLine(po).rowNumber = null;
    const proposal = buildReceiptSubmit(po, '3001', { sendEmail: false });
    expect(proposal.submit).toBeNull();
    expect(proposal.problems[0]).toMatchObject({ severity: 'error' });
    expect(proposal.problems[0]!.message).toContain('line #1 (article ART-001)');
  });

  it('nothing received beyond what is reported gives no submit; over-reporting warns', () => {
    const po = sampleOngoingPurchaseOrder();
    firstPoLine(po).reportedNumberOfItems = 70;
    po.purchaseOrderLines![1]!.reportedNumberOfItems = 40;
    const proposal = buildReceiptSubmit(po, '3001', { sendEmail: false });
    expect(proposal.submit).toBeNull();
    expect(proposal.nothingToReport).toBe(true);
    expect(proposal.problems.map((p) => [p.severity, p.field])).toEqual([
      ['warning', 'purchaseOrderLines[0].reportedNumberOfItems'],
    ]);
  });

  it('round trip: lines sent by mapPurchase come back to the same Specter rows', () => {
    const specter = sampleSpecterPurchase();
    const sent = mapPurchase(specter, 17);
    const fetched: GetPurchaseOrderModel = {
      purchaseOrderInfo: { purchaseOrderId: 9, purchaseOrderNumber: sent.purchaseOrderNumber, inDate: sent.inDate },
      purchaseOrderLines: (sent.purchaseOrderLines ?? []).map((l, i) => ({
        id: 700 + i,
        rowNumber: l.rowNumber,
        externalOrderLineId: l.externalOrderLineId,
        advisedNumberOfItems: l.numberOfItems ?? 0,
        receivedNumberOfItems: l.numberOfItems ?? 0,
        reportedNumberOfItems: 0,
      })),
    };
    const proposal = buildReceiptSubmit(fetched, specter.purchaseId, { sendEmail: false });
    expect(proposal.problems).toEqual([]);
    expect(proposal.submit?.deliveryDate).toBe(specter.deliveryOutDate);
    expect(proposal.submit?.rows).toEqual(specter.rows.map((r) => ({ rowId: r.rowId, noOfItems: r.noOfItems })));
  });
});

describe('submit tables cover the integration spec', () => {
  it('outbound delivery: the 6 spec rows plus the create-invoice option', () => {
    const SPEC_ROWS = [
      'Order info ⇒ Goods owner order number | Order id',
      'Order info ⇒ Delivery date | Delivery date',
      'Order line ⇒ Picked number of items | No of items',
      'Order line ⇒ External order line code | Row no',
      'Order line ⇒ Waybill | Packet no',
      'Options ⇒ Send delivery email | Send delivery email',
    ];
    const rows = [...DELIVERY_ROWS, ...DELIVERY_LINE_ROWS];
    expect(new Set(rows.filter((r) => r.spec !== null).map((r) => `${r.spec} | ${r.specter}`))).toEqual(
      new Set(SPEC_ROWS),
    );
    expect(rows.filter((r) => r.spec === null).map((r) => r.target)).toEqual(['createInvoice']);
    expect(rows).toHaveLength(7);
  });

  it('inbound delivery: the 5 spec rows', () => {
    const SPEC_ROWS = [
      'In order info ⇒ Goods owner order number | Order id',
      'In order info ⇒ Delivery date | Delivery date',
      'Order line ⇒ Received number of items | No of items',
      'Order line ⇒ External order line id | Row id',
      'Options ⇒ Send purchase delivery email | Send delivery email',
    ];
    const rows = [...RECEIPT_ROWS, ...RECEIPT_LINE_ROWS];
    expect(rows.map((r) => `${r.spec} | ${r.specter}`).sort()).toEqual([...SPEC_ROWS].sort());
  });
});
