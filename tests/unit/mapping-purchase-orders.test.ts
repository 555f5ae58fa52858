import { describe, expect, it } from 'vitest';
import type { SpecterPurchase } from '../../src/shared/domain/specter';
import {
  getPath,
  mapPurchase,
  PURCHASE_LINE_ROWS,
  PURCHASE_ROWS,
  sampleSpecterPurchase,
} from '../../src/shared/mapping';

const GOODS_OWNER = 17;

interface RowCase {
  /** Target path of the table row under test; line rows are prefixed 'purchaseOrderLines[].'. */
  row: string;
  change: (p: SpecterPurchase) => void;
  goodsOwnerId?: number;
  path: string;
  expected: unknown;
}

const c = (row: string, change: (p: SpecterPurchase) => void, expected: unknown, path = row): RowCase => ({
  row,
  change,
  expected,
  path,
});
const line = (target: string, change: (p: SpecterPurchase) => void, expected: unknown): RowCase =>
  c(`purchaseOrderLines[].${target}`, change, expected, `purchaseOrderLines[0].${target}`);

/** One case per table row, each with its own distinct input value. */
const ROW_CASES: [string, RowCase][] = [
  ['goods owner id', { ...c('goodsOwnerId', () => {}, 4343), goodsOwnerId: 4343 }],
  ['Goods owner order number ⇐ Purchase no', c('purchaseOrderNumber', (p) => (p.purchaseNo = ' P-9 '), 'P-9')],
  ['In date ⇐ Delivery out date', c('inDate', (p) => (p.deliveryOutDate = '2024-06-30'), '2024-06-30T00:00:00Z')],
  ['Order date', c('advanced.orderDate', (p) => (p.orderDate = '2024-06-01'), '2024-06-01T00:00:00Z')],
  [
    'Supplier ⇒ Address',
    c('supplierInfo.supplierAddress.address', (p) => (p.supplier.address = 'Supplier road 31'), 'Supplier road 31'),
  ],
  [
    'Supplier ⇒ Address2',
    c('supplierInfo.supplierAddress.address2', (p) => (p.supplier.address2 = 'SA2-32'), 'SA2-32'),
  ],
  [
    'Supplier ⇒ Address3',
    c('supplierInfo.supplierAddress.address3', (p) => (p.supplier.address3 = 'SA3-33'), 'SA3-33'),
  ],
  ['Supplier ⇒ City', c('supplierInfo.supplierAddress.city', (p) => (p.supplier.city = 'Borås'), 'Borås')],
  [
    'Supplier ⇒ Country code',
    c('supplierInfo.supplierAddress.countryCode', (p) => (p.supplier.countryCode = 'de'), 'DE'),
  ],
  [
    'Supplier ⇒ Post code ⇐ Postal code',
    c('supplierInfo.supplierAddress.postCode', (p) => (p.supplier.zipCode = '50630'), '50630'),
  ],
  [
    'Supplier ⇒ Supplier Name',
    c('supplierInfo.supplierName', (p) => (p.supplier.name = 'Supplier 37 AB'), 'Supplier 37 AB'),
  ],
  [
    'supplier address name',
    c('supplierInfo.supplierAddress.name', (p) => (p.supplier.name = 'Supplier 38 AB'), 'Supplier 38 AB'),
  ],
  ['supplier number', c('supplierInfo.supplierNumber', (p) => (p.supplier.supplierNo = 'S-39'), 'S-39')],
  ['line identity ⇐ Row id', line('rowNumber', (p) => (p.rows[0]!.rowId = 'RID-40'), 'RID-40')],
  ['In order line ⇒ Article number', line('articleNumber', (p) => (p.rows[0]!.articleNo = 'ART-41'), 'ART-41')],
  [
    'In order line ⇒ External order line id ⇐ Id',
    line('externalOrderLineId', (p) => (p.rows[0]!.rowId = 'RID-42'), 'RID-42'),
  ],
  [
    'In order line ⇒ External order line code ⇐ Number',
    line('lineFreeValues.freeText1', (p) => (p.rows[0]!.rowNo = '43'), '43'),
  ],
  ['In order line ⇒ Number of items ⇐ Quantity', line('numberOfItems', (p) => (p.rows[0]!.noOfItems = 44.5), 44.5)],
  [
    'In order line ⇒ Row price',
    line(
      'rowPrice',
      (p) => {
        p.rows[0]!.rowSumVat = 11.1;
        p.rows[0]!.rowSumExclVat = 44.4;
      },
      55.5,
    ),
  ],
  ['line currency', line('currencyCode', (p) => (p.currency = 'usd'), 'USD')],
];

describe('purchase order mapping: one test per table row', () => {
  it('has exactly one case per table row', () => {
    const tableRows = [
      ...PURCHASE_ROWS.map((r) => r.target),
      ...PURCHASE_LINE_ROWS.map((r) => `purchaseOrderLines[].${r.target}`),
    ];
    expect(ROW_CASES.map(([, x]) => x.row).sort()).toEqual(tableRows.sort());
  });

  it.each(ROW_CASES)('%s', (_name, x) => {
    const purchase = sampleSpecterPurchase();
    const before = getPath(mapPurchase(sampleSpecterPurchase(), GOODS_OWNER), x.path);
    x.change(purchase);
    const body = mapPurchase(purchase, x.goodsOwnerId ?? GOODS_OWNER);
    expect(getPath(body, x.path)).toEqual(x.expected);
    expect(before).not.toEqual(x.expected);
  });
});

describe('purchase order mapping: rules', () => {
  it('maps the whole sample to the expected body', () => {
    expect(mapPurchase(sampleSpecterPurchase(), GOODS_OWNER)).toEqual({
      goodsOwnerId: 17,
      purchaseOrderNumber: 'P-3001',
      inDate: '2024-05-10T00:00:00Z',
      advanced: { orderDate: '2024-04-28T00:00:00Z' },
      supplierInfo: {
        supplierName: 'Leverantör AB',
        supplierNumber: 'S-12',
        supplierAddress: {
          name: 'Leverantör AB',
          address: 'Industrivägen 5',
          address2: 'Building 2',
          address3: 'Gate 7',
          postCode: '55303',
          city: 'Jönköping',
          countryCode: 'SE',
        },
      },
      purchaseOrderLines: [
        {
          rowNumber: '91001',
          articleNumber: 'ART-001',
          externalOrderLineId: '91001',
          lineFreeValues: { freeText1: '1' },
          numberOfItems: 100,
          rowPrice: 6875,
          currencyCode: 'EUR',
        },
        {
          rowNumber: '91002',
          articleNumber: 'ART-002',
          externalOrderLineId: '91002',
          lineFreeValues: { freeText1: '2' },
          numberOfItems: 40,
          rowPrice: 1000,
          currencyCode: 'EUR',
        },
      ],
    });
  });

  it('row price: a missing part counts as 0, none when both are missing', () => {
    const purchase = sampleSpecterPurchase();
    purchase.rows[0]!.rowSumVat = null;
    purchase.rows[1]!.rowSumVat = null;
    purchase.rows[1]!.rowSumExclVat = null;
    const lines = mapPurchase(purchase, GOODS_OWNER).purchaseOrderLines ?? [];
    expect(lines[0]?.rowPrice).toBe(5500);
    expect('rowPrice' in (lines[1] ?? {})).toBe(false);
  });

  it('dates that are empty or not dates are left out', () => {
    const purchase = sampleSpecterPurchase();
    purchase.deliveryOutDate = '';
    purchase.orderDate = '28/04/2024';
    const body = mapPurchase(purchase, GOODS_OWNER);
    expect('inDate' in body).toBe(false);
    expect(body.advanced).toBeUndefined();
  });

  it('the supplier address uses address (not address1)', () => {
    const address = mapPurchase(sampleSpecterPurchase(), GOODS_OWNER).supplierInfo?.supplierAddress;
    expect(address?.address).toBe('Industrivägen 5');
    expect(address && 'address1' in address).toBe(false);
  });

  it('line identity: rowNumber and externalOrderLineId are both the Specter row id', () => {
    const lines = mapPurchase(sampleSpecterPurchase(), GOODS_OWNER).purchaseOrderLines ?? [];
    for (const l of lines) expect(l.rowNumber).toBe(l.externalOrderLineId);
    expect(lines.map((l) => l.rowNumber)).toEqual(['91001', '91002']);
  });
});

describe('purchase order table covers the integration spec', () => {
  // The spec's purchase order table, verbatim (Ongoing WMS field name | Specter field name).
  const SPEC_ROWS: [string, string][] = [
    ['In order info ⇒ Goods owner order number', 'Purchase ⇒ Purchase no'],
    ['In order info ⇒ In date', 'Purchase ⇒ Delivery out date'],
    ['In order info ⇒ Order date', 'Purchase ⇒ Order date'],
    ['Supplier ⇒ Address', 'Purchase ⇒ Supplier ⇒ Address'],
    ['Supplier ⇒ Address2', 'Purchase ⇒ Supplier ⇒ Address2'],
    ['Supplier ⇒ Address3', 'Purchase ⇒ Supplier ⇒ Address3'],
    ['Supplier ⇒ City', 'Purchase ⇒ Supplier ⇒ City'],
    ['Supplier ⇒ Country code', 'Purchase ⇒ Supplier ⇒ Country code'],
    ['Supplier ⇒ Post code', 'Purchase ⇒ Supplier ⇒ Postal code'],
    ['Supplier ⇒ Supplier Name', 'Purchase ⇒ Supplier ⇒ Name'],
    ['In order line ⇒ Article number', 'Row ⇒ Article no.'],
    ['In order line ⇒ External order line id', 'Row ⇒ Id'],
    ['In order line ⇒ External order line code', 'Row ⇒ Number'],
    ['In order line ⇒ Number of items', 'Row ⇒ Quantity'],
    ['In order line ⇒ Row price', 'Row ⇒ Row sum VAT + row sum excl VAT'],
  ];

  it('has every one of the 15 spec rows exactly once', () => {
    const table = [...PURCHASE_ROWS, ...PURCHASE_LINE_ROWS]
      .filter((r) => r.spec !== null)
      .map((r) => [r.spec, r.specter]);
    expect(SPEC_ROWS).toHaveLength(15);
    expect(table).toHaveLength(15);
    expect(new Set(table.map((p) => p.join(' | ')))).toEqual(new Set(SPEC_ROWS.map((p) => p.join(' | '))));
  });
});
