import { XMLParser, XMLValidator } from 'fast-xml-parser';
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
  SpecterStockLevel,
  SpecterSupplier,
  SpecterSupplierRef,
} from '../../../shared/domain/specter';
import {
  NO_ITEMS_AVAILABLE,
  TEXT_ENVELOPE,
  XML_ADDRESS,
  XML_ARTICLE,
  XML_CUSTOMER,
  XML_DELIVERY,
  XML_ENVELOPE,
  XML_ORDER,
  XML_PURCHASE,
  XML_REPEATING,
  XML_ROW,
  XML_STOCK,
} from './wire';

/** Thrown when a reply cannot be understood; the client turns it into a RemoteError of kind 'protocol'. */
export class SpecterParseError extends Error {
  override name = 'SpecterParseError';
}

/** A parsed XML element: attributes are prefixed with '@_', text is '#text'. */
export type XmlNode = { [name: string]: unknown };

const ATTR = '@_';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => XML_REPEATING.has(name),
});

export interface SpecterEnvelope {
  ok: boolean;
  /** 0 on success; Specter's error code otherwise. */
  code: number;
  /** The id of a created object ('' when none). */
  id: string;
  message: string;
}

export type SpecterReply =
  | (SpecterEnvelope & { format: 'text' })
  | (SpecterEnvelope & {
      format: 'xml';
      /** The element holding the envelope and the payload. */
      body: XmlNode;
      responseMaxLimit: number | null;
      invoiceId: string;
    });

const PAYLOAD_ROOTS = [XML_ARTICLE.list, XML_ORDER.list, XML_PURCHASE.list, XML_STOCK.root];

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a child element or an attribute value ('' when absent). */
function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (isNode(value)) return textOf(value['#text']);
  return '';
}

/** A field that may come as an attribute or as a child element; the attribute wins. */
export function field(node: XmlNode, name: string): string {
  const attr = node[ATTR + name];
  if (attr !== undefined) return textOf(attr).trim();
  return textOf(node[name]).trim();
}

/** A child element (first one when repeated). */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  const value = node[name];
  const first = Array.isArray(value) ? value[0] : value;
  return isNode(first) ? first : undefined;
}

/** All child elements of a name. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isNode);
}

/**
 * Parse a Specter decimal: '.' or ',' as decimal separator, spaces as thousands separators,
 * '' and the literal noItemsAvailable as null. Anything else that is not a number → SpecterParseError
 * naming `what`.
 */
export function parseDecimal(raw: string, what: string): number | null {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed === NO_ITEMS_AVAILABLE) return null;
  const normalized = trimmed.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const value = Number(normalized);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalized) || !Number.isFinite(value)) {
    throw new SpecterParseError(`${what}: "${raw}" is not a number.`);
  }
  return value;
}

function requiredDecimal(raw: string, what: string): number {
  return parseDecimal(raw, what) ?? 0;
}

function parseText(text: string): SpecterReply {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const first = trimmed.indexOf(TEXT_ENVELOPE.separator);
  const second = first < 0 ? -1 : trimmed.indexOf(TEXT_ENVELOPE.separator, first + 1);
  const result = first < 0 ? '' : trimmed.slice(0, first);
  if (second < 0 || (result !== TEXT_ENVELOPE.ok && result !== TEXT_ENVELOPE.failed)) {
    throw new SpecterParseError(`The reply is neither Specter XML nor "result;id;message" text: ${preview(trimmed)}`);
  }
  const middle = trimmed.slice(first + 1, second);
  // The message runs to the end of the first line; later lines are rows of a text list.
  const rest = trimmed.slice(second + 1);
  const message = rest.split(/[\r\n]/)[0] ?? '';
  if (result === TEXT_ENVELOPE.ok) return { format: 'text', ok: true, code: 0, id: middle, message };
  const code = Number(middle);
  if (!Number.isInteger(code)) {
    throw new SpecterParseError(`The error reply has no numeric code: ${preview(trimmed)}`);
  }
  return { format: 'text', ok: false, code, id: '', message };
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `"${oneLine.slice(0, 80)}…"` : `"${oneLine}"`;
}

/** Parse an XML document; returns the parsed tree or throws SpecterParseError. */
export function parseXmlDocument(text: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new SpecterParseError(`The XML reply is malformed (${valid.err.msg}, line ${valid.err.line}).`);
  }
  const doc: unknown = parser.parse(text);
  if (!isNode(doc)) throw new SpecterParseError('The XML reply is empty.');
  return doc;
}

/** The encoding declared in an XML prolog ('' when none), read from the parsed tree. */
export function declaredXmlEncoding(doc: XmlNode): string {
  const decl = doc['?xml'];
  return isNode(decl) ? textOf(decl[`${ATTR}encoding`]).toLowerCase() : '';
}

function findBody(doc: XmlNode): XmlNode | undefined {
  const candidates: XmlNode[] = [doc];
  for (const [name, value] of Object.entries(doc)) {
    if (name.startsWith('?')) continue;
    if (isNode(value)) candidates.push(value);
  }
  return candidates.find(
    (node) => node[XML_ENVELOPE.apiResponse] !== undefined || PAYLOAD_ROOTS.some((p) => node[p] !== undefined),
  );
}

/** Read an XML reply from an already parsed tree. */
export function replyFromXml(doc: XmlNode): SpecterReply {
  const body = findBody(doc);
  if (!body) {
    const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? '(none)';
    throw new SpecterParseError(`The XML reply is not a Specter reply (root element <${root}>).`);
  }
  const env = child(body, XML_ENVELOPE.apiResponse);
  const limitRaw = field(body, XML_ENVELOPE.responseMaxLimit);
  const responseMaxLimit = limitRaw === '' ? null : parseDecimal(limitRaw, XML_ENVELOPE.responseMaxLimit);
  if (!env) {
    // A payload without an envelope: treat as success, as older clients do.
    return { format: 'xml', ok: true, code: 0, id: '', message: '', body, responseMaxLimit, invoiceId: '' };
  }
  const result = field(env, XML_ENVELOPE.result);
  if (result !== TEXT_ENVELOPE.ok && result !== TEXT_ENVELOPE.failed) {
    throw new SpecterParseError(`The reply's <${XML_ENVELOPE.result}> is "${result}", expected 1 or 0.`);
  }
  const codeRaw = field(env, XML_ENVELOPE.code);
  const code = codeRaw === '' ? 0 : Number(codeRaw);
  if (!Number.isInteger(code)) throw new SpecterParseError(`The reply's <${XML_ENVELOPE.code}> is "${codeRaw}".`);
  return {
    format: 'xml',
    ok: result === TEXT_ENVELOPE.ok,
    code,
    id: field(env, XML_ENVELOPE.id),
    message: field(env, XML_ENVELOPE.message),
    body,
    responseMaxLimit,
    invoiceId: field(env, XML_ENVELOPE.invoiceId),
  };
}

/**
 * Parse a reply already decoded to a string: XML (starts with '<') or the text envelope.
 * `reparse` lets the caller decode the bytes again when the XML prolog declares another encoding.
 */
export function parseSpecterReply(text: string, reparse?: (encoding: string) => string): SpecterReply {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') throw new SpecterParseError('The reply is empty.');
  if (!trimmed.startsWith('<')) return parseText(trimmed);
  let doc = parseXmlDocument(trimmed);
  const encoding = declaredXmlEncoding(doc);
  if (reparse && (encoding === 'utf-8' || encoding === 'utf8')) doc = parseXmlDocument(reparse('utf8').trimStart());
  return replyFromXml(doc);
}

/** Extract the old batch number from a code-99 message: the text between the first pair of single quotes. */
export function batchNoFromMessage(message: string, quote = "'"): string | null {
  const start = message.indexOf(quote);
  if (start < 0) return null;
  const end = message.indexOf(quote, start + 1);
  if (end < 0) return null;
  const value = message.slice(start + 1, end).trim();
  return value === '' ? null : value;
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

function readSupplierRef(node: XmlNode, what: string): SpecterSupplierRef {
  return {
    supplierNo: field(node, XML_ARTICLE.supplierNo),
    supplierName: field(node, XML_ARTICLE.supplierName),
    supplierArticleNo: field(node, XML_ARTICLE.supplierArticleNo),
    supplierBuyPrice: parseDecimal(field(node, XML_ARTICLE.supplierBuyPrice), `${what} supplierBuyPrice`),
    isDefault: field(node, XML_ARTICLE.isDefault) === '1',
  };
}

export function readArticle(node: XmlNode): SpecterArticle {
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
    buyPrice: parseDecimal(field(node, XML_ARTICLE.buyPrice), `${what} buyPrice`),
    priceExclVat: parseDecimal(field(node, XML_ARTICLE.priceExclVat), `${what} priceExclVat`),
    stockPrice: parseDecimal(field(node, XML_ARTICLE.stockPrice), `${what} stockPrice`),
    vatPercent: parseDecimal(field(node, XML_ARTICLE.vatPercent), `${what} vatPercent`),
    productVolume: parseDecimal(field(node, XML_ARTICLE.productVolume), `${what} productVolume`),
    productWeight: parseDecimal(field(node, XML_ARTICLE.productWeight), `${what} productWeight`),
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
  return {
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
  throw new SpecterParseError(`${what}: unknown delivery status "${raw}" (expected N, P or D).`);
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
    noOfItems2: parseDecimal(field(node, XML_ROW.noOfItems2), `${what} noOfItems2`),
    deliveredNoOfItems: requiredDecimal(field(node, XML_ROW.deliveredNoOfItems), `${what} deliveredNoOfItems`),
    priceExclVat: parseDecimal(field(node, XML_ROW.priceExclVat), `${what} priceExclVAT`),
    vatPercent: parseDecimal(field(node, XML_ROW.vatPercent), `${what} vatPercent`),
    rowSumExclVat: parseDecimal(field(node, XML_ROW.rowSumExclVat), `${what} rowSumExclVAT`),
    rowSumVat: parseDecimal(field(node, XML_ROW.rowSumVat), `${what} rowSumVAT`),
  };
}

export function readOrder(node: XmlNode): SpecterOrder {
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
    rowSumExclVat: parseDecimal(field(node, XML_ROW.rowSumExclVat), `${what} rowSumExclVAT`),
    rowSumVat: parseDecimal(field(node, XML_ROW.rowSumVat), `${what} rowSumVAT`),
  };
}

export function readPurchase(node: XmlNode): SpecterPurchase {
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
