/**
 * Specter purchase → Ongoing `PUT /purchaseOrders` (PostPurchaseOrderModel).
 *
 * Line identity (what makes receipts come back to the right Specter row):
 * - `rowNumber` ⇐ Specter row id. Ongoing matches purchase order lines on re-PUT by rowNumber;
 *   Specter's row id never changes, so the link survives renumbering. Returned unchanged as
 *   GetPurchaseOrderLine.rowNumber.
 * - `externalOrderLineId` ⇐ Specter row id ("External order line id ⇐ Row ⇒ Id"). Returned
 *   unchanged as GetPurchaseOrderLine.externalOrderLineId; the receipt submit (receipt-submit.ts)
 *   reads the Specter row id from there, because Specter's purchase delivery submit reports rows by
 *   row id.
 * - "External order line code ⇐ Row ⇒ Number": Ongoing's purchase order line has no such field.
 *   The Specter row number goes to the line's free text 1 (lineFreeValues.freeText1), which keeps
 *   it visible in Ongoing without touching the line comment the warehouse staff read.
 *
 * Other decisions:
 * - In date (expected arrival) ⇐ Specter "delivery out date"; order date ⇐ order date. Both are
 *   optional in Ongoing and sent as midnight UTC of the Specter date.
 * - Row price = row sum VAT + row sum excl. VAT (a missing part counts as 0; none when both are
 *   missing). The purchase currency goes on every line (currencyCode), Ongoing's only currency field.
 * - Ongoing's supplier address uses `address` (not `address1` as the order consignee does).
 * - Empty Specter fields are left out of the body (see core.ts).
 */
import type { SpecterPurchase, SpecterPurchaseRow } from '../domain/specter';
import type { PostPurchaseOrderLine, PostPurchaseOrderModel } from '../ongoing/models';
import {
  buildFromRows,
  finite,
  type MappingRow,
  type MappingTable,
  roundDecimal,
  specterDatePart,
  sumAmounts,
  text,
  toOngoingDateTime,
} from './core';

/** What one purchase order body is made from. */
export interface PurchaseSource {
  purchase: SpecterPurchase;
  goodsOwnerId: number;
}

/** What one purchase order line is made from. */
export interface PurchaseLineSource {
  row: SpecterPurchaseRow;
  purchase: SpecterPurchase;
}

/** The record name used in problems, e.g. 'purchase P-3001'. */
export function purchaseRecordName(purchase: Pick<SpecterPurchase, 'purchaseNo' | 'purchaseId'>): string {
  const no = text(purchase.purchaseNo);
  if (no !== undefined) return `purchase ${no}`;
  const id = text(purchase.purchaseId);
  return id !== undefined ? `purchase with id ${id} (no purchase number)` : 'purchase without number or id';
}

/** A Specter date as Ongoing's date-time, or undefined when it is empty or not a date. */
function ongoingDate(value: string | null | undefined): string | undefined {
  const date = specterDatePart(value);
  return date === undefined ? undefined : toOngoingDateTime(date);
}

const supplier = (s: PurchaseSource) => s.purchase.supplier;

export const PURCHASE_ROWS: MappingRow<PurchaseSource>[] = [
  {
    spec: null,
    specter: '(settings) Ongoing goods owner id',
    source: 'settings.ongoing.goodsOwnerId',
    target: 'goodsOwnerId',
    readBack: null,
    rule: 'Required by Ongoing: the goods owner; the upsert key together with purchaseOrderNumber.',
    apply: (s) => s.goodsOwnerId,
  },
  {
    spec: 'In order info ⇒ Goods owner order number',
    specter: 'Purchase ⇒ Purchase no',
    source: 'purchaseNo',
    target: 'purchaseOrderNumber',
    readBack: null,
    rule: 'Copied (trimmed). Required: the upsert key with goodsOwnerId; a purchase without it is not sent.',
    apply: (s) => text(s.purchase.purchaseNo),
  },
  {
    spec: 'In order info ⇒ In date',
    specter: 'Purchase ⇒ Delivery out date',
    source: 'deliveryOutDate',
    target: 'inDate',
    readBack: { path: 'purchaseOrderInfo.inDate', kind: 'date' },
    rule: 'Expected arrival, sent as midnight UTC of the Specter date; left out when Specter has none (validation warns).',
    apply: (s) => ongoingDate(s.purchase.deliveryOutDate),
  },
  {
    spec: 'In order info ⇒ Order date',
    specter: 'Purchase ⇒ Order date',
    source: 'orderDate',
    target: 'advanced.orderDate',
    readBack: { path: 'purchaseOrderInfo.advanced.orderDate', kind: 'date' },
    rule: 'Sent as midnight UTC of the Specter date; Ongoing keeps it under advanced.',
    apply: (s) => ongoingDate(s.purchase.orderDate),
  },
  {
    spec: 'Supplier ⇒ Address',
    specter: 'Purchase ⇒ Supplier ⇒ Address',
    source: 'supplier.address',
    target: 'supplierInfo.supplierAddress.address',
    readBack: null,
    rule: "Copied. Ongoing's supplier address calls it address (not address1).",
    apply: (s) => text(supplier(s)?.address),
  },
  {
    spec: 'Supplier ⇒ Address2',
    specter: 'Purchase ⇒ Supplier ⇒ Address2',
    source: 'supplier.address2',
    target: 'supplierInfo.supplierAddress.address2',
    readBack: null,
    rule: 'Copied.',
    apply: (s) => text(supplier(s)?.address2),
  },
  {
    spec: 'Supplier ⇒ Address3',
    specter: 'Purchase ⇒ Supplier ⇒ Address3',
    source: 'supplier.address3',
    target: 'supplierInfo.supplierAddress.address3',
    readBack: null,
    rule: 'Copied.',
    apply: (s) => text(supplier(s)?.address3),
  },
  {
    spec: 'Supplier ⇒ City',
    specter: 'Purchase ⇒ Supplier ⇒ City',
    source: 'supplier.city',
    target: 'supplierInfo.supplierAddress.city',
    readBack: null,
    rule: 'Copied.',
    apply: (s) => text(supplier(s)?.city),
  },
  {
    spec: 'Supplier ⇒ Country code',
    specter: 'Purchase ⇒ Supplier ⇒ Country code',
    source: 'supplier.countryCode',
    target: 'supplierInfo.supplierAddress.countryCode',
    readBack: null,
    rule: 'ISO country code, copied in upper case.',
    apply: (s) => text(supplier(s)?.countryCode)?.toUpperCase(),
  },
  {
    spec: 'Supplier ⇒ Post code',
    specter: 'Purchase ⇒ Supplier ⇒ Postal code',
    source: 'supplier.zipCode',
    target: 'supplierInfo.supplierAddress.postCode',
    readBack: null,
    rule: 'Copied.',
    apply: (s) => text(supplier(s)?.zipCode),
  },
  {
    spec: 'Supplier ⇒ Supplier Name',
    specter: 'Purchase ⇒ Supplier ⇒ Name',
    source: 'supplier.name',
    target: 'supplierInfo.supplierName',
    readBack: { path: 'supplierInfo.supplierName' },
    rule: 'Copied.',
    apply: (s) => text(supplier(s)?.name),
  },
  {
    spec: null,
    specter: 'Purchase ⇒ Supplier ⇒ Name',
    source: 'supplier.name',
    target: 'supplierInfo.supplierAddress.name',
    readBack: null,
    rule: 'The supplier name again as the name on the supplier address, so the address is complete.',
    apply: (s) => text(supplier(s)?.name),
  },
  {
    spec: null,
    specter: 'Purchase ⇒ Supplier ⇒ Supplier no',
    source: 'supplier.supplierNo',
    target: 'supplierInfo.supplierNumber',
    readBack: { path: 'supplierInfo.supplierNumber' },
    rule: "Specter's supplier number, so Ongoing can tell suppliers with equal names apart.",
    apply: (s) => text(supplier(s)?.supplierNo),
  },
];

export const PURCHASE_LINE_ROWS: MappingRow<PurchaseLineSource>[] = [
  {
    spec: null,
    specter: 'Row ⇒ Id',
    source: 'rows[].rowId',
    target: 'rowNumber',
    readBack: null,
    rule:
      "Required, unique per purchase order, and the line's identity on re-PUT: Specter's row id never changes. " +
      'Returned unchanged as GetPurchaseOrderLine.rowNumber.',
    apply: (s) => text(s.row.rowId),
  },
  {
    spec: 'In order line ⇒ Article number',
    specter: 'Row ⇒ Article no.',
    source: 'rows[].articleNo',
    target: 'articleNumber',
    readBack: { path: 'article.articleNumber' },
    rule: 'Copied (trimmed). Required; the article must exist in Ongoing (send articles first).',
    apply: (s) => text(s.row.articleNo),
  },
  {
    spec: 'In order line ⇒ External order line id',
    specter: 'Row ⇒ Id',
    source: 'rows[].rowId',
    target: 'externalOrderLineId',
    readBack: { path: 'externalOrderLineId' },
    rule: 'Specter row id. Returned unchanged as GetPurchaseOrderLine.externalOrderLineId; the receipt submit reports the row by it.',
    apply: (s) => text(s.row.rowId),
  },
  {
    spec: 'In order line ⇒ External order line code',
    specter: 'Row ⇒ Number',
    source: 'rows[].rowNo',
    target: 'lineFreeValues.freeText1',
    readBack: null,
    rule: 'Ongoing\'s purchase order line has no "external order line code"; the Specter row number is kept in the line\'s free text 1.',
    apply: (s) => text(s.row.rowNo),
  },
  {
    spec: 'In order line ⇒ Number of items',
    specter: 'Row ⇒ Quantity',
    source: 'rows[].noOfItems',
    target: 'numberOfItems',
    readBack: { path: 'advisedNumberOfItems', kind: 'number' },
    rule: 'Ordered quantity, copied as a number. Must be above 0 (validation).',
    apply: (s) => {
      const n = finite(s.row.noOfItems);
      return n === undefined ? undefined : roundDecimal(n);
    },
  },
  {
    spec: 'In order line ⇒ Row price',
    specter: 'Row ⇒ Row sum VAT + row sum excl VAT',
    source: 'rows[].rowSumVat + rows[].rowSumExclVat',
    target: 'rowPrice',
    readBack: { path: 'rowPrice', kind: 'number' },
    rule: 'Row sum VAT + row sum excl. VAT. A missing part counts as 0; no price when both are missing.',
    apply: (s) => sumAmounts(s.row.rowSumVat, s.row.rowSumExclVat),
  },
  {
    spec: null,
    specter: 'Purchase ⇒ Currency',
    source: 'currency',
    target: 'currencyCode',
    readBack: null,
    rule: "The purchase's currency on every line: the currency of the row price.",
    apply: (s) => text(s.purchase.currency)?.toUpperCase(),
  },
];

export const PURCHASE_TABLE: MappingTable<PurchaseSource, PurchaseLineSource> = {
  flow: 'purchase-orders',
  title: 'Purchase orders',
  direction: 'Specter purchase → Ongoing PUT /purchaseOrders (PostPurchaseOrderModel)',
  arrow: '⇐',
  notes: [
    'Upsert key: purchaseOrderNumber + goodsOwnerId. Ongoing refuses updates once the warehouse has started on it.',
    'Line identity: rowNumber = externalOrderLineId = Specter row id (read back by the receipt submit).',
    'Empty Specter fields are left out of the body.',
  ],
  header: PURCHASE_ROWS,
  lines: { path: 'purchaseOrderLines', each: 'each Specter purchase row', rows: PURCHASE_LINE_ROWS },
};

/** Maps one Specter purchase row to an Ongoing purchase order line. */
export function mapPurchaseLine(row: SpecterPurchaseRow, purchase: SpecterPurchase): PostPurchaseOrderLine {
  const body = buildFromRows(PURCHASE_LINE_ROWS, { row, purchase });
  return { rowNumber: '', articleNumber: '', ...body } as PostPurchaseOrderLine;
}

/**
 * Maps a Specter purchase to Ongoing's purchase order body. Never throws; required values that
 * are missing come out empty, and validatePurchase reports them as errors before anything is sent.
 */
export function mapPurchase(purchase: SpecterPurchase, goodsOwnerId: number): PostPurchaseOrderModel {
  const body = buildFromRows(PURCHASE_ROWS, { purchase, goodsOwnerId });
  const rows = Array.isArray(purchase.rows) ? purchase.rows : [];
  return {
    purchaseOrderNumber: '',
    ...body,
    goodsOwnerId,
    purchaseOrderLines: rows.map((row) => mapPurchaseLine(row, purchase)),
  } as PostPurchaseOrderModel;
}
