/**
 * Specter order → Ongoing `PUT /orders` (PostOrderModel).
 *
 * Line identity (what makes deliveries come back to the right Specter row):
 * - `rowNumber` ⇐ Specter row id ("External order line id"). Ongoing matches lines on re-PUT by
 *   rowNumber, and Specter's row id never changes while row numbers may be renumbered, so the line
 *   link stays stable across updates. Ongoing returns it unchanged as GetOrderLine.rowNumber.
 * - `externalId` ⇐ Specter row no ("External order line code"; Ongoing's order line has no field of
 *   that name, externalId is the closest). Ongoing returns it unchanged as GetOrderLine.externalId,
 *   and the delivery submit (delivery-submit.ts) reads the Specter row no from there, because
 *   Specter's delivery submit reports rows by row no.
 * - `goodsOwnerOrderId` ⇐ Specter's internal order id (an addition to the spec), returned as
 *   orderInfo.goodsOwnerOrderId; the delivery submit checks it against the order id it is given.
 *
 * Other decisions:
 * - Delivery date is required by Ongoing. When Specter has none, the date of the order's last
 *   change in Specter is used (a stable "as soon as possible" date, so an unchanged order keeps the
 *   same body and hash) and validation warns; when that is missing too the order is not sent.
 *   Dates are sent as midnight UTC of the Specter date (see toOngoingDateTime).
 * - Customer name: by Specter's customer type where known (company → company name, person →
 *   first name + surname); where it is unknown, the spec's order: first name + surname, else the
 *   company name.
 * - Sales code: invoice address attention, else delivery address attention.
 * - Consignee phones: Ongoing's consignee has no plain phone fields; the mobile number goes to
 *   consignee.advanced.smsNotification.value, the phone number to
 *   consignee.advanced.telephoneNotification.value; neither is flagged for notification. The spec
 *   ties "Notify by sms" to the order notification only (smsNotification on the order), so Ongoing
 *   gets exactly one number to send the delivery SMS to.
 * - VAT: Ongoing's REST article has no VAT field, so the row's VAT percent goes on each order line
 *   as vat { code, percent } (code = the percent as text, e.g. "25").
 * - Marketplace ⇐ External webshop no.: the value is the order's number in the webshop, so it goes
 *   to marketPlace.marketPlaceOrderNumber; Specter gives no marketplace name.
 * - Line price = row sum VAT + row sum excl. VAT (a missing part counts as 0; no price when both
 *   are missing). Number of items = no items × no items2, or no items when no items2 is empty or 0.
 * - The spec's row "Invoice address ⇒ Address2 ⇐ Invoice address ⇒ Address" is a typo: address2 is
 *   mapped from address2.
 * - Empty Specter fields are left out of the body (see core.ts).
 */
import type { SpecterCustomer, SpecterOrder, SpecterOrderRow } from '../domain/specter';
import type { PostOrderLine, PostOrderModel } from '../ongoing/models';
import {
  buildFromRows,
  finite,
  firstText,
  type MappingRow,
  type MappingTable,
  roundDecimal,
  specterDatePart,
  sumAmounts,
  text,
  toOngoingDateTime,
} from './core';

/** What one order body is made from. */
export interface OrderSource {
  order: SpecterOrder;
  goodsOwnerId: number;
}

/** What one order line is made from. */
export interface OrderLineSource {
  row: SpecterOrderRow;
  order: SpecterOrder;
}

/** The record name used in problems, e.g. 'order 1001'. */
export function orderRecordName(order: Pick<SpecterOrder, 'orderNo' | 'orderId'>): string {
  const no = text(order.orderNo);
  if (no !== undefined) return `order ${no}`;
  const id = text(order.orderId);
  return id !== undefined ? `order with id ${id} (no order number)` : 'order without number or id';
}

/**
 * Consignee name, chosen by Specter's customer type where it is known: a company (C) → the company
 * name, a person (P) → "first name surname". Where the type is unknown the spec's order applies:
 * "first name surname" when there is one, else the company name. Either way the other is the
 * fallback when the chosen one is empty.
 */
export function customerName(customer: SpecterCustomer | undefined): string | undefined {
  if (!customer) return undefined;
  const person = [text(customer.firstName), text(customer.surName)].filter((p) => p !== undefined).join(' ');
  const form = text(customer.organizationalForm)?.toUpperCase();
  return form === 'C' ? firstText(customer.name, person) : firstText(person, customer.name);
}

/** Sales code: invoice address attention, else delivery address attention. */
export function salesCode(order: SpecterOrder): string | undefined {
  return firstText(order.customer?.invoiceAddress?.attention, order.customer?.deliveryAddress?.attention);
}

/** Number of items: no items × no items2, or no items when no items2 is empty or 0. */
export function orderRowQuantity(row: Pick<SpecterOrderRow, 'noOfItems' | 'noOfItems2'>): number | undefined {
  const items = finite(row.noOfItems);
  if (items === undefined) return undefined;
  const factor = finite(row.noOfItems2);
  return roundDecimal(factor === undefined || factor === 0 ? items : items * factor);
}

/** The line's VAT: the row's VAT percent, its text as the code; undefined without one. */
export function orderRowVat(row: Pick<SpecterOrderRow, 'vatPercent'>): { code: string; percent: number } | undefined {
  const percent = finite(row.vatPercent);
  if (percent === undefined) return undefined;
  const rounded = roundDecimal(percent);
  return { code: String(rounded), percent: rounded };
}

/** Line price: row sum VAT + row sum excl. VAT. */
export function orderRowLinePrice(row: Pick<SpecterOrderRow, 'rowSumVat' | 'rowSumExclVat'>): number | undefined {
  return sumAmounts(row.rowSumVat, row.rowSumExclVat);
}

/** How the order's delivery date was found. */
export interface ResolvedDeliveryDate {
  /** yyyy-MM-dd, when one could be found. */
  date: string | undefined;
  /** 'deliveryDate': Specter's own; 'lastChanged': fallback; 'invalid': Specter's is not a date; 'missing': none. */
  from: 'deliveryDate' | 'lastChanged' | 'invalid' | 'missing';
}

/**
 * The delivery date sent to Ongoing: Specter's delivery date; when that is empty, the date of the
 * order's last change in Specter. A delivery date that is present but not a date is not replaced.
 */
export function resolveOrderDeliveryDate(
  order: Pick<SpecterOrder, 'deliveryDate' | 'lastChanged'>,
): ResolvedDeliveryDate {
  const own = text(order.deliveryDate);
  if (own !== undefined) {
    const date = specterDatePart(own);
    return date !== undefined ? { date, from: 'deliveryDate' } : { date: undefined, from: 'invalid' };
  }
  const fallback = specterDatePart(order.lastChanged);
  return fallback !== undefined ? { date: fallback, from: 'lastChanged' } : { date: undefined, from: 'missing' };
}

const customer = (s: OrderSource) => s.order.customer;
const delivery = (s: OrderSource) => s.order.customer?.deliveryAddress;
const invoice = (s: OrderSource) => s.order.customer?.invoiceAddress;

export const ORDER_ROWS: MappingRow<OrderSource>[] = [
  {
    spec: null,
    specter: '(settings) Ongoing goods owner id',
    source: 'settings.ongoing.goodsOwnerId',
    target: 'goodsOwnerId',
    readBack: null,
    rule: 'Required by Ongoing: the goods owner; the upsert key together with orderNumber.',
    apply: (s) => s.goodsOwnerId,
  },
  {
    spec: 'Order info ⇒ Consignee order number',
    specter: 'Order ⇒ Customer reference',
    source: 'customerReference',
    target: 'consigneeOrderNumber',
    readBack: { path: 'orderInfo.consigneeOrderNumber' },
    rule: 'Copied (trimmed).',
    apply: (s) => text(s.order.customerReference),
  },
  {
    spec: 'Order info ⇒ Delivery date',
    specter: 'Order ⇒ Delivery date',
    source: 'deliveryDate (else date of lastChanged)',
    target: 'deliveryDate',
    readBack: { path: 'orderInfo.deliveryDate', kind: 'date' },
    rule:
      'Required by Ongoing. Sent as midnight UTC of the Specter date (yyyy-MM-ddT00:00:00Z). When Specter has no ' +
      'delivery date, the date of the last change in Specter is used and validation warns; with neither, the order is not sent.',
    apply: (s) => {
      const { date } = resolveOrderDeliveryDate(s.order);
      return date === undefined ? undefined : toOngoingDateTime(date);
    },
  },
  {
    spec: 'Order info ⇒ Free text 1',
    specter: 'Order ⇒ Internal comment',
    source: 'internalComment',
    target: 'freeText1',
    readBack: { path: 'orderInfo.freeText1' },
    rule: 'Copied.',
    apply: (s) => text(s.order.internalComment),
  },
  {
    spec: 'Order info ⇒ Goods owner order number',
    specter: 'Order ⇒ Order number',
    source: 'orderNo',
    target: 'orderNumber',
    readBack: null,
    rule: 'Copied (trimmed). Required: the upsert key with goodsOwnerId; an order without it is not sent.',
    apply: (s) => text(s.order.orderNo),
  },
  {
    spec: null,
    specter: 'Order ⇒ Order id',
    source: 'orderId',
    target: 'goodsOwnerOrderId',
    readBack: { path: 'orderInfo.goodsOwnerOrderId' },
    rule:
      "Specter's internal order id (the id delivery submits need), kept in Ongoing's external order id and read back " +
      'as orderInfo.goodsOwnerOrderId to check a delivery goes to the right Specter order.',
    apply: (s) => text(s.order.orderId),
  },
  {
    spec: 'Order info ⇒ Marketplace',
    specter: 'Order ⇒ External webshop no.',
    source: 'externalOrderNo',
    target: 'marketPlace.marketPlaceOrderNumber',
    readBack: { path: 'orderInfo.marketPlace.marketPlaceOrderNumber' },
    rule: "The order's number in the webshop, so it is the marketplace order number; Specter gives no marketplace name.",
    apply: (s) => text(s.order.externalOrderNo),
  },
  {
    spec: 'Order info ⇒ Order notification ⇒ Mobile phone',
    specter: 'Order ⇒ Delivery address ⇒ Notify delivery mobile no',
    source: 'notifyDeliveryMobileNo',
    target: 'smsNotification.value',
    readBack: { path: 'orderInfo.smsNotification.value' },
    rule: 'Copied: the number Ongoing sends the delivery SMS to.',
    apply: (s) => text(s.order.notifyDeliveryMobileNo),
  },
  {
    spec: 'Order info ⇒ Order notification ⇒ Notify by sms',
    specter: 'Order ⇒ Delivery address ⇒ Notify delivery by mobile',
    source: 'notifyDeliveryByMobile',
    target: 'smsNotification.toBeNotified',
    readBack: { path: 'orderInfo.smsNotification.toBeNotified', kind: 'flag' },
    rule: 'true when Specter asks for delivery notification by mobile; false when it does not but a mobile number is set; left out when neither.',
    apply: (s) =>
      s.order.notifyDeliveryByMobile === true ? true : text(s.order.notifyDeliveryMobileNo) ? false : undefined,
  },
  {
    spec: 'Order info ⇒ Order remark',
    specter: 'Order ⇒ Public comment',
    source: 'publishedComment',
    target: 'orderRemark',
    readBack: { path: 'orderInfo.orderRemark' },
    rule: 'Copied. Not shortened (PostOrderModel declares no maxLength); validation warns above 500 characters, the PATCH limit.',
    apply: (s) => text(s.order.publishedComment),
  },
  {
    spec: 'Order info ⇒ Prepared transport document ID',
    specter: 'Order ⇒ Prepared shipment ID',
    source: 'preparedShipmentId',
    target: 'preparedTransportDocumentId',
    readBack: { path: 'orderInfo.preparedTransportDocumentId' },
    rule: 'Copied.',
    apply: (s) => text(s.order.preparedShipmentId),
  },
  {
    spec: 'Order info ⇒ Reference number',
    specter: 'Order ⇒ Reference',
    source: 'customerOrderReference',
    target: 'referenceNumber',
    readBack: { path: 'orderInfo.referenceNumber' },
    rule: "Specter's order reference (customer order reference), copied.",
    apply: (s) => text(s.order.customerOrderReference),
  },
  {
    spec: 'Order info ⇒ Sales code',
    specter: 'Order ⇒ Invoice address attention OR Order ⇒ Delivery address attention',
    source: 'customer.invoiceAddress.attention / customer.deliveryAddress.attention',
    target: 'salesCode',
    readBack: { path: 'orderInfo.salesCode' },
    rule: 'Invoice address attention; when that is empty, delivery address attention.',
    apply: (s) => salesCode(s.order),
  },
  {
    spec: 'Order info ⇒ Service point code',
    specter: 'Order ⇒ Agent no.',
    source: 'agentNo',
    target: 'servicePointCode',
    readBack: { path: 'orderInfo.servicePointCode' },
    rule: 'Copied. Validation warns above 50 characters (the PATCH limit).',
    apply: (s) => text(s.order.agentNo),
  },
  {
    spec: 'Order info ⇒ Transporter bulk ID',
    specter: 'Order ⇒ Bulk ID',
    source: 'bulkId',
    target: 'transporterBulkId',
    readBack: null,
    rule: 'Copied. (Ongoing does not return it in GET /orders.)',
    apply: (s) => text(s.order.bulkId),
  },
  {
    spec: 'Customer ⇒ Address',
    specter: 'Customer ⇒ Delivery Address ⇒ Address',
    source: 'customer.deliveryAddress.address',
    target: 'consignee.address1',
    readBack: { path: 'consignee.address1' },
    rule: "Copied. Ongoing's consignee calls it address1.",
    apply: (s) => text(delivery(s)?.address),
  },
  {
    spec: 'Customer ⇒ Address2',
    specter: 'Customer ⇒ Delivery address ⇒ Address2',
    source: 'customer.deliveryAddress.address2',
    target: 'consignee.address2',
    readBack: { path: 'consignee.address2' },
    rule: 'Copied.',
    apply: (s) => text(delivery(s)?.address2),
  },
  {
    spec: 'Customer ⇒ Address3',
    specter: 'Customer ⇒ Delivery address ⇒ Address3',
    source: 'customer.deliveryAddress.address3',
    target: 'consignee.address3',
    readBack: { path: 'consignee.address3' },
    rule: 'Copied.',
    apply: (s) => text(delivery(s)?.address3),
  },
  {
    spec: 'Customer ⇒ City',
    specter: 'Customer ⇒ Delivery address ⇒ City',
    source: 'customer.deliveryAddress.city',
    target: 'consignee.city',
    readBack: { path: 'consignee.city' },
    rule: 'Copied.',
    apply: (s) => text(delivery(s)?.city),
  },
  {
    spec: 'Customer ⇒ Country code',
    specter: 'Customer ⇒ Delivery address ⇒ Country code',
    source: 'customer.deliveryAddress.countryCode',
    target: 'consignee.countryCode',
    readBack: { path: 'consignee.countryCode' },
    rule: 'ISO country code, copied in upper case.',
    apply: (s) => text(delivery(s)?.countryCode)?.toUpperCase(),
  },
  {
    spec: 'Customer ⇒ Customer number',
    specter: 'Customer ⇒ Customer id',
    source: 'customer.customerId (else customerId)',
    target: 'consignee.customerNumber',
    readBack: { path: 'consignee.customerNumber' },
    rule: "Specter's customer id; Ongoing creates or updates its customer register entry by this number.",
    apply: (s) => firstText(customer(s)?.customerId, s.order.customerId),
  },
  {
    spec: 'Customer ⇒ External customer code',
    specter: 'Customer ⇒ Customer id',
    source: 'customer.customerId (else customerId)',
    target: 'consignee.advanced.externalCustomerCode',
    readBack: null,
    rule: "The same Specter customer id, as Ongoing's external customer code.",
    apply: (s) => firstText(customer(s)?.customerId, s.order.customerId),
  },
  {
    spec: null,
    specter: 'Customer ⇒ Invoice address ⇒ Company name OR Customer name',
    source: 'customer.invoiceAddress.companyName / customer name',
    target: 'consignee.invoiceAddress.name',
    readBack: { path: 'consignee.invoiceAddress.name' },
    rule: "Name on the invoice address: the invoice address's company name, else the customer name (as for the consignee).",
    apply: (s) => firstText(invoice(s)?.companyName, customerName(customer(s))),
  },
  {
    spec: 'Customer ⇒ Invoice address ⇒ Address',
    specter: 'Customer ⇒ Invoice address ⇒ Address',
    source: 'customer.invoiceAddress.address',
    target: 'consignee.invoiceAddress.address1',
    readBack: { path: 'consignee.invoiceAddress.address1' },
    rule: 'Copied.',
    apply: (s) => text(invoice(s)?.address),
  },
  {
    spec: 'Customer ⇒ Invoice address ⇒ Address2',
    specter: 'Customer ⇒ Invoice address ⇒ Address',
    source: 'customer.invoiceAddress.address2',
    target: 'consignee.invoiceAddress.address2',
    readBack: { path: 'consignee.invoiceAddress.address2' },
    rule: 'The spec says "⇐ Invoice address ⇒ Address", an obvious typo (it would repeat address line 1): mapped from address2.',
    apply: (s) => text(invoice(s)?.address2),
  },
  {
    spec: 'Customer ⇒ Invoice address ⇒ Address3',
    specter: 'Customer ⇒ Invoice address ⇒ Address3',
    source: 'customer.invoiceAddress.address3',
    target: 'consignee.invoiceAddress.address3',
    readBack: { path: 'consignee.invoiceAddress.address3' },
    rule: 'Copied.',
    apply: (s) => text(invoice(s)?.address3),
  },
  {
    spec: 'Customer ⇒ Invoice address ⇒ Post code',
    specter: 'Customer ⇒ Invoice address ⇒ Zip code',
    source: 'customer.invoiceAddress.zipCode',
    target: 'consignee.invoiceAddress.postCode',
    readBack: { path: 'consignee.invoiceAddress.postCode' },
    rule: 'Copied.',
    apply: (s) => text(invoice(s)?.zipCode),
  },
  {
    spec: 'Customer ⇒ Invoice address ⇒ City',
    specter: 'Customer ⇒ Invoice address ⇒ City',
    source: 'customer.invoiceAddress.city',
    target: 'consignee.invoiceAddress.city',
    readBack: { path: 'consignee.invoiceAddress.city' },
    rule: 'Copied.',
    apply: (s) => text(invoice(s)?.city),
  },
  {
    spec: 'Customer ⇒ Invoice address ⇒ Country code',
    specter: 'Customer ⇒ Invoice address ⇒ Country code',
    source: 'customer.invoiceAddress.countryCode',
    target: 'consignee.invoiceAddress.countryCode',
    readBack: { path: 'consignee.invoiceAddress.countryCode' },
    rule: 'ISO country code, copied in upper case.',
    apply: (s) => text(invoice(s)?.countryCode)?.toUpperCase(),
  },
  {
    spec: 'Customer ⇒ Mobile phone',
    specter: 'Customer ⇒ Mobile phone',
    source: 'customer.mobileNo',
    target: 'consignee.advanced.smsNotification.value',
    readBack: { path: 'consignee.advanced.smsNotification.value' },
    rule: "Ongoing's consignee has no plain mobile field; the number is kept in the consignee's SMS notification.",
    apply: (s) => text(customer(s)?.mobileNo),
  },
  {
    spec: null,
    specter: '(none)',
    source: '-',
    target: 'consignee.advanced.smsNotification.toBeNotified',
    readBack: { path: 'consignee.advanced.smsNotification.toBeNotified', kind: 'flag' },
    rule:
      'false whenever a mobile number is sent: the spec ties "Notify by sms" to the order notification only ' +
      "(smsNotification.toBeNotified), so the customer's mobile number is stored for the warehouse, never flagged.",
    apply: (s) => (text(customer(s)?.mobileNo) ? false : undefined),
  },
  {
    spec: 'Customer ⇒ Name',
    specter: 'Customer ⇒ Firstname + Surname OR Customer ⇒ Company name',
    source: 'customer.organizationalForm, customer.name / customer.firstName + customer.surName',
    target: 'consignee.name',
    readBack: { path: 'consignee.name' },
    rule:
      "By Specter's customer type where known: company (C) → company name, person (P) → first name and surname " +
      "joined by a space. Type unknown: the spec's order, first name and surname, else the company name. The other " +
      'is used when the chosen one is empty.',
    apply: (s) => customerName(customer(s)),
  },
  {
    spec: 'Customer ⇒ Organisation number',
    specter: 'Customer ⇒ Org number',
    source: 'customer.orgNo',
    target: 'consignee.organisationNumber',
    readBack: null,
    rule: 'Copied. (Sent only; Ongoing does not return it in GET /orders.)',
    apply: (s) => text(customer(s)?.orgNo),
  },
  {
    spec: 'Customer ⇒ Post code',
    specter: 'Customer ⇒ Delivery address ⇒ Zip code',
    source: 'customer.deliveryAddress.zipCode',
    target: 'consignee.postCode',
    readBack: { path: 'consignee.postCode' },
    rule: 'Copied.',
    apply: (s) => text(delivery(s)?.zipCode),
  },
  {
    spec: 'Customer ⇒ Telephone',
    specter: 'Customer ⇒ Phone',
    source: 'customer.phoneNo',
    target: 'consignee.advanced.telephoneNotification.value',
    readBack: { path: 'consignee.advanced.telephoneNotification.value' },
    rule: "Ongoing's consignee has no plain phone field; the number is kept in the consignee's telephone notification.",
    apply: (s) => text(customer(s)?.phoneNo),
  },
  {
    spec: null,
    specter: '(none)',
    source: '-',
    target: 'consignee.advanced.telephoneNotification.toBeNotified',
    readBack: null,
    rule: 'false whenever a phone number is sent: the number is stored for the warehouse, never used to notify.',
    apply: (s) => (text(customer(s)?.phoneNo) ? false : undefined),
  },
  {
    spec: 'Customer ⇒ VATNumber',
    specter: 'Customer ⇒ Vat number',
    source: 'customer.vatNo',
    target: 'consignee.vatNumber',
    readBack: null,
    rule: 'Copied. (Sent only; Ongoing does not return it in GET /orders.)',
    apply: (s) => text(customer(s)?.vatNo),
  },
];

export const ORDER_LINE_ROWS: MappingRow<OrderLineSource>[] = [
  {
    spec: 'Order line ⇒ Article number',
    specter: 'Row ⇒ Order line ⇒ Article no.',
    source: 'rows[].articleNo',
    target: 'articleNumber',
    readBack: { path: 'article.articleNumber' },
    rule: 'Copied (trimmed). Required; the article must exist in Ongoing (send articles first).',
    apply: (s) => text(s.row.articleNo),
  },
  {
    spec: 'Order line ⇒ Currency code',
    specter: 'Order ⇒ Currency code',
    source: 'currency',
    target: 'prices.currencyCode',
    readBack: { path: 'prices.currencyCode' },
    rule: "The order's currency, on every line (Ongoing keeps currency per line price).",
    apply: (s) => text(s.order.currency)?.toUpperCase(),
  },
  {
    spec: 'Order line ⇒ External order line code',
    specter: 'Row ⇒ Row no',
    source: 'rows[].rowNo',
    target: 'externalId',
    readBack: { path: 'externalId' },
    rule:
      'Ongoing\'s order line has no "external order line code"; externalId is the closest. Returned unchanged as ' +
      'GetOrderLine.externalId, from which the delivery submit reads the Specter row no.',
    apply: (s) => text(s.row.rowNo),
  },
  {
    spec: 'Order line ⇒ External order line id',
    specter: 'Row ⇒ Row id',
    source: 'rows[].rowId',
    target: 'rowNumber',
    readBack: null,
    rule:
      "Required, unique per order, and the line's identity on re-PUT: Specter's row id never changes, so lines stay " +
      'linked when rows are renumbered. Returned unchanged as GetOrderLine.rowNumber.',
    apply: (s) => text(s.row.rowId),
  },
  {
    spec: 'Order line ⇒ Line price',
    specter: 'Row ⇒ Row sum VAT + row sum price excl VAT',
    source: 'rows[].rowSumVat + rows[].rowSumExclVat',
    target: 'prices.linePrice',
    readBack: { path: 'prices.linePrice', kind: 'number' },
    rule: 'Row sum VAT + row sum excl. VAT (line total incl. VAT). A missing part counts as 0; no price when both are missing.',
    apply: (s) => orderRowLinePrice(s.row),
  },
  {
    spec: 'Order line ⇒ Number of items',
    specter: 'Row ⇒ No items * no items2',
    source: 'rows[].noOfItems × rows[].noOfItems2',
    target: 'numberOfItems',
    readBack: { path: 'orderedNumberOfItems', kind: 'number' },
    rule: 'No items × no items2; when no items2 is empty or 0, no items alone. Must be above 0 (validation).',
    apply: (s) => orderRowQuantity(s.row),
  },
  {
    spec: null,
    specter: 'Row ⇒ VAT percent',
    source: 'rows[].vatPercent',
    target: 'vat.code',
    readBack: { path: 'vat.code' },
    rule:
      "The spec's \"Article ⇒ VAT code\": Ongoing's REST article has no VAT field, so the row's VAT percent goes on " +
      'each order line as vat { code, percent }; the code (required by Ongoing inside vat) is the percent as text, ' +
      'e.g. "25" or "12.5". Left out when the row has no VAT percent.',
    apply: (s) => orderRowVat(s.row)?.code,
  },
  {
    spec: null,
    specter: 'Row ⇒ VAT percent',
    source: 'rows[].vatPercent',
    target: 'vat.percent',
    readBack: { path: 'vat.percent', kind: 'number' },
    rule: "The row's VAT percent, with the code above.",
    apply: (s) => orderRowVat(s.row)?.percent,
  },
  {
    spec: 'Order line ⇒ Order line comment',
    specter: 'Row ⇒ Description',
    source: 'rows[].articleName',
    target: 'comment',
    readBack: { path: 'comment' },
    rule: 'The row text, copied.',
    apply: (s) => text(s.row.articleName),
  },
];

export const ORDER_TABLE: MappingTable<OrderSource, OrderLineSource> = {
  flow: 'orders',
  title: 'Sales orders',
  direction: 'Specter order → Ongoing PUT /orders (PostOrderModel)',
  arrow: '⇐',
  notes: [
    'Upsert key: orderNumber + goodsOwnerId. Ongoing refuses updates once the warehouse has started on the order.',
    'Line identity: rowNumber = Specter row id (stable), externalId = Specter row no (read back by the delivery submit).',
    'Empty Specter fields are left out of the body.',
  ],
  header: ORDER_ROWS,
  lines: { path: 'orderLines', each: 'each Specter order row', rows: ORDER_LINE_ROWS },
};

/** Maps one Specter order row to an Ongoing order line. */
export function mapOrderLine(row: SpecterOrderRow, order: SpecterOrder): PostOrderLine {
  const body = buildFromRows(ORDER_LINE_ROWS, { row, order });
  return { rowNumber: '', articleNumber: '', ...body } as PostOrderLine;
}

/**
 * Maps a Specter order to Ongoing's order body. Never throws; required values that are missing
 * come out empty, and validateOrder reports them as errors before anything is sent.
 */
export function mapOrder(order: SpecterOrder, goodsOwnerId: number): PostOrderModel {
  const body = buildFromRows(ORDER_ROWS, { order, goodsOwnerId });
  const rows = Array.isArray(order.rows) ? order.rows : [];
  const orderLines = rows.map((row) => mapOrderLine(row, order));
  return {
    orderNumber: '',
    deliveryDate: '',
    consignee: {},
    ...body,
    goodsOwnerId,
    orderLines,
  } as PostOrderModel;
}
