/**
 * Checks run on Specter records before anything is sent to Ongoing. Each problem names the record,
 * the field, what is wrong and what to do. Errors stop the record from being sent; warnings are
 * shown but the record is sent.
 *
 * What Ongoing itself requires (OpenAPI required lists): articles need goodsOwnerId and
 * articleNumber; orders need goodsOwnerId, orderNumber, deliveryDate and a consignee object, and
 * each line rowNumber and articleNumber; purchase orders need goodsOwnerId and purchaseOrderNumber,
 * and each line rowNumber and articleNumber. The consignee's own fields are all optional in the
 * schema; this app still refuses an order without a consignee name (nothing can be shipped to
 * nobody) and warns about missing street, post code, city or country, which a shipping label needs.
 *
 * Long texts: the PUT bodies declare no maxLength, so nothing is shortened (see limits.ts); fields
 * that Ongoing limits in its PATCH bodies get a warning when longer.
 */
import type { SpecterArticle, SpecterOrder, SpecterPurchase } from '../domain/specter';
import type { PostArticleModel, PostOrderModel, PostPurchaseOrderModel } from '../ongoing/models';
import { articleRecordName, mapArticle } from './articles';
import { hasErrors, type MappingProblem, specterDatePart, text } from './core';
import { applyLengthLimits, PUT_BODY_LENGTH_LIMITS, patchLengthWarning } from './limits';
import { customerName, mapOrder, orderRecordName, orderRowQuantity, resolveOrderDeliveryDate } from './orders';
import { mapPurchase, purchaseRecordName } from './purchase-orders';

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

type Push = (field: string, severity: MappingProblem['severity'], message: string) => void;

function collector(record: string): { problems: MappingProblem[]; push: Push } {
  const problems: MappingProblem[] = [];
  return {
    problems,
    push: (field, severity, message) => problems.push({ record, field, message, severity }),
  };
}

/** Warns when a number field holds something that is not a number, or a negative value. */
function checkAmount(push: Push, field: string, label: string, value: number | null | undefined, where: string) {
  if (value === null || value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    push(field, 'warning', `${label} is not a number, so it is left out. Correct it in Specter${where}.`);
  } else if (value < 0) {
    push(field, 'warning', `${label} is negative (${value}). Check it in Specter${where}.`);
  }
}

function checkCountry(push: Push, field: string, label: string, value: string | undefined, fix: string) {
  if (value === undefined) return;
  if (!/^[A-Za-z]{2}$/.test(value)) {
    push(field, 'warning', `${label} "${value}" is not a two-letter ISO country code (e.g. SE). ${fix}`);
  }
}

/** Checks one Specter article before it is sent as an Ongoing article. */
export function validateArticle(article: SpecterArticle): MappingProblem[] {
  const record = articleRecordName(article);
  const { problems, push } = collector(record);
  if (text(article.articleNo) === undefined) {
    push(
      'articleNo',
      'error',
      `${capitalize(record)} has no article number, which Ongoing needs as its key. Give the article an article number in Specter.`,
    );
  }
  if (text(article.name) === undefined) {
    push(
      'name',
      'warning',
      `${record} has no name; the warehouse will see only the article number. Add a name in Specter.`,
    );
  }
  const where = ` on ${record}`;
  checkAmount(push, 'buyPrice', 'Buy price', article.buyPrice, where);
  checkAmount(push, 'priceExclVat', 'Price excluding VAT', article.priceExclVat, where);
  checkAmount(push, 'stockPrice', 'Stock price', article.stockPrice, where);
  checkAmount(push, 'productVolume', 'Article volume', article.productVolume, where);
  checkAmount(push, 'productWeight', 'Article weight', article.productWeight, where);
  checkCountry(
    push,
    'manufacturingCountryCode',
    'Manufacturing country code',
    text(article.manufacturingCountryCode),
    `Correct it on ${record} in Specter.`,
  );
  return problems;
}

function describeRow(index: number, rowNo: string | undefined, rowId: string | undefined): string {
  const no = rowNo ?? `#${index + 1}`;
  return rowId ? `Row ${no} (row id ${rowId})` : `Row ${no}`;
}

/**
 * Checks one Specter order before it is sent as an Ongoing order. When `knownArticleNumbers` is
 * given, every row's article must be in it (articles are sent before orders).
 */
export function validateOrder(order: SpecterOrder, knownArticleNumbers?: ReadonlySet<string>): MappingProblem[] {
  const record = orderRecordName(order);
  const { problems, push } = collector(record);

  const orderNo = text(order.orderNo);
  if (orderNo === undefined) {
    push(
      'orderNo',
      'error',
      `${capitalize(record)} has no order number, which Ongoing needs as its key. Check the order in Specter.`,
    );
  }
  if (text(order.orderId) === undefined) {
    push(
      'orderId',
      'warning',
      `${record} has no Specter order id; its delivery cannot be reported back automatically. Check the order in Specter.`,
    );
  }

  const delivery = resolveOrderDeliveryDate(order);
  if (delivery.from === 'invalid') {
    push(
      'deliveryDate',
      'error',
      `Delivery date "${text(order.deliveryDate)}" of ${record} is not a date (yyyy-MM-dd). Correct the delivery date in Specter.`,
    );
  } else if (delivery.from === 'lastChanged') {
    push(
      'deliveryDate',
      'warning',
      `${record} has no delivery date; Ongoing requires one, so ${delivery.date} (the order's last change) is sent. ` +
        'Set a delivery date in Specter if the order should ship on another day.',
    );
  } else if (delivery.from === 'missing') {
    push(
      'deliveryDate',
      'error',
      `${record} has no delivery date, which Ongoing requires. Set a delivery date on the order in Specter.`,
    );
  }

  const customer = order.customer;
  if (customerName(customer) === undefined) {
    push(
      'customer.name',
      'error',
      `${record} has no customer name (neither company name nor first name/surname), so the warehouse has no one to ship to. ` +
        'Add a name to the customer in Specter.',
    );
  }
  const address = customer?.deliveryAddress;
  const addressFields: [keyof NonNullable<typeof address>, string][] = [
    ['address', 'street address'],
    ['zipCode', 'zip code'],
    ['city', 'city'],
    ['countryCode', 'country code'],
  ];
  for (const [key, label] of addressFields) {
    if (text(address?.[key]) === undefined) {
      push(
        `customer.deliveryAddress.${key}`,
        'warning',
        `${record}: the delivery address has no ${label}; the warehouse cannot print a shipping label without it. ` +
          "Complete the customer's delivery address in Specter.",
      );
    }
  }
  checkCountry(
    push,
    'customer.deliveryAddress.countryCode',
    'Delivery country code',
    text(address?.countryCode),
    `Correct the delivery address of ${record} in Specter.`,
  );

  const rows = Array.isArray(order.rows) ? order.rows : [];
  if (rows.length === 0) {
    push('rows', 'error', `${record} has no rows, so there is nothing to pick. Add rows to the order in Specter.`);
  }
  const seenRowIds = new Map<string, number>();
  const seenRowNos = new Map<string, number>();
  rows.forEach((row, i) => {
    const rowId = text(row.rowId);
    const rowNo = text(row.rowNo);
    const label = `${record}, ${describeRow(i, rowNo, rowId)}`;
    if (rowId === undefined) {
      push(
        `rows[${i}].rowId`,
        'error',
        `${label} has no row id; Ongoing needs it to keep the line linked to the Specter row. Re-save the order in Specter.`,
      );
    } else if (seenRowIds.has(rowId)) {
      push(
        `rows[${i}].rowId`,
        'error',
        `${label} has the same row id as row #${seenRowIds.get(rowId)! + 1}; Ongoing needs a unique row id per line. Check the order in Specter.`,
      );
    } else {
      seenRowIds.set(rowId, i);
    }
    if (rowNo === undefined) {
      push(
        `rows[${i}].rowNo`,
        'error',
        `${label} has no row no; the delivery of this row could not be reported back to Specter. Re-save the order in Specter.`,
      );
    } else if (seenRowNos.has(rowNo)) {
      push(
        `rows[${i}].rowNo`,
        'error',
        `${label} has the same row no as row #${seenRowNos.get(rowNo)! + 1}, so deliveries could not tell them apart. Check the order in Specter.`,
      );
    } else {
      seenRowNos.set(rowNo, i);
    }

    const articleNo = text(row.articleNo);
    if (articleNo === undefined) {
      push(
        `rows[${i}].articleNo`,
        'error',
        `${label} has no article number; Ongoing needs an article on every line. Add the article in Specter, or remove the row (text-only rows cannot be sent to the warehouse).`,
      );
    } else if (knownArticleNumbers && !knownArticleNumbers.has(articleNo)) {
      push(
        `rows[${i}].articleNo`,
        'error',
        `${label}: article ${articleNo} is not known in Ongoing. Sync articles first, or correct the article number in Specter.`,
      );
    }

    if (typeof row.noOfItems !== 'number' || !Number.isFinite(row.noOfItems)) {
      push(
        `rows[${i}].noOfItems`,
        'error',
        `${label}: the number of items is not a number. Correct the quantity in Specter.`,
      );
    } else if (
      row.noOfItems2 !== null &&
      row.noOfItems2 !== undefined &&
      (typeof row.noOfItems2 !== 'number' || !Number.isFinite(row.noOfItems2) || row.noOfItems2 < 0)
    ) {
      push(
        `rows[${i}].noOfItems2`,
        'error',
        `${label}: the second quantity (no items2) "${String(row.noOfItems2)}" is not a number of 0 or more. Correct it in Specter.`,
      );
    } else {
      const quantity = orderRowQuantity(row) ?? 0;
      if (quantity <= 0) {
        push(
          `rows[${i}].noOfItems`,
          'error',
          `${label}: the number of items is ${quantity}; Ongoing needs more than 0. Correct the quantity in Specter, or remove the row.`,
        );
      }
    }
    checkAmount(push, `rows[${i}].rowSumExclVat`, `${label}: row sum excl. VAT`, row.rowSumExclVat, '');
    checkAmount(push, `rows[${i}].rowSumVat`, `${label}: row sum VAT`, row.rowSumVat, '');
  });

  for (const warning of [
    patchLengthWarning(record, 'orderNo', orderNo, 'PatchOrderNumberModel', 'order number'),
    patchLengthWarning(record, 'publishedComment', text(order.publishedComment), 'PatchOrderRemark', 'order remark'),
    patchLengthWarning(record, 'agentNo', text(order.agentNo), 'PatchServicePointCode', 'service point code'),
  ]) {
    if (warning) problems.push(warning);
  }
  return problems;
}

/**
 * Checks one Specter purchase before it is sent as an Ongoing purchase order. When
 * `knownArticleNumbers` is given, every row's article must be in it.
 */
export function validatePurchase(
  purchase: SpecterPurchase,
  knownArticleNumbers?: ReadonlySet<string>,
): MappingProblem[] {
  const record = purchaseRecordName(purchase);
  const { problems, push } = collector(record);

  const purchaseNo = text(purchase.purchaseNo);
  if (purchaseNo === undefined) {
    push(
      'purchaseNo',
      'error',
      `${capitalize(record)} has no purchase number, which Ongoing needs as its key. Check the purchase in Specter.`,
    );
  }
  if (text(purchase.purchaseId) === undefined) {
    push(
      'purchaseId',
      'warning',
      `${record} has no Specter purchase id; its receipt cannot be reported back automatically. Check the purchase in Specter.`,
    );
  }
  const inDate = text(purchase.deliveryOutDate);
  if (inDate === undefined) {
    push(
      'deliveryOutDate',
      'warning',
      `${record} has no delivery date, so the warehouse does not know when to expect it. Set the delivery date in Specter.`,
    );
  } else if (specterDatePart(inDate) === undefined) {
    push(
      'deliveryOutDate',
      'error',
      `Delivery date "${inDate}" of ${record} is not a date (yyyy-MM-dd). Correct it in Specter.`,
    );
  }
  const orderDate = text(purchase.orderDate);
  if (orderDate !== undefined && specterDatePart(orderDate) === undefined) {
    push(
      'orderDate',
      'error',
      `Order date "${orderDate}" of ${record} is not a date (yyyy-MM-dd). Correct it in Specter.`,
    );
  }
  if (text(purchase.supplier?.name) === undefined) {
    push(
      'supplier.name',
      'warning',
      `${record} has no supplier name; the warehouse cannot tell who delivers. Set the supplier in Specter.`,
    );
  }
  checkCountry(
    push,
    'supplier.countryCode',
    'Supplier country code',
    text(purchase.supplier?.countryCode),
    `Correct the supplier of ${record} in Specter.`,
  );

  const rows = Array.isArray(purchase.rows) ? purchase.rows : [];
  if (rows.length === 0) {
    push(
      'rows',
      'error',
      `${record} has no rows, so there is nothing to receive. Add rows to the purchase in Specter.`,
    );
  }
  const seenRowIds = new Map<string, number>();
  rows.forEach((row, i) => {
    const rowId = text(row.rowId);
    const label = `${record}, ${describeRow(i, text(row.rowNo), rowId)}`;
    if (rowId === undefined) {
      push(
        `rows[${i}].rowId`,
        'error',
        `${label} has no row id; the receipt of this row could not be reported back to Specter. Re-save the purchase in Specter.`,
      );
    } else if (seenRowIds.has(rowId)) {
      push(
        `rows[${i}].rowId`,
        'error',
        `${label} has the same row id as row #${seenRowIds.get(rowId)! + 1}; Ongoing needs a unique row id per line. Check the purchase in Specter.`,
      );
    } else {
      seenRowIds.set(rowId, i);
    }
    const articleNo = text(row.articleNo);
    if (articleNo === undefined) {
      push(
        `rows[${i}].articleNo`,
        'error',
        `${label} has no article number; Ongoing needs an article on every line. Add the article in Specter, or remove the row.`,
      );
    } else if (knownArticleNumbers && !knownArticleNumbers.has(articleNo)) {
      push(
        `rows[${i}].articleNo`,
        'error',
        `${label}: article ${articleNo} is not known in Ongoing. Sync articles first, or correct the article number in Specter.`,
      );
    }
    if (typeof row.noOfItems !== 'number' || !Number.isFinite(row.noOfItems)) {
      push(`rows[${i}].noOfItems`, 'error', `${label}: the quantity is not a number. Correct the quantity in Specter.`);
    } else if (row.noOfItems <= 0) {
      push(
        `rows[${i}].noOfItems`,
        'error',
        `${label}: the quantity is ${row.noOfItems}; Ongoing needs more than 0. Correct the quantity in Specter, or remove the row.`,
      );
    }
    checkAmount(push, `rows[${i}].rowSumExclVat`, `${label}: row sum excl. VAT`, row.rowSumExclVat, '');
    checkAmount(push, `rows[${i}].rowSumVat`, `${label}: row sum VAT`, row.rowSumVat, '');
  });

  const warning = patchLengthWarning(
    record,
    'purchaseNo',
    purchaseNo,
    'PatchPurchaseOrderNumber',
    'purchase order number',
  );
  if (warning) problems.push(warning);
  return problems;
}

/** A record checked and mapped: the body to send (null when there are errors) and all problems. */
export interface PreparedRecord<T> {
  record: string;
  body: T | null;
  problems: MappingProblem[];
}

/** Validates and maps an article; the body is null when there is an error. */
export function prepareArticle(article: SpecterArticle, goodsOwnerId: number): PreparedRecord<PostArticleModel> {
  const record = articleRecordName(article);
  const problems = validateArticle(article);
  if (hasErrors(problems)) return { record, body: null, problems };
  const limited = applyLengthLimits(mapArticle(article, goodsOwnerId), PUT_BODY_LENGTH_LIMITS.articles, record);
  return { record, body: limited.body, problems: [...problems, ...limited.problems] };
}

/** Validates and maps an order; the body is null when there is an error. */
export function prepareOrder(
  order: SpecterOrder,
  goodsOwnerId: number,
  knownArticleNumbers?: ReadonlySet<string>,
): PreparedRecord<PostOrderModel> {
  const record = orderRecordName(order);
  const problems = validateOrder(order, knownArticleNumbers);
  if (hasErrors(problems)) return { record, body: null, problems };
  const limited = applyLengthLimits(mapOrder(order, goodsOwnerId), PUT_BODY_LENGTH_LIMITS.orders, record);
  return { record, body: limited.body, problems: [...problems, ...limited.problems] };
}

/** Validates and maps a purchase; the body is null when there is an error. */
export function preparePurchase(
  purchase: SpecterPurchase,
  goodsOwnerId: number,
  knownArticleNumbers?: ReadonlySet<string>,
): PreparedRecord<PostPurchaseOrderModel> {
  const record = purchaseRecordName(purchase);
  const problems = validatePurchase(purchase, knownArticleNumbers);
  if (hasErrors(problems)) return { record, body: null, problems };
  const limited = applyLengthLimits(
    mapPurchase(purchase, goodsOwnerId),
    PUT_BODY_LENGTH_LIMITS['purchase-orders'],
    record,
  );
  return { record, body: limited.body, problems: [...problems, ...limited.problems] };
}
