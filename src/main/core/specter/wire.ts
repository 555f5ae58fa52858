/**
 * Every Specter wire name the client uses, in one place: scripts, actions, parameters, XML element
 * and attribute names, envelope codes and the "primary value per action" table used for the request
 * key. The Specter simulator keeps its own copy (src/main/simulators/specter/protocol.ts) on purpose:
 * the recorded exchanges in tests/wire/specter/ check that both sides still speak the same protocol.
 * A correction from Specter's partner documentation changes this file, the simulator's copy,
 * docs/specter-api.md and the recorded exchanges together.
 *
 * Tags (see docs/specter-api.md):
 *   // CODE        seen in public client code calling api.specter.se
 *   // DOC         written in a public document
 *   // ASSUMPTION  unknown; a proposal that must be confirmed against Specter's documentation
 */

// ---------------------------------------------------------------------------------------------
// Scripts and transport
// ---------------------------------------------------------------------------------------------

export const SCRIPT = {
  /** Reads and batch acknowledgements. */
  getInfo: 'getInfo.asp', // CODE
  /** Writes. */
  putInfo: 'putInfo.asp', // CODE
} as const;

export type SpecterScript = (typeof SCRIPT)[keyof typeof SCRIPT];

/** Values of the `useXML` parameter. */
export const USE_XML = {
  /** Plain text `result;id;message` reply (writes). */
  text: '1', // CODE
  /** XML reply with `<APIresponse>`. */
  xml: '2', // CODE
} as const;

/** The character set of every request value and every reply. */
export const WIRE_CHARSET = 'ISO-8859-1'; // CODE (utf8_decode/utf8_encode in C1) -> INF
export const XML_PROLOG = `<?xml version="1.0" encoding="${WIRE_CHARSET}"?>`; // ASSUMPTION
export const FORM_CONTENT_TYPE = `application/x-www-form-urlencoded; charset=${WIRE_CHARSET}`;

/** Timestamps (last change) are `yyyy-MM-dd HH:mm:ss`, Stockholm local time, no offset. */
export const TIMESTAMP_TIME_ZONE = 'Europe/Stockholm'; // ASSUMPTION
/** A change time later than anything Specter holds: a list from here is empty (cheap auth check). */
export const FAR_FUTURE_TIMESTAMP = '9999-12-31 23:59:59'; // ASSUMPTION (format)

/** Literal Specter sends instead of a quantity when an article has no stock record. */
export const NO_ITEMS_AVAILABLE = 'noItemsAvailable'; // CODE

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

export const ACTION = {
  // Batch change feeds on getInfo.asp
  articleFeed: 'getArticleInfoExternalNeedUpdate', // CODE
  articleFeedAck: 'updateArticleInfosFromBatch', // CODE
  stockFeed: 'getArticleExternalNeedUpdate', // CODE
  stockFeedAck: 'updateArticlesFromBatch', // CODE
  orderFeed: 'getOrdersExternalNeedUpdate', // CODE
  orderFeedAck: 'updateOrdersFromBatch', // CODE

  // Plain reads on getInfo.asp
  getOrders: 'getOrders', // ASSUMPTION
  getOrder: 'getOrder', // ASSUMPTION
  getPurchases: 'getPurchases', // ASSUMPTION
  getPurchase: 'getPurchase', // ASSUMPTION
  getArticles: 'getArticles', // ASSUMPTION
  getStock: 'getStock', // ASSUMPTION

  // Writes on putInfo.asp
  newOrderSubmit: 'newOrderSubmit', // CODE
  newArticleSubmit: 'newArticleSubmit', // CODE
  newCustomerSubmit: 'newCustomerSubmit', // CODE
  deliverySubmit: 'deliverySubmit', // ASSUMPTION
  purchaseDeliverySubmit: 'purchaseDeliverySubmit', // ASSUMPTION
  stockUpdateSubmit: 'stockUpdateSubmit', // ASSUMPTION
} as const;

export type SpecterAction = (typeof ACTION)[keyof typeof ACTION];

/** A batch change feed: the read action and its acknowledgement. */
export interface BatchFeedNames {
  read: SpecterAction;
  ack: SpecterAction;
}

export const BATCH_FEED = {
  articles: { read: ACTION.articleFeed, ack: ACTION.articleFeedAck },
  stock: { read: ACTION.stockFeed, ack: ACTION.stockFeedAck },
  orders: { read: ACTION.orderFeed, ack: ACTION.orderFeedAck },
} as const satisfies Record<string, BatchFeedNames>;

export type BatchFeedName = keyof typeof BATCH_FEED;

/** Which script serves an action. */
export function scriptForAction(action: string): SpecterScript {
  const writes: readonly string[] = [
    ACTION.newOrderSubmit,
    ACTION.newArticleSubmit,
    ACTION.newCustomerSubmit,
    ACTION.deliverySubmit,
    ACTION.purchaseDeliverySubmit,
    ACTION.stockUpdateSubmit,
  ];
  return writes.includes(action) ? SCRIPT.putInfo : SCRIPT.getInfo;
}

// ---------------------------------------------------------------------------------------------
// Parameters (Specter matches names case-insensitively; these are the spellings the client sends)
// ---------------------------------------------------------------------------------------------

export const PARAM = {
  // Sent on every call
  action: 'action', // CODE (clients send both Action and action)
  sbmId: 'sbmId', // CODE
  apiUserId: 'apiUserId', // CODE
  key: 'key', // CODE
  useXML: 'useXML', // CODE

  // Batch feeds
  batchNo: 'batchNo', // CODE
  getMultipleStocksites: 'getMultipleStocksites', // CODE

  // List reads
  changedFrom: 'changedFrom', // ASSUMPTION
  deliveryStatus: 'deliveryStatus', // ASSUMPTION
  stockSiteId: 'stockSiteId', // CODE (as `stocksiteid` on newOrderSubmit)
  /** Stock read paging: only articles whose number sorts after this one. */
  afterArticleNo: 'afterArticleNo', // ASSUMPTION
  purchaseId: 'purchaseId', // ASSUMPTION

  // Delivery submit / purchase delivery submit
  orderId: 'orderId', // ASSUMPTION (for these actions)
  deliveryDate: 'deliveryDate', // DOC (S5, yyyy-MM-dd)
  packetNo: 'packetNo', // ASSUMPTION
  sendDeliveryEmail: 'sendDeliveryEmail', // ASSUMPTION
  createInvoice: 'createInvoice', // ASSUMPTION
  sendEmail: 'sendEmail', // ASSUMPTION
  /**
   * A reference text stored on the delivery and read back on the order's/purchase's deliveries
   * (XML_DELIVERY.reference). The outbox sends each posting's idempotency key in it, so that a send
   * without a clear answer can be matched to the delivery it created.
   */
  reference: 'deliveryReference', // ASSUMPTION

  // Row fields (sent with the `_N` suffix, see rowParam)
  rowNo: 'rowNo', // ASSUMPTION
  rowId: 'rowId', // ASSUMPTION
  noOfItems: 'noOfItems', // CODE
  articleNo: 'articleNo', // CODE
  noItemsInStock: 'noItemsInStock', // CODE (newArticleSubmit)

  // Other writes
  customerId: 'customerId', // CODE
  name: 'name', // CODE
  firstName: 'firstName', // CODE
  surName: 'surName', // CODE
} as const;

/** Row parameter name with Specter's 1-based `_N` suffix: rowParam('articleNo', 1) → 'articleNo_1'. */
export function rowParam(name: string, rowNumber: number): string {
  if (!Number.isInteger(rowNumber) || rowNumber < 1) {
    throw new Error(`Specter row numbers start at 1; got ${rowNumber} for "${name}".`);
  }
  return `${name}_${rowNumber}`;
}

/** Most rows a write may carry in one call (C1 sends at most 100 articles per call). */
export const MAX_ROWS_PER_WRITE = 100; // CODE (client choice) -> ASSUMPTION as a server limit

/** Boolean flags on the wire. */
export const FLAG = { yes: '1', no: '0' } as const; // CODE

/**
 * What the delivery submit's and purchase delivery submit's `orderId` parameter carries. The
 * integration spec maps "Goods owner order number → Order id" for both submits, i.e. the order
 * number (orders) / purchase number (purchases) as users know it, not Specter's internal id.
 * 'number': SpecterDeliverySubmit.orderNo / SpecterPurchaseDeliverySubmit.purchaseNo;
 * 'internalId': SpecterDeliverySubmit.orderId / SpecterPurchaseDeliverySubmit.orderId.
 */
export const SUBMIT_ORDER_ID_CARRIES: 'number' | 'internalId' = 'number'; // DOC (integration spec) / ASSUMPTION (wire)

// ---------------------------------------------------------------------------------------------
// Key: the primary value per action
// ---------------------------------------------------------------------------------------------

/**
 * How the primary value of the key is taken from a call's parameters. `lookup` reads a parameter
 * by name (case-insensitively on the server). Returns undefined when the parameter is missing.
 */
export type PrimaryValueRule = {
  /** Parameter names shown in a "missing parameter" message. */
  params: readonly string[];
  pick: (lookup: (name: string) => string | undefined) => string | undefined;
};

const byParam = (name: string): PrimaryValueRule => ({ params: [name], pick: (lookup) => lookup(name) });

/** Customer name: company name, or "firstName surName"; trimmed, double spaces collapsed. */
const customerName: PrimaryValueRule = {
  params: [PARAM.name, PARAM.firstName, PARAM.surName],
  pick: (lookup) => {
    const company = lookup(PARAM.name)?.trim();
    const raw = company ? company : `${lookup(PARAM.firstName) ?? ''} ${lookup(PARAM.surName) ?? ''}`;
    const collapsed = raw.trim().split(' ').filter(Boolean).join(' ');
    return collapsed === '' ? undefined : collapsed;
  },
};

export const PRIMARY_VALUE: Record<SpecterAction, PrimaryValueRule> = {
  [ACTION.articleFeed]: byParam(PARAM.batchNo), // CODE
  [ACTION.articleFeedAck]: byParam(PARAM.batchNo), // CODE
  [ACTION.stockFeed]: byParam(PARAM.batchNo), // CODE
  [ACTION.stockFeedAck]: byParam(PARAM.batchNo), // CODE
  [ACTION.orderFeed]: byParam(PARAM.batchNo), // CODE
  [ACTION.orderFeedAck]: byParam(PARAM.batchNo), // CODE
  [ACTION.getOrders]: byParam(PARAM.changedFrom), // ASSUMPTION
  [ACTION.getPurchases]: byParam(PARAM.changedFrom), // ASSUMPTION
  [ACTION.getArticles]: byParam(PARAM.changedFrom), // ASSUMPTION
  [ACTION.getOrder]: byParam(PARAM.orderId), // ASSUMPTION
  [ACTION.getPurchase]: byParam(PARAM.purchaseId), // ASSUMPTION
  [ACTION.getStock]: byParam(PARAM.stockSiteId), // ASSUMPTION
  [ACTION.newOrderSubmit]: byParam(PARAM.customerId), // CODE
  [ACTION.newArticleSubmit]: byParam(rowParam(PARAM.articleNo, 1)), // CODE
  [ACTION.newCustomerSubmit]: customerName, // CODE
  [ACTION.deliverySubmit]: byParam(PARAM.orderId), // ASSUMPTION
  [ACTION.purchaseDeliverySubmit]: byParam(PARAM.orderId), // ASSUMPTION
  [ACTION.stockUpdateSubmit]: byParam(rowParam(PARAM.articleNo, 1)), // ASSUMPTION
};

export function isSpecterAction(action: string): action is SpecterAction {
  return Object.hasOwn(PRIMARY_VALUE, action);
}

// ---------------------------------------------------------------------------------------------
// Reply envelope
// ---------------------------------------------------------------------------------------------

/** Text envelope: `1;<id>;<message>` or `0;<code>;<message>`. */
export const TEXT_ENVELOPE = {
  separator: ';', // CODE
  ok: '1', // CODE
  failed: '0', // CODE
  /** Row separator of text list replies. */
  rowSeparator: '\r', // CODE
} as const;

export const XML_ENVELOPE = {
  root: 'response', // ASSUMPTION (clients never read it)
  apiResponse: 'APIresponse', // CODE
  result: 'result', // CODE
  code: 'code', // CODE
  message: 'message', // CODE
  id: 'id', // ASSUMPTION
  /** Invoice created by a delivery submit (XML replies only; the text reply carries it as the message). */
  invoiceId: 'invoiceId', // ASSUMPTION
  responseMaxLimit: 'responseMaxLimit', // CODE
} as const;

/** Error codes in the envelope. Only 99 has been seen; the rest are a proposal. */
export const ERROR_CODE = {
  ok: 0,
  invalidKey: 1, // ASSUMPTION (also used for an unknown apiUserId)
  unknownSbmId: 2, // ASSUMPTION
  missingParameter: 3, // ASSUMPTION
  unknownAction: 4, // ASSUMPTION
  notFound: 5, // ASSUMPTION
  invalidValue: 6, // ASSUMPTION
  batchOpen: 99, // CODE
} as const;

/** Codes that mean the credentials were refused. */
export const AUTH_ERROR_CODES: readonly number[] = [ERROR_CODE.invalidKey, ERROR_CODE.unknownSbmId];

/** The open-batch message; the old batch number is the text between the first pair of single quotes. */
export const batchOpenMessage = (oldBatchNo: string) => `Batch '${oldBatchNo}' is not finished`; // CODE (shape)
export const BATCH_QUOTE = "'"; // CODE

// The XML names of the records Specter sends (orders, purchases, articles, stock) live beside this
// file; they are part of the same wire module and are exported from here.
export * from './wire-records';
