/**
 * Every row of the integration spec's three field-mapping tables, end to end: a known Specter
 * article, order and purchase go through the Specter simulator, the Specter client, the sync jobs
 * and the Ongoing client, and each row is checked on the body the Ongoing simulator RECEIVED,
 * against a value written out by hand.
 *
 * Every field carries a value no other field has (country codes, flags and quantities included), so
 * a mapping that swaps two fields fails. A second order takes every fallback branch: no delivery
 * date, no items2 empty and 0, an empty invoice attention, a private person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticlesJob } from '../../src/main/core/flows/articles';
import { createOrdersJob } from '../../src/main/core/flows/orders';
import { createPurchaseOrdersJob } from '../../src/main/core/flows/purchase-orders';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { ARTICLE_TABLE, getPath, type MappingTable, ORDER_TABLE, PURCHASE_TABLE } from '../../src/shared/mapping';
import { type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

const FIXTURE: SpecterFixture = {
  articles: [
    {
      articleNo: 'E-100',
      articleId: '4711',
      name: 'Ullsocka grå 39-42',
      articleComment: 'Varm socka i merinoull',
      articleGroup: 'Strumpor',
      barCode: '7350000000017',
      suppliers: [
        { supplierNo: '11', supplierName: 'Annan Leverantör AB', supplierArticleNo: 'X-1', isDefault: false },
        { supplierNo: '10', supplierName: 'Ullspinneriet AB', supplierArticleNo: 'U-1', isDefault: true },
      ],
      manufacturingCountryCode: 'fi',
      commodityCode: '61159500',
      buyPrice: 33.5,
      priceExclVat: 95.2,
      stockPrice: 31.25,
      vatPercent: 12,
      productVolume: 0.0004,
      productWeight: 0.08,
      lastChanged: '2026-01-05 08:00:00',
    },
    {
      articleNo: 'E-200',
      articleId: '4712',
      name: 'Mössa',
      vatPercent: 6,
      priceExclVat: 20,
      lastChanged: '2026-01-05 08:00:01',
    },
  ],
  customers: [
    {
      customerId: 'C-77',
      firstName: 'Åsa',
      surName: 'Öberg',
      name: 'Öberg Design AB',
      orgNo: '556677-8899',
      vatNo: 'SE556677889901',
      phoneNo: '08-123 45 00',
      mobileNo: '070-111 22 33',
      invoiceAddress: {
        attention: 'Ekonomiavdelningen',
        companyName: 'Öberg Design AB',
        address: 'Fakturagatan 1',
        address2: 'Box 12',
        address3: 'Plan 3',
        zipCode: '111 21',
        city: 'Stockholm',
        countryCode: 'dk',
      },
      deliveryAddress: {
        attention: 'Lagret',
        address: 'Leveransvägen 2',
        address2: 'Port 4',
        address3: 'Hus B',
        zipCode: '222 22',
        city: 'Lund',
        countryCode: 'no',
      },
    },
    {
      // A private person: no company name; the invoice address has no attention.
      customerId: 'C-78',
      firstName: 'Bo',
      surName: 'Ek',
      name: '',
      phoneNo: '031-70 70 70',
      mobileNo: '073-444 55 66',
      invoiceAddress: { address: 'Privatgatan 9', zipCode: '411 01', city: 'Göteborg', countryCode: 'is' },
      deliveryAddress: {
        attention: 'Bo själv',
        address: 'Sommarvägen 5',
        zipCode: '452 90',
        city: 'Strömstad',
        countryCode: 'ee',
      },
    },
  ],
  suppliers: [
    {
      supplierNo: '10',
      name: 'Ullspinneriet AB',
      address: 'Spinnvägen 3',
      address2: 'Box 5',
      address3: 'Industriområdet',
      zipCode: '503 30',
      city: 'Borås',
      countryCode: 'de',
    },
  ],
  orders: [
    {
      orderId: '9001',
      orderNo: '5001',
      externalOrderNo: 'WEB-778',
      customerId: 'C-77',
      currency: 'sek',
      deliveryDate: '2026-02-10',
      customerReference: 'Åsas referens',
      customerOrderReference: 'PO-555',
      internalComment: 'Packa extra noga',
      publishedComment: 'Ring innan leverans',
      notifyDeliveryByMobile: true,
      notifyDeliveryMobileNo: '070-999 88 77',
      preparedShipmentId: 'SHIP-1',
      agentNo: 'SP-42',
      bulkId: 'BULK-7',
      lastChanged: '2026-02-01 10:00:00',
      rows: [
        {
          rowId: '66001',
          rowNo: '1',
          articleNo: 'E-100',
          articleName: 'Ullsocka specialpack',
          noOfItems: 3,
          noOfItems2: 2,
          priceExclVat: 10,
          vatPercent: 25,
        },
      ],
    },
    {
      // Every fallback: no delivery date, no items2 empty and 0, no invoice attention, a private person,
      // a mobile number without notification.
      orderId: '9002',
      orderNo: '5002',
      customerId: 'C-78',
      currency: 'eur',
      deliveryDate: '',
      notifyDeliveryByMobile: false,
      notifyDeliveryMobileNo: '076-123 12 12',
      lastChanged: '2026-02-03 11:00:00',
      rows: [
        { rowId: '66101', rowNo: '3', articleNo: 'E-200', noOfItems: 4, priceExclVat: 20, vatPercent: 12 },
        {
          rowId: '66102',
          rowNo: '4',
          articleNo: 'E-100',
          articleName: 'Ullsocka lösvikt',
          noOfItems: 5,
          noOfItems2: 0,
          priceExclVat: 8,
          vatPercent: 6,
        },
      ],
    },
  ],
  purchases: [
    {
      purchaseId: '3501',
      purchaseNo: 'P-3501',
      supplierNo: '10',
      orderDate: '2026-01-20',
      deliveryOutDate: '2026-02-14',
      currency: 'SEK',
      lastChanged: '2026-01-21 09:00:00',
      rows: [{ rowId: '77001', rowNo: '2', articleNo: 'E-100', noOfItems: 12, priceExclVat: 33.5 }],
    },
  ],
  stock: [],
};

/**
 * [spec row ("Ongoing WMS field name"), or null for a row the app adds; path in the body Ongoing
 * received (null: deliberately not sent); value expected].
 */
type Expectation = [string | null, string | null, unknown];

const ARTICLE_EXPECTED: Expectation[] = [
  ['Article ⇒ Name', 'articleName', 'Ullsocka grå 39-42'],
  ['Article ⇒ Article description', 'description', 'Varm socka i merinoull'],
  ['Article ⇒ Article number', 'articleNumber', 'E-100'],
  ['Article ⇒ Product code', 'productCode', '4711'],
  ['Article ⇒ Article group', 'articleGroup.code', 'Strumpor'],
  ['Article ⇒ Barcode', 'barCodeInfo.barCode', '7350000000017'],
  // The supplier marked as default, not the first one listed.
  ['Article ⇒ Main supplier', 'supplierInfo.supplierName', 'Ullspinneriet AB'],
  ['Article ⇒ Country of origin code', 'countryOfOriginCode', 'FI'],
  ['Article ⇒ Statistics number', 'statisticsNumber', '61159500'],
  ['Article ⇒ Purchase price', 'purchasePrice', 33.5],
  ['Article ⇒ Customer price', 'customerPrice', 95.2],
  ['Article ⇒ Price', 'stockValuationPrice', 31.25],
  // Not sent: Ongoing's article has no VAT field.
  ['Article ⇒ VAT code', null, 12],
  ['Article ⇒ Volume', 'volume', 0.0004],
  ['Article ⇒ Weight', 'weight', 0.08],
];

const ORDER_EXPECTED: Expectation[] = [
  ['Order info ⇒ Consignee order number', 'consigneeOrderNumber', 'Åsas referens'],
  ['Order info ⇒ Delivery date', 'deliveryDate', '2026-02-10T00:00:00Z'],
  ['Order info ⇒ Free text 1', 'freeText1', 'Packa extra noga'],
  ['Order info ⇒ Goods owner order number', 'orderNumber', '5001'],
  ['Order info ⇒ Marketplace', 'marketPlace.marketPlaceOrderNumber', 'WEB-778'],
  ['Order info ⇒ Order notification ⇒ Mobile phone', 'smsNotification.value', '070-999 88 77'],
  ['Order info ⇒ Order notification ⇒ Notify by sms', 'smsNotification.toBeNotified', true],
  // Only the order notification is flagged: the consignee's mobile number is stored, not notified.
  [null, 'consignee.advanced.smsNotification.toBeNotified', false],
  [null, 'consignee.advanced.telephoneNotification.toBeNotified', false],
  ['Order info ⇒ Order remark', 'orderRemark', 'Ring innan leverans'],
  ['Order info ⇒ Prepared transport document ID', 'preparedTransportDocumentId', 'SHIP-1'],
  ['Order info ⇒ Reference number', 'referenceNumber', 'PO-555'],
  // Invoice address attention wins over delivery address attention.
  ['Order info ⇒ Sales code', 'salesCode', 'Ekonomiavdelningen'],
  ['Order info ⇒ Service point code', 'servicePointCode', 'SP-42'],
  ['Order info ⇒ Transporter bulk ID', 'transporterBulkId', 'BULK-7'],
  ['Customer ⇒ Address', 'consignee.address1', 'Leveransvägen 2'],
  ['Customer ⇒ Address2', 'consignee.address2', 'Port 4'],
  ['Customer ⇒ Address3', 'consignee.address3', 'Hus B'],
  ['Customer ⇒ City', 'consignee.city', 'Lund'],
  ['Customer ⇒ Country code', 'consignee.countryCode', 'NO'],
  ['Customer ⇒ Customer number', 'consignee.customerNumber', 'C-77'],
  ['Customer ⇒ External customer code', 'consignee.advanced.externalCustomerCode', 'C-77'],
  ['Customer ⇒ Invoice address ⇒ Address', 'consignee.invoiceAddress.address1', 'Fakturagatan 1'],
  ['Customer ⇒ Invoice address ⇒ Address2', 'consignee.invoiceAddress.address2', 'Box 12'],
  ['Customer ⇒ Invoice address ⇒ Address3', 'consignee.invoiceAddress.address3', 'Plan 3'],
  ['Customer ⇒ Invoice address ⇒ Post code', 'consignee.invoiceAddress.postCode', '111 21'],
  ['Customer ⇒ Invoice address ⇒ City', 'consignee.invoiceAddress.city', 'Stockholm'],
  ['Customer ⇒ Invoice address ⇒ Country code', 'consignee.invoiceAddress.countryCode', 'DK'],
  ['Customer ⇒ Mobile phone', 'consignee.advanced.smsNotification.value', '070-111 22 33'],
  // Specter does not say whether the customer is a company: the spec's order, the person first.
  ['Customer ⇒ Name', 'consignee.name', 'Åsa Öberg'],
  ['Customer ⇒ Organisation number', 'consignee.organisationNumber', '556677-8899'],
  ['Customer ⇒ Post code', 'consignee.postCode', '222 22'],
  ['Customer ⇒ Telephone', 'consignee.advanced.telephoneNotification.value', '08-123 45 00'],
  ['Customer ⇒ VATNumber', 'consignee.vatNumber', 'SE556677889901'],
  ['Order line ⇒ Article number', 'orderLines[0].articleNumber', 'E-100'],
  ['Order line ⇒ Currency code', 'orderLines[0].prices.currencyCode', 'SEK'],
  ['Order line ⇒ External order line code', 'orderLines[0].externalId', '1'],
  ['Order line ⇒ External order line id', 'orderLines[0].rowNumber', '66001'],
  // 3 × 2 items at 10 = 60 excl. VAT + 15 VAT (25 %).
  ['Order line ⇒ Line price', 'orderLines[0].prices.linePrice', 75],
  ['Order line ⇒ Number of items', 'orderLines[0].numberOfItems', 6],
  ['Order line ⇒ Order line comment', 'orderLines[0].comment', 'Ullsocka specialpack'],
  // The row's VAT percent on the line (Ongoing's article has no VAT field).
  [null, 'orderLines[0].vat', { code: '25', percent: 25 }],
];

/** The second order: every fallback branch, on the wire. */
const FALLBACK_EXPECTED: Expectation[] = [
  // No delivery date in Specter: the date of the last change.
  [null, 'deliveryDate', '2026-02-03T00:00:00Z'],
  // A mobile number without "notify by mobile": sent, flagged false.
  [null, 'smsNotification', { value: '076-123 12 12', toBeNotified: false }],
  [null, 'consignee.advanced.smsNotification', { value: '073-444 55 66', toBeNotified: false }],
  [null, 'consignee.advanced.telephoneNotification', { value: '031-70 70 70', toBeNotified: false }],
  // The invoice address has no attention: the delivery address attention.
  [null, 'salesCode', 'Bo själv'],
  // A private person: first name + surname, also on the invoice address.
  [null, 'consignee.name', 'Bo Ek'],
  [null, 'consignee.invoiceAddress.name', 'Bo Ek'],
  [null, 'consignee.countryCode', 'EE'],
  [null, 'consignee.invoiceAddress.countryCode', 'IS'],
  [null, 'orderLines[0].prices.currencyCode', 'EUR'],
  // no items2 empty: no items alone; its row text defaults to the article name.
  [null, 'orderLines[0].numberOfItems', 4],
  [null, 'orderLines[0].comment', 'Mössa'],
  [null, 'orderLines[0].vat', { code: '12', percent: 12 }],
  // 4 × 20 = 80 excl. VAT + 9.60 VAT (12 %).
  [null, 'orderLines[0].prices.linePrice', 89.6],
  // no items2 0: no items alone.
  [null, 'orderLines[1].numberOfItems', 5],
  [null, 'orderLines[1].vat', { code: '6', percent: 6 }],
  // 5 × 8 = 40 excl. VAT + 2.40 VAT (6 %).
  [null, 'orderLines[1].prices.linePrice', 42.4],
  [null, 'orderLines[1].externalId', '4'],
  [null, 'orderLines[1].rowNumber', '66102'],
];

const PURCHASE_EXPECTED: Expectation[] = [
  ['In order info ⇒ Goods owner order number', 'purchaseOrderNumber', 'P-3501'],
  ['In order info ⇒ In date', 'inDate', '2026-02-14T00:00:00Z'],
  ['In order info ⇒ Order date', 'advanced.orderDate', '2026-01-20T00:00:00Z'],
  ['Supplier ⇒ Address', 'supplierInfo.supplierAddress.address', 'Spinnvägen 3'],
  ['Supplier ⇒ Address2', 'supplierInfo.supplierAddress.address2', 'Box 5'],
  ['Supplier ⇒ Address3', 'supplierInfo.supplierAddress.address3', 'Industriområdet'],
  ['Supplier ⇒ City', 'supplierInfo.supplierAddress.city', 'Borås'],
  ['Supplier ⇒ Country code', 'supplierInfo.supplierAddress.countryCode', 'DE'],
  ['Supplier ⇒ Post code', 'supplierInfo.supplierAddress.postCode', '503 30'],
  ['Supplier ⇒ Supplier Name', 'supplierInfo.supplierName', 'Ullspinneriet AB'],
  ['In order line ⇒ Article number', 'purchaseOrderLines[0].articleNumber', 'E-100'],
  ['In order line ⇒ External order line id', 'purchaseOrderLines[0].externalOrderLineId', '77001'],
  ['In order line ⇒ External order line code', 'purchaseOrderLines[0].lineFreeValues.freeText1', '2'],
  ['In order line ⇒ Number of items', 'purchaseOrderLines[0].numberOfItems', 12],
  // 12 × 33.50 = 402 excl. VAT + 100.50 VAT.
  ['In order line ⇒ Row price', 'purchaseOrderLines[0].rowPrice', 502.5],
];

let h: SyncHarness;
const received: Record<'articles' | 'orders' | 'purchaseOrders' | 'fallbackOrder', unknown> = {
  articles: undefined,
  orders: undefined,
  purchaseOrders: undefined,
  fallbackOrder: undefined,
};

beforeAll(async () => {
  h = await startSyncHarness({ specterFixture: FIXTURE });
  for (const job of [createArticlesJob(h.deps), createOrdersJob(h.deps), createPurchaseOrdersJob(h.deps)]) {
    const result = await job.run(ctx);
    if (result.status !== 'ok') throw new Error(`${job.name} did not run cleanly: ${result.error}`);
  }
  const put = (path: string, key: string, value: string) => {
    const puts = h.env.ongoing.calls.filter(
      (c) => c.method === 'PUT' && c.path === `/api/v1/${path}` && getPath(c.body, key) === value,
    );
    if (puts.length !== 1) throw new Error(`expected one PUT /${path} for ${value}, got ${puts.length}`);
    return puts[0]?.body;
  };
  received.articles = put('articles', 'articleNumber', 'E-100');
  received.orders = put('orders', 'orderNumber', '5001');
  received.fallbackOrder = put('orders', 'orderNumber', '5002');
  received.purchaseOrders = put('purchaseOrders', 'purchaseOrderNumber', 'P-3501');
});

afterAll(async () => {
  await h?.close();
});

function specRows(table: MappingTable<never, never>): string[] {
  return [...table.header, ...(table.lines?.rows ?? [])].flatMap((r) => (r.spec ? [r.spec] : []));
}

describe.each([
  ['articles', ARTICLE_TABLE, ARTICLE_EXPECTED],
  ['orders', ORDER_TABLE, ORDER_EXPECTED],
  ['purchaseOrders', PURCHASE_TABLE, PURCHASE_EXPECTED],
] as const)('mapping on the wire: %s', (flow, table, expected) => {
  it('has a hand-written expectation for every row of the spec table', () => {
    expect(expected.flatMap(([spec]) => (spec ? [spec] : [])).sort()).toEqual(
      specRows(table as unknown as MappingTable<never, never>).sort(),
    );
  });

  it.each(expected)('%s → %s', (_spec, path, value) => {
    const body = received[flow];
    if (path === null) {
      // A deliberately unmapped row: the value appears nowhere in the body, under no VAT-like key.
      expect(JSON.stringify(body)).not.toMatch(/vat/i);
      expect(JSON.stringify(body)).not.toContain(`:${String(value)},`);
      return;
    }
    expect(getPath(body, path)).toEqual(value);
  });
});

describe('mapping on the wire: the fallback branches (second order)', () => {
  it.each(FALLBACK_EXPECTED)('%s → %s', (_spec, path, value) => {
    expect(getPath(received.fallbackOrder, path as string)).toEqual(value);
  });

  it('no two fields of the first order carry the same scalar value (a swap would go unnoticed)', () => {
    const values = ORDER_EXPECTED.filter(([, path]) => path !== null && !path.endsWith('toBeNotified')).map(
      ([, path]) => JSON.stringify(getPath(received.orders, path as string)),
    );
    const repeated = values.filter((v, i) => values.indexOf(v) !== i);
    // The customer id is both the customer number and the external customer code, by the spec.
    expect(repeated).toEqual([JSON.stringify('C-77')]);
  });
});
