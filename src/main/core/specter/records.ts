/**
 * Reading records (articles, orders, purchases, stock) out of a parsed Specter reply, one record at a
 * time: a value that cannot be read does not fail the reply. It goes onto that record as a read
 * issue (field, raw value, what to correct in Specter) and the engine makes the record invalid; the
 * rest of the reply is read as usual. Control characters are removed with a warning on the record,
 * and a reply whose bytes did not match its declared encoding warns on every record with such text.
 */
import type {
  SpecterAddress,
  SpecterArticle,
  SpecterCustomer,
  SpecterDeliveryRecord,
  SpecterDeliveryStatus,
  SpecterOrder,
  SpecterOrderRow,
  SpecterPurchase,
  SpecterPurchaseRow,
  SpecterReadIssue,
  SpecterStockLevel,
  SpecterSupplier,
  SpecterSupplierRef,
} from '../../../shared/domain/specter';
import {
  ATTR,
  child,
  children,
  field as rawField,
  isControlCode,
  parseDecimal,
  SpecterParseError,
  type XmlNode,
} from './parse';
import {
  XML_ADDRESS,
  XML_ARTICLE,
  XML_CUSTOMER,
  XML_DELIVERY,
  XML_ORDER,
  XML_PURCHASE,
  XML_ROW,
  XML_STOCK,
} from './wire';

interface Collector {
  issues: SpecterReadIssue[];
  /** "what" of the record (e.g. 'order 55'), stripped from field labels. */
  prefix: string;
  encodingWarned: boolean;
}

let current: Collector | null = null;
let encodingNote: string | null = null;

/** Read records while `note` (a declared encoding that did not match the bytes) applies to their text. */
export function withEncodingNote<T>(note: string | null, read: () => T): T {
  const previous = encodingNote;
  encodingNote = note;
  try {
    return read();
  } finally {
    encodingNote = previous;
  }
}

function collect<T extends { readIssues?: SpecterReadIssue[] }>(read: () => T, what: () => string): T {
  const previous = current;
  current = { issues: [], prefix: `${what()} `, encodingWarned: false };
  try {
    const record = read();
    if (current.issues.length > 0) record.readIssues = current.issues;
    return record;
  } finally {
    current = previous;
  }
}

/**
 * Control characters other than tab, line feed and carriage return (NUL included) and DEL removed;
 * the placeholders the reply parser put for them (U+E000 + code) too. Returns the raw text shown
 * with escapes, or null when there was nothing to remove.
 */
function stripControls(raw: string): { value: string; shown: string } | null {
  let value = '';
  let shown = '';
  let found = false;
  for (const ch of raw) {
    const code = ch.charCodeAt(0);
    const original = code >= 0xe000 && code <= 0xe01f ? code - 0xe000 : code;
    if (isControlCode(original)) {
      found = true;
      shown += `\\u${original.toString(16).padStart(4, '0')}`;
      continue;
    }
    value += ch;
    shown += ch;
  }
  return found ? { value, shown } : null;
}

/** A text field of the record in reading: control characters removed (with a warning), encoding noted. */
function field(node: XmlNode, name: string): string {
  const raw = rawField(node, name);
  const stripped = stripControls(raw);
  const value = stripped ? stripped.value : raw;
  if (!current) return value;
  if (stripped) {
    current.issues.push({
      field: name,
      raw: stripped.shown,
      severity: 'warning',
      message: `${name}: control characters were removed ("${stripped.shown}" is sent as "${value}"). Remove them in Specter.`,
    });
  }
  if (encodingNote && !current.encodingWarned && hasNonAscii(value)) {
    current.encodingWarned = true;
    current.issues.push({ field: name, raw: value, severity: 'warning', message: `${name}: ${encodingNote}` });
  }
  return value;
}

function hasNonAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return true;
  return false;
}

function label(what: string): string {
  return current && what.startsWith(current.prefix) ? what.slice(current.prefix.length) : what;
}

/** A decimal of the record in reading; unreadable → a read issue (the record becomes invalid) and null. */
function decimal(raw: string, what: string): number | null {
  try {
    return parseDecimal(raw, what);
  } catch (error) {
    if (!current || !(error instanceof SpecterParseError)) throw error;
    const name = label(what);
    current.issues.push({
      field: name,
      raw,
      severity: 'error',
      message: `${name}: "${raw}" is not a number. Correct it in Specter: digits with a decimal comma or point, no thousands separator, no exponent.`,
    });
    return null;
  }
}

function requiredDecimal(raw: string, what: string): number {
  return decimal(raw, what) ?? 0;
}

function readSupplierRef(node: XmlNode, what: string): SpecterSupplierRef {
  return {
    supplierNo: field(node, XML_ARTICLE.supplierNo),
    supplierName: field(node, XML_ARTICLE.supplierName),
    supplierArticleNo: field(node, XML_ARTICLE.supplierArticleNo),
    supplierBuyPrice: decimal(field(node, XML_ARTICLE.supplierBuyPrice), `${what} supplierBuyPrice`),
    isDefault: field(node, XML_ARTICLE.isDefault) === '1',
  };
}

export function readArticle(node: XmlNode): SpecterArticle {
  return collect(
    () => readArticleFields(node),
    () => `article ${field(node, XML_ARTICLE.articleNo) || '(no article number)'}`,
  );
}

function readArticleFields(node: XmlNode): SpecterArticle {
  const articleNo = field(node, XML_ARTICLE.articleNo);
  const what = `article ${articleNo || '(no article number)'}`;
  return {
    articleId: field(node, XML_ARTICLE.articleId),
    articleNo,
    name: field(node, XML_ARTICLE.name),
    articleComment: field(node, XML_ARTICLE.articleComment),
    articleGroup: field(node, XML_ARTICLE.articleGroup),
    barCode: field(node, XML_ARTICLE.barCode),
    suppliers: children(child(node, XML_ARTICLE.suppliers), XML_ARTICLE.supplier).map((s) => readSupplierRef(s, what)),
    manufacturingCountryCode: field(node, XML_ARTICLE.manufacturingCountryCode),
    commodityCode: field(node, XML_ARTICLE.commodityCode),
    buyPrice: decimal(field(node, XML_ARTICLE.buyPrice), `${what} buyPrice`),
    priceExclVat: decimal(field(node, XML_ARTICLE.priceExclVat), `${what} priceExclVat`),
    stockPrice: decimal(field(node, XML_ARTICLE.stockPrice), `${what} stockPrice`),
    vatPercent: decimal(field(node, XML_ARTICLE.vatPercent), `${what} vatPercent`),
    productVolume: decimal(field(node, XML_ARTICLE.productVolume), `${what} productVolume`),
    productWeight: decimal(field(node, XML_ARTICLE.productWeight), `${what} productWeight`),
    lastChanged: field(node, XML_ARTICLE.lastChanged),
  };
}

export function readArticles(body: XmlNode): SpecterArticle[] {
  return children(child(body, XML_ARTICLE.list), XML_ARTICLE.item).map(readArticle);
}

function readAddress(node: XmlNode | undefined): SpecterAddress {
  const n = node ?? {};
  return {
    attention: field(n, XML_ADDRESS.attention),
    companyName: field(n, XML_ADDRESS.companyName),
    address: field(n, XML_ADDRESS.address),
    address2: field(n, XML_ADDRESS.address2),
    address3: field(n, XML_ADDRESS.address3),
    zipCode: field(n, XML_ADDRESS.zipCode),
    city: field(n, XML_ADDRESS.city),
    countryCode: field(n, XML_ADDRESS.countryCode),
  };
}

function readCustomer(node: XmlNode | undefined, fallbackId: string): SpecterCustomer {
  const n = node ?? {};
  const form = field(n, XML_CUSTOMER.organizationalForm);
  return {
    ...(form ? { organizationalForm: form } : {}),
    customerId: field(n, XML_CUSTOMER.customerId) || fallbackId,
    firstName: field(n, XML_CUSTOMER.firstName),
    surName: field(n, XML_CUSTOMER.surName),
    name: field(n, XML_CUSTOMER.name),
    orgNo: field(n, XML_CUSTOMER.orgNo),
    vatNo: field(n, XML_CUSTOMER.vatNo),
    phoneNo: field(n, XML_CUSTOMER.phoneNo),
    mobileNo: field(n, XML_CUSTOMER.mobileNo),
    emailAddress: field(n, XML_CUSTOMER.emailAddress),
    invoiceAddress: readAddress(child(n, XML_CUSTOMER.invoiceAddress)),
    deliveryAddress: readAddress(child(n, XML_CUSTOMER.deliveryAddress)),
  };
}

function readStatus(raw: string, what: string): SpecterDeliveryStatus {
  const upper = raw.toUpperCase();
  if (upper === 'N' || upper === 'P' || upper === 'D') return upper;
  if (upper === '') return 'N';
  const message = `unknown delivery status "${raw}" (expected N, P or D). Set the delivery status in Specter.`;
  if (!current) throw new SpecterParseError(`${what}: ${message}`);
  current.issues.push({ field: 'deliveryStatus', raw, severity: 'error', message: `Delivery status: ${message}` });
  return 'N';
}

function readDeliveries(node: XmlNode): SpecterDeliveryRecord[] {
  return children(child(node, XML_ORDER.deliveries), XML_ORDER.delivery).map((d) => ({
    deliveryId: field(d, XML_DELIVERY.deliveryId),
    deliveryDate: field(d, XML_DELIVERY.deliveryDate),
    trackingNo: field(d, XML_DELIVERY.trackingNo),
    invoiceId: field(d, XML_DELIVERY.invoiceId),
    reference: field(d, XML_DELIVERY.reference),
  }));
}

function readOrderRow(node: XmlNode, orderWhat: string): SpecterOrderRow {
  const rowNo = field(node, XML_ROW.rowNo);
  const what = `${orderWhat} row ${rowNo || '?'}`;
  return {
    rowId: field(node, XML_ROW.rowId),
    rowNo,
    articleNo: field(node, XML_ROW.articleNo),
    articleName: field(node, XML_ROW.articleName),
    noOfItems: requiredDecimal(field(node, XML_ROW.noOfItems), `${what} noOfItems`),
    noOfItems2: decimal(field(node, XML_ROW.noOfItems2), `${what} noOfItems2`),
    deliveredNoOfItems: requiredDecimal(field(node, XML_ROW.deliveredNoOfItems), `${what} deliveredNoOfItems`),
    priceExclVat: decimal(field(node, XML_ROW.priceExclVat), `${what} priceExclVAT`),
    vatPercent: decimal(field(node, XML_ROW.vatPercent), `${what} vatPercent`),
    rowSumExclVat: decimal(field(node, XML_ROW.rowSumExclVat), `${what} rowSumExclVAT`),
    rowSumVat: decimal(field(node, XML_ROW.rowSumVat), `${what} rowSumVAT`),
  };
}

export function readOrder(node: XmlNode): SpecterOrder {
  return collect(
    () => readOrderFields(node),
    () => `order ${field(node, XML_ORDER.orderId) || field(node, XML_ORDER.orderNo) || '(no id)'}`,
  );
}

function readOrderFields(node: XmlNode): SpecterOrder {
  const orderId = field(node, XML_ORDER.orderId) || field(node, XML_ORDER.orderNo);
  const what = `order ${orderId || '(no id)'}`;
  const status = child(node, XML_ORDER.status) ?? {};
  const customerId = field(node, XML_ORDER.customerId);
  return {
    orderId,
    orderNo: field(node, XML_ORDER.orderNo),
    externalOrderNo: field(node, XML_ORDER.externalOrderNo),
    customerId,
    currency: field(node, XML_ORDER.currency),
    deliveryDate: field(node, XML_ORDER.deliveryDate),
    lastChanged: field(node, XML_ORDER.lastChanged),
    stockSiteId: field(node, XML_ORDER.stockSiteId),
    deliveryStatus: readStatus(field(status, XML_ORDER.deliveryStatus), what),
    statusId: field(status, XML_ORDER.statusId),
    customerReference: field(node, XML_ORDER.customerReference),
    customerOrderReference: field(node, XML_ORDER.customerOrderReference),
    internalComment: field(node, XML_ORDER.internalComment),
    publishedComment: field(node, XML_ORDER.publishedComment),
    notifyDeliveryByMobile: field(node, XML_ORDER.notifyDeliveryByMobile) === '1',
    notifyDeliveryMobileNo: field(node, XML_ORDER.notifyDeliveryMobileNo),
    preparedShipmentId: field(node, XML_ORDER.preparedShipmentId),
    agentNo: field(node, XML_ORDER.agentNo),
    bulkId: field(node, XML_ORDER.bulkId),
    customer: readCustomer(child(node, XML_CUSTOMER.item), customerId),
    rows: children(child(node, XML_ORDER.rows), XML_ORDER.row).map((r) => readOrderRow(r, what)),
    deliveries: readDeliveries(node),
  };
}

export function readOrders(body: XmlNode): SpecterOrder[] {
  return children(child(body, XML_ORDER.list), XML_ORDER.item).map(readOrder);
}

function readSupplier(node: XmlNode | undefined): SpecterSupplier {
  const n = node ?? {};
  return {
    supplierNo: field(n, XML_PURCHASE.supplierNo),
    name: field(n, XML_PURCHASE.supplierName),
    address: field(n, XML_ADDRESS.address),
    address2: field(n, XML_ADDRESS.address2),
    address3: field(n, XML_ADDRESS.address3),
    zipCode: field(n, XML_ADDRESS.zipCode),
    city: field(n, XML_ADDRESS.city),
    countryCode: field(n, XML_ADDRESS.countryCode),
    phoneNo: field(n, XML_PURCHASE.phoneNo),
    emailAddress: field(n, XML_PURCHASE.emailAddress),
  };
}

function readPurchaseRow(node: XmlNode, purchaseWhat: string): SpecterPurchaseRow {
  const rowId = field(node, XML_ROW.rowId);
  const what = `${purchaseWhat} row ${rowId || '?'}`;
  return {
    rowId,
    rowNo: field(node, XML_ROW.rowNo),
    articleNo: field(node, XML_ROW.articleNo),
    noOfItems: requiredDecimal(field(node, XML_ROW.noOfItems), `${what} noOfItems`),
    receivedNoOfItems: requiredDecimal(field(node, XML_ROW.deliveredNoOfItems), `${what} deliveredNoOfItems`),
    rowSumExclVat: decimal(field(node, XML_ROW.rowSumExclVat), `${what} rowSumExclVAT`),
    rowSumVat: decimal(field(node, XML_ROW.rowSumVat), `${what} rowSumVAT`),
  };
}

export function readPurchase(node: XmlNode): SpecterPurchase {
  return collect(
    () => readPurchaseFields(node),
    () => `purchase ${field(node, XML_PURCHASE.purchaseId) || '(no id)'}`,
  );
}

function readPurchaseFields(node: XmlNode): SpecterPurchase {
  const purchaseId = field(node, XML_PURCHASE.purchaseId);
  const what = `purchase ${purchaseId || '(no id)'}`;
  const status = child(node, XML_ORDER.status) ?? {};
  return {
    purchaseId,
    purchaseNo: field(node, XML_PURCHASE.purchaseNo),
    orderDate: field(node, XML_PURCHASE.orderDate),
    deliveryOutDate: field(node, XML_PURCHASE.deliveryOutDate),
    lastChanged: field(node, XML_PURCHASE.lastChanged),
    stockSiteId: field(node, XML_PURCHASE.stockSiteId),
    currency: field(node, XML_PURCHASE.currency),
    deliveryStatus: readStatus(field(status, XML_ORDER.deliveryStatus), what),
    statusId: field(status, XML_ORDER.statusId),
    supplier: readSupplier(child(node, XML_PURCHASE.supplier)),
    rows: children(child(node, XML_ORDER.rows), XML_ORDER.row).map((r) => readPurchaseRow(r, what)),
    deliveries: readDeliveries(node),
  };
}

export function readPurchases(body: XmlNode): SpecterPurchase[] {
  return children(child(body, XML_PURCHASE.list), XML_PURCHASE.item).map(readPurchase);
}

/** Stock levels of every site in a stock reply; `noItemsInStock` falls back to `noItemsAv`. */
export function readStock(body: XmlNode): SpecterStockLevel[] {
  const levels: SpecterStockLevel[] = [];
  for (const site of children(child(body, XML_STOCK.root), XML_STOCK.site)) {
    const stockSiteId = field(site, XML_STOCK.siteId);
    for (const article of children(child(site, XML_STOCK.list), XML_STOCK.item)) {
      const articleNo = field(article, XML_STOCK.articleNo);
      const what = `stock site ${stockSiteId} article ${articleNo}`;
      const physical =
        article[XML_STOCK.noItemsInStock] !== undefined || article[ATTR + XML_STOCK.noItemsInStock] !== undefined;
      const raw = physical ? field(article, XML_STOCK.noItemsInStock) : field(article, XML_STOCK.noItemsAv);
      levels.push({ stockSiteId, articleNo, noItemsInStock: parseDecimal(raw, what) });
    }
  }
  return levels;
}
