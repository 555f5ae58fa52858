import { describe, expect, it } from 'vitest';
import type { SpecterOrder } from '../../src/shared/domain/specter';
import {
  customerName,
  getPath,
  mapOrder,
  ORDER_LINE_ROWS,
  ORDER_ROWS,
  orderRowLinePrice,
  orderRowQuantity,
  resolveOrderDeliveryDate,
  sampleSpecterOrder,
} from '../../src/shared/mapping';

const GOODS_OWNER = 17;

interface RowCase {
  /** Target path of the table row under test; line rows are prefixed 'orderLines[].'. */
  row: string;
  change: (o: SpecterOrder) => void;
  goodsOwnerId?: number;
  /** Path read in the mapped body. */
  path: string;
  expected: unknown;
}

const c = (row: string, change: (o: SpecterOrder) => void, expected: unknown, path = row): RowCase => ({
  row,
  change,
  expected,
  path,
});
const line = (target: string, change: (o: SpecterOrder) => void, expected: unknown): RowCase =>
  c(`orderLines[].${target}`, change, expected, `orderLines[0].${target}`);

/** One case per table row, each with its own distinct input value. */
const ROW_CASES: [string, RowCase][] = [
  ['goods owner id', { ...c('goodsOwnerId', () => {}, 4242), goodsOwnerId: 4242 }],
  [
    'Consignee order number ⇐ Customer reference',
    c('consigneeOrderNumber', (o) => (o.customerReference = 'CREF-71'), 'CREF-71'),
  ],
  ['Delivery date', c('deliveryDate', (o) => (o.deliveryDate = '2024-12-24'), '2024-12-24T00:00:00Z')],
  ['Free text 1 ⇐ Internal comment', c('freeText1', (o) => (o.internalComment = 'INTERNAL-72'), 'INTERNAL-72')],
  ['Goods owner order number ⇐ Order number', c('orderNumber', (o) => (o.orderNo = ' 2002 '), '2002')],
  ['goods owner order id ⇐ Specter order id', c('goodsOwnerOrderId', (o) => (o.orderId = '9999'), '9999')],
  [
    'Marketplace ⇐ External webshop no.',
    c('marketPlace.marketPlaceOrderNumber', (o) => (o.externalOrderNo = 'WEB-73'), 'WEB-73'),
  ],
  [
    'Order notification ⇒ Mobile phone',
    c('smsNotification.value', (o) => (o.notifyDeliveryMobileNo = '+46709999974'), '+46709999974'),
  ],
  [
    'Order notification ⇒ Notify by sms',
    c('smsNotification.toBeNotified', (o) => (o.notifyDeliveryByMobile = false), false),
  ],
  ['Order remark ⇐ Public comment', c('orderRemark', (o) => (o.publishedComment = 'REMARK-75'), 'REMARK-75')],
  [
    'Prepared transport document ID ⇐ Prepared shipment ID',
    c('preparedTransportDocumentId', (o) => (o.preparedShipmentId = 'SHIP-76'), 'SHIP-76'),
  ],
  ['Reference number ⇐ Reference', c('referenceNumber', (o) => (o.customerOrderReference = 'REF-77'), 'REF-77')],
  [
    'Sales code ⇐ invoice attention',
    c('salesCode', (o) => (o.customer.invoiceAddress.attention = 'INV-ATT-78'), 'INV-ATT-78'),
  ],
  ['Service point code ⇐ Agent no.', c('servicePointCode', (o) => (o.agentNo = 'AGENT-79'), 'AGENT-79')],
  ['Transporter bulk ID ⇐ Bulk ID', c('transporterBulkId', (o) => (o.bulkId = 'BULK-80'), 'BULK-80')],
  [
    'Customer ⇒ Address',
    c('consignee.address1', (o) => (o.customer.deliveryAddress.address = 'Delivery street 81'), 'Delivery street 81'),
  ],
  ['Customer ⇒ Address2', c('consignee.address2', (o) => (o.customer.deliveryAddress.address2 = 'DA2-82'), 'DA2-82')],
  ['Customer ⇒ Address3', c('consignee.address3', (o) => (o.customer.deliveryAddress.address3 = 'DA3-83'), 'DA3-83')],
  ['Customer ⇒ City', c('consignee.city', (o) => (o.customer.deliveryAddress.city = 'Malmö'), 'Malmö')],
  ['Customer ⇒ Country code', c('consignee.countryCode', (o) => (o.customer.deliveryAddress.countryCode = 'dk'), 'DK')],
  ['Customer ⇒ Customer number', c('consignee.customerNumber', (o) => (o.customer.customerId = 'CUST-85'), 'CUST-85')],
  [
    'Customer ⇒ External customer code',
    c('consignee.advanced.externalCustomerCode', (o) => (o.customer.customerId = 'CUST-86'), 'CUST-86'),
  ],
  [
    'invoice address name',
    c(
      'consignee.invoiceAddress.name',
      (o) => (o.customer.invoiceAddress.companyName = 'Invoice Co 87'),
      'Invoice Co 87',
    ),
  ],
  [
    'Customer ⇒ Invoice address ⇒ Address',
    c('consignee.invoiceAddress.address1', (o) => (o.customer.invoiceAddress.address = 'Box 88'), 'Box 88'),
  ],
  [
    'Customer ⇒ Invoice address ⇒ Address2 (spec typo: from address2)',
    c('consignee.invoiceAddress.address2', (o) => (o.customer.invoiceAddress.address2 = 'IA2-89'), 'IA2-89'),
  ],
  [
    'Customer ⇒ Invoice address ⇒ Address3',
    c('consignee.invoiceAddress.address3', (o) => (o.customer.invoiceAddress.address3 = 'IA3-90'), 'IA3-90'),
  ],
  [
    'Customer ⇒ Invoice address ⇒ Post code',
    c('consignee.invoiceAddress.postCode', (o) => (o.customer.invoiceAddress.zipCode = '99191'), '99191'),
  ],
  [
    'Customer ⇒ Invoice address ⇒ City',
    c('consignee.invoiceAddress.city', (o) => (o.customer.invoiceAddress.city = 'Uppsala'), 'Uppsala'),
  ],
  [
    'Customer ⇒ Invoice address ⇒ Country code',
    c('consignee.invoiceAddress.countryCode', (o) => (o.customer.invoiceAddress.countryCode = 'fi'), 'FI'),
  ],
  [
    'Customer ⇒ Mobile phone',
    c('consignee.advanced.smsNotification.value', (o) => (o.customer.mobileNo = '+46709999994'), '+46709999994'),
  ],
  [
    'consignee SMS notify flag',
    c('consignee.advanced.smsNotification.toBeNotified', (o) => (o.customer.mobileNo = '+46700000123'), false),
  ],
  [
    'Customer ⇒ Name',
    c(
      'consignee.name',
      (o) => {
        o.customer.organizationalForm = 'C';
        o.customer.name = 'Berg & Co AB';
      },
      'Berg & Co AB',
    ),
  ],
  [
    'Customer ⇒ Organisation number',
    c('consignee.organisationNumber', (o) => (o.customer.orgNo = '559999-0097'), '559999-0097'),
  ],
  ['Customer ⇒ Post code', c('consignee.postCode', (o) => (o.customer.deliveryAddress.zipCode = '98198'), '98198')],
  [
    'Customer ⇒ Telephone',
    c('consignee.advanced.telephoneNotification.value', (o) => (o.customer.phoneNo = '+46899999'), '+46899999'),
  ],
  [
    'consignee telephone notify flag',
    c('consignee.advanced.telephoneNotification.toBeNotified', (o) => (o.customer.phoneNo = '+468100'), false),
  ],
  ['Customer ⇒ VATNumber', c('consignee.vatNumber', (o) => (o.customer.vatNo = 'SE559999009701'), 'SE559999009701')],
  ['Order line ⇒ Article number', line('articleNumber', (o) => (o.rows[0]!.articleNo = 'ART-L1'), 'ART-L1')],
  ['Order line ⇒ Currency code', line('prices.currencyCode', (o) => (o.currency = 'nok'), 'NOK')],
  ['Order line ⇒ External order line code ⇐ Row no', line('externalId', (o) => (o.rows[0]!.rowNo = '17'), '17')],
  ['Order line ⇒ External order line id ⇐ Row id', line('rowNumber', (o) => (o.rows[0]!.rowId = 'RID-18'), 'RID-18')],
  [
    'Order line ⇒ Line price',
    line(
      'prices.linePrice',
      (o) => {
        o.rows[0]!.rowSumVat = 10.1;
        o.rows[0]!.rowSumExclVat = 20.2;
      },
      30.3,
    ),
  ],
  [
    'Order line ⇒ Number of items',
    line(
      'numberOfItems',
      (o) => {
        o.rows[0]!.noOfItems = 4;
        o.rows[0]!.noOfItems2 = 2.5;
      },
      10,
    ),
  ],
  ['Order line ⇒ VAT code ⇐ Row VAT percent', line('vat.code', (o) => (o.rows[0]!.vatPercent = 12), '12')],
  ['Order line ⇒ VAT percent ⇐ Row VAT percent', line('vat.percent', (o) => (o.rows[0]!.vatPercent = 6), 6)],
  ['Order line ⇒ Order line comment', line('comment', (o) => (o.rows[0]!.articleName = 'Row text 21'), 'Row text 21')],
];

describe('order mapping: one test per table row', () => {
  it('has exactly one case per table row', () => {
    const tableRows = [...ORDER_ROWS.map((r) => r.target), ...ORDER_LINE_ROWS.map((r) => `orderLines[].${r.target}`)];
    expect(ROW_CASES.map(([, x]) => x.row).sort()).toEqual(tableRows.sort());
  });

  it.each(ROW_CASES)('%s', (_name, x) => {
    const order = sampleSpecterOrder();
    const before = getPath(mapOrder(sampleSpecterOrder(), GOODS_OWNER), x.path);
    x.change(order);
    const body = mapOrder(order, x.goodsOwnerId ?? GOODS_OWNER);
    expect(getPath(body, x.path)).toEqual(x.expected);
    // The input change is what produced the value (the sample alone gives something else),
    // except for rows whose rule yields a constant.
    if (!String(x.row).startsWith('consignee.advanced.')) expect(before).not.toEqual(x.expected);
  });
});

describe('order mapping: computed rules', () => {
  it("customer name: chosen by Specter's customer type where known", () => {
    const order = sampleSpecterOrder();
    order.customer.name = 'Berg AB';
    order.customer.organizationalForm = 'C';
    expect(mapOrder(order, GOODS_OWNER).consignee.name).toBe('Berg AB');
    order.customer.organizationalForm = 'p';
    expect(mapOrder(order, GOODS_OWNER).consignee.name).toBe('Anna Berg');
    // A company without a company name, a person without a name: the other is the fallback.
    expect(customerName({ ...order.customer, organizationalForm: 'C', name: ' ' })).toBe('Anna Berg');
    expect(customerName({ ...order.customer, organizationalForm: 'P', firstName: '', surName: '' })).toBe('Berg AB');
  });

  it('customer name: type unknown → the spec order, first name + surname before the company name', () => {
    const order = sampleSpecterOrder();
    order.customer.name = 'Berg AB';
    delete order.customer.organizationalForm;
    expect(mapOrder(order, GOODS_OWNER).consignee.name).toBe('Anna Berg');
    expect(customerName({ ...order.customer, organizationalForm: '', firstName: '', surName: '' })).toBe('Berg AB');
  });

  it('SMS: only the order notification is flagged, never the consignee mobile number too', () => {
    const order = sampleSpecterOrder();
    order.notifyDeliveryByMobile = true;
    order.notifyDeliveryMobileNo = '+46701111111';
    order.customer.mobileNo = '+46702222222';
    const body = mapOrder(order, GOODS_OWNER);
    expect(body.smsNotification).toEqual({ value: '+46701111111', toBeNotified: true });
    expect(body.consignee.advanced?.smsNotification).toEqual({ value: '+46702222222', toBeNotified: false });
  });

  it('VAT: every order line carries its own row VAT percent as vat { code, percent }', () => {
    const order = sampleSpecterOrder();
    const first = order.rows[0]!;
    order.rows = [
      { ...first, rowId: 'R1', vatPercent: 25 },
      { ...first, rowId: 'R2', vatPercent: 12.5 },
      { ...first, rowId: 'R3', vatPercent: 0 },
      { ...first, rowId: 'R4', vatPercent: null },
    ];
    const lines = mapOrder(order, GOODS_OWNER).orderLines ?? [];
    expect(lines.map((l) => l.vat)).toEqual([
      { code: '25', percent: 25 },
      { code: '12.5', percent: 12.5 },
      { code: '0', percent: 0 },
      undefined,
    ]);
  });

  it('customer name: first name + surname for a private person, single parts alone', () => {
    const order = sampleSpecterOrder();
    expect(mapOrder(order, GOODS_OWNER).consignee.name).toBe('Anna Berg');
    expect(customerName({ ...order.customer, firstName: '', surName: 'Berg' })).toBe('Berg');
    expect(customerName({ ...order.customer, firstName: ' Anna ', surName: '' })).toBe('Anna');
  });

  it('customer name: none at all leaves consignee.name out', () => {
    const order = sampleSpecterOrder();
    order.customer.firstName = '';
    order.customer.surName = ' ';
    order.customer.name = '';
    expect('name' in mapOrder(order, GOODS_OWNER).consignee).toBe(false);
  });

  it('sales code: delivery address attention when the invoice address has none', () => {
    const order = sampleSpecterOrder();
    order.customer.invoiceAddress.attention = '  ';
    expect(mapOrder(order, GOODS_OWNER).salesCode).toBe('Goods reception');
  });

  it('sales code: invoice attention wins when both exist, and none when both are empty', () => {
    const order = sampleSpecterOrder();
    expect(mapOrder(order, GOODS_OWNER).salesCode).toBe('Accounts payable');
    order.customer.invoiceAddress.attention = '';
    order.customer.deliveryAddress.attention = '';
    expect('salesCode' in mapOrder(order, GOODS_OWNER)).toBe(false);
  });

  it('number of items: no items alone when no items2 is null or 0', () => {
    expect(orderRowQuantity({ noOfItems: 5, noOfItems2: null })).toBe(5);
    expect(orderRowQuantity({ noOfItems: 5, noOfItems2: 0 })).toBe(5);
    const order = sampleSpecterOrder();
    expect(mapOrder(order, GOODS_OWNER).orderLines?.[1]?.numberOfItems).toBe(1);
  });

  it('number of items: no items × no items2, without float noise', () => {
    expect(orderRowQuantity({ noOfItems: 2, noOfItems2: 3 })).toBe(6);
    expect(orderRowQuantity({ noOfItems: 1.1, noOfItems2: 3 })).toBe(3.3);
    expect(mapOrder(sampleSpecterOrder(), GOODS_OWNER).orderLines?.[0]?.numberOfItems).toBe(6);
  });

  it('line price: VAT + excl. VAT; a missing part counts as 0', () => {
    expect(orderRowLinePrice({ rowSumVat: 148.5, rowSumExclVat: 594 })).toBe(742.5);
    expect(orderRowLinePrice({ rowSumVat: null, rowSumExclVat: 594 })).toBe(594);
    expect(orderRowLinePrice({ rowSumVat: 12.25, rowSumExclVat: null })).toBe(12.25);
    expect(orderRowLinePrice({ rowSumVat: 0.1, rowSumExclVat: 0.2 })).toBe(0.3);
  });

  it('line price: no price at all when both sums are missing', () => {
    const order = sampleSpecterOrder();
    order.rows[0]!.rowSumVat = null;
    order.rows[0]!.rowSumExclVat = null;
    const line0 = mapOrder(order, GOODS_OWNER).orderLines?.[0];
    expect(line0?.prices).toEqual({ currencyCode: 'SEK' });
  });

  it('delivery date: falls back to the date of the last change when Specter has none', () => {
    const order = sampleSpecterOrder();
    order.deliveryDate = '';
    expect(resolveOrderDeliveryDate(order)).toEqual({ date: '2024-05-02', from: 'lastChanged' });
    expect(mapOrder(order, GOODS_OWNER).deliveryDate).toBe('2024-05-02T00:00:00Z');
  });

  it('delivery date: an invalid date is not replaced, and neither date gives an empty value', () => {
    const order = sampleSpecterOrder();
    order.deliveryDate = '2024-02-30';
    expect(resolveOrderDeliveryDate(order).from).toBe('invalid');
    expect(mapOrder(order, GOODS_OWNER).deliveryDate).toBe('');
    order.deliveryDate = '';
    order.lastChanged = '';
    expect(resolveOrderDeliveryDate(order)).toEqual({ date: undefined, from: 'missing' });
  });

  it('order SMS notification is left out when neither the flag nor a number is set', () => {
    const order = sampleSpecterOrder();
    order.notifyDeliveryByMobile = false;
    order.notifyDeliveryMobileNo = '';
    expect('smsNotification' in mapOrder(order, GOODS_OWNER)).toBe(false);
  });

  it('consignee notifications are left out when the customer has no phone numbers', () => {
    const order = sampleSpecterOrder();
    order.customer.mobileNo = '';
    order.customer.phoneNo = '';
    const body = mapOrder(order, GOODS_OWNER);
    expect(body.consignee.advanced).toEqual({ externalCustomerCode: '109' });
  });

  it('invoice address2 comes from address2, not address (spec typo)', () => {
    const body = mapOrder(sampleSpecterOrder(), GOODS_OWNER);
    expect(body.consignee.invoiceAddress?.address1).toBe('Box 12');
    expect(body.consignee.invoiceAddress?.address2).toBe('Floor 3');
  });

  it('external customer code and customer number both carry the customer id', () => {
    const body = mapOrder(sampleSpecterOrder(), GOODS_OWNER);
    expect(body.consignee.customerNumber).toBe('109');
    expect(body.consignee.advanced?.externalCustomerCode).toBe('109');
  });

  it('maps every row to a line, in order, with row id and row no kept apart', () => {
    const lines = mapOrder(sampleSpecterOrder(), GOODS_OWNER).orderLines ?? [];
    expect(lines.map((l) => [l.rowNumber, l.externalId, l.articleNumber])).toEqual([
      ['88001', '1', 'ART-001'],
      ['88002', '2', 'ART-002'],
    ]);
  });

  it('without a customer record the order customer id still identifies the consignee', () => {
    const order = sampleSpecterOrder();
    order.customer = undefined as unknown as SpecterOrder['customer'];
    expect(mapOrder(order, GOODS_OWNER).consignee).toEqual({
      customerNumber: '109',
      advanced: { externalCustomerCode: '109' },
    });
  });

  it('leaves empty texts out and keeps the required consignee object', () => {
    const order = sampleSpecterOrder();
    order.bulkId = '';
    order.customerId = '';
    order.customer = undefined as unknown as SpecterOrder['customer'];
    const body = mapOrder(order, GOODS_OWNER);
    expect('transporterBulkId' in body).toBe(false);
    expect(body.consignee).toEqual({});
  });

  it('the same order maps to the same body every time (no clock, no randomness)', () => {
    expect(mapOrder(sampleSpecterOrder(), GOODS_OWNER)).toEqual(mapOrder(sampleSpecterOrder(), GOODS_OWNER));
  });
});

describe('order table covers the integration spec', () => {
  // The spec's sales order table, verbatim (Ongoing WMS field name | Specter field name).
  const SPEC_ROWS: [string, string][] = [
    ['Order info ⇒ Consignee order number', 'Order ⇒ Customer reference'],
    ['Order info ⇒ Delivery date', 'Order ⇒ Delivery date'],
    ['Order info ⇒ Free text 1', 'Order ⇒ Internal comment'],
    ['Order info ⇒ Goods owner order number', 'Order ⇒ Order number'],
    ['Order info ⇒ Marketplace', 'Order ⇒ External webshop no.'],
    ['Order info ⇒ Order notification ⇒ Mobile phone', 'Order ⇒ Delivery address ⇒ Notify delivery mobile no'],
    ['Order info ⇒ Order notification ⇒ Notify by sms', 'Order ⇒ Delivery address ⇒ Notify delivery by mobile'],
    ['Order info ⇒ Order remark', 'Order ⇒ Public comment'],
    ['Order info ⇒ Prepared transport document ID', 'Order ⇒ Prepared shipment ID'],
    ['Order info ⇒ Reference number', 'Order ⇒ Reference'],
    ['Order info ⇒ Sales code', 'Order ⇒ Invoice address attention OR Order ⇒ Delivery address attention'],
    ['Order info ⇒ Service point code', 'Order ⇒ Agent no.'],
    ['Order info ⇒ Transporter bulk ID', 'Order ⇒ Bulk ID'],
    ['Customer ⇒ Address', 'Customer ⇒ Delivery Address ⇒ Address'],
    ['Customer ⇒ Address2', 'Customer ⇒ Delivery address ⇒ Address2'],
    ['Customer ⇒ Address3', 'Customer ⇒ Delivery address ⇒ Address3'],
    ['Customer ⇒ City', 'Customer ⇒ Delivery address ⇒ City'],
    ['Customer ⇒ Country code', 'Customer ⇒ Delivery address ⇒ Country code'],
    ['Customer ⇒ Customer number', 'Customer ⇒ Customer id'],
    ['Customer ⇒ External customer code', 'Customer ⇒ Customer id'],
    ['Customer ⇒ Invoice address ⇒ Address', 'Customer ⇒ Invoice address ⇒ Address'],
    ['Customer ⇒ Invoice address ⇒ Address2', 'Customer ⇒ Invoice address ⇒ Address'],
    ['Customer ⇒ Invoice address ⇒ Address3', 'Customer ⇒ Invoice address ⇒ Address3'],
    ['Customer ⇒ Invoice address ⇒ Post code', 'Customer ⇒ Invoice address ⇒ Zip code'],
    ['Customer ⇒ Invoice address ⇒ City', 'Customer ⇒ Invoice address ⇒ City'],
    ['Customer ⇒ Invoice address ⇒ Country code', 'Customer ⇒ Invoice address ⇒ Country code'],
    ['Customer ⇒ Mobile phone', 'Customer ⇒ Mobile phone'],
    ['Customer ⇒ Name', 'Customer ⇒ Firstname + Surname OR Customer ⇒ Company name'],
    ['Customer ⇒ Organisation number', 'Customer ⇒ Org number'],
    ['Customer ⇒ Post code', 'Customer ⇒ Delivery address ⇒ Zip code'],
    ['Customer ⇒ Telephone', 'Customer ⇒ Phone'],
    ['Customer ⇒ VATNumber', 'Customer ⇒ Vat number'],
    ['Order line ⇒ Article number', 'Row ⇒ Order line ⇒ Article no.'],
    ['Order line ⇒ Currency code', 'Order ⇒ Currency code'],
    ['Order line ⇒ External order line code', 'Row ⇒ Row no'],
    ['Order line ⇒ External order line id', 'Row ⇒ Row id'],
    ['Order line ⇒ Line price', 'Row ⇒ Row sum VAT + row sum price excl VAT'],
    ['Order line ⇒ Number of items', 'Row ⇒ No items * no items2'],
    ['Order line ⇒ Order line comment', 'Row ⇒ Description'],
  ];

  it('has every spec row (39 in the spec) exactly once', () => {
    const table = [...ORDER_ROWS, ...ORDER_LINE_ROWS].filter((r) => r.spec !== null).map((r) => [r.spec, r.specter]);
    expect(SPEC_ROWS).toHaveLength(39);
    expect(table).toHaveLength(SPEC_ROWS.length);
    expect(new Set(table.map((p) => p.join(' | ')))).toEqual(new Set(SPEC_ROWS.map((p) => p.join(' | '))));
  });
});
