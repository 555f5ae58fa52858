/**
 * The Specter protocol as the simulator speaks it: scripts, actions, parameters, XML names, envelope
 * codes and the key's primary value per action, written out literally.
 *
 * These names are deliberately NOT imported from the client (src/main/core/specter/wire.ts): a wrong
 * name on one side must make the conformance tests fail (tests/wire/specter/), not change both sides
 * at once. They follow docs/specter-api.md; when a name there is corrected, change the client's
 * wire.ts, this file and the recorded exchanges in the same reviewed commit.
 */

export const SCRIPT = { getInfo: 'getInfo.asp', putInfo: 'putInfo.asp' } as const;
export type SpecterScript = (typeof SCRIPT)[keyof typeof SCRIPT];

/** `useXML`: 1 = text `result;id;message`, 2 = XML. */
export const USE_XML = { text: '1', xml: '2' } as const;

export const WIRE_CHARSET = 'ISO-8859-1';
export const XML_PROLOG = '<?xml version="1.0" encoding="ISO-8859-1"?>';

/** Sent instead of a quantity when an article has no stock record. */
export const NO_ITEMS_AVAILABLE = 'noItemsAvailable';

export const ACTION = {
  articleFeed: 'getArticleInfoExternalNeedUpdate',
  articleFeedAck: 'updateArticleInfosFromBatch',
  stockFeed: 'getArticleExternalNeedUpdate',
  stockFeedAck: 'updateArticlesFromBatch',
  orderFeed: 'getOrdersExternalNeedUpdate',
  orderFeedAck: 'updateOrdersFromBatch',
  getOrders: 'getOrders',
  getOrder: 'getOrder',
  getPurchases: 'getPurchases',
  getPurchase: 'getPurchase',
  getArticles: 'getArticles',
  getStock: 'getStock',
  deliverySubmit: 'deliverySubmit',
  purchaseDeliverySubmit: 'purchaseDeliverySubmit',
  stockUpdateSubmit: 'stockUpdateSubmit',
} as const;
export type SimAction = (typeof ACTION)[keyof typeof ACTION];

export const BATCH_FEED = {
  articles: { read: ACTION.articleFeed, ack: ACTION.articleFeedAck },
  stock: { read: ACTION.stockFeed, ack: ACTION.stockFeedAck },
  orders: { read: ACTION.orderFeed, ack: ACTION.orderFeedAck },
} as const;
export type BatchFeedName = keyof typeof BATCH_FEED;

const WRITE_ACTIONS: readonly string[] = [
  ACTION.deliverySubmit,
  ACTION.purchaseDeliverySubmit,
  ACTION.stockUpdateSubmit,
];

/** The script that serves an action: writes on putInfo.asp, everything else on getInfo.asp. */
export function scriptForAction(action: SimAction): SpecterScript {
  return WRITE_ACTIONS.includes(action) ? SCRIPT.putInfo : SCRIPT.getInfo;
}

/** Parameter names (matched case-insensitively by the server). */
export const PARAM = {
  action: 'action',
  sbmId: 'sbmId',
  apiUserId: 'apiUserId',
  key: 'key',
  useXML: 'useXML',
  batchNo: 'batchNo',
  changedFrom: 'changedFrom',
  deliveryStatus: 'deliveryStatus',
  stockSiteId: 'stockSiteId',
  afterArticleNo: 'afterArticleNo',
  purchaseId: 'purchaseId',
  /** On deliverySubmit: the order NUMBER; on purchaseDeliverySubmit: the purchase NUMBER. On getOrder: the order id. */
  orderId: 'orderId',
  deliveryDate: 'deliveryDate',
  packetNo: 'packetNo',
  sendDeliveryEmail: 'sendDeliveryEmail',
  createInvoice: 'createInvoice',
  sendEmail: 'sendEmail',
  /** Stored on the delivery and read back as `<delivery reference="…">`. */
  deliveryReference: 'deliveryReference',
  rowNo: 'rowNo',
  rowId: 'rowId',
  noOfItems: 'noOfItems',
  articleNo: 'articleNo',
  noItemsInStock: 'noItemsInStock',
} as const;

/** `articleNo_1`: Specter's 1-based row suffix. */
export function rowParam(name: string, rowNumber: number): string {
  return `${name}_${rowNumber}`;
}

/** Most rows a write may carry. */
export const MAX_ROWS_PER_WRITE = 100;

export const FLAG = { yes: '1', no: '0' } as const;

/** The parameter whose value is the key's primary value, per action. */
export const PRIMARY_PARAM: Record<SimAction, string> = {
  [ACTION.articleFeed]: PARAM.batchNo,
  [ACTION.articleFeedAck]: PARAM.batchNo,
  [ACTION.stockFeed]: PARAM.batchNo,
  [ACTION.stockFeedAck]: PARAM.batchNo,
  [ACTION.orderFeed]: PARAM.batchNo,
  [ACTION.orderFeedAck]: PARAM.batchNo,
  [ACTION.getOrders]: PARAM.changedFrom,
  [ACTION.getPurchases]: PARAM.changedFrom,
  [ACTION.getArticles]: PARAM.changedFrom,
  [ACTION.getOrder]: PARAM.orderId,
  [ACTION.getPurchase]: PARAM.purchaseId,
  [ACTION.getStock]: PARAM.stockSiteId,
  [ACTION.deliverySubmit]: PARAM.orderId,
  [ACTION.purchaseDeliverySubmit]: PARAM.orderId,
  [ACTION.stockUpdateSubmit]: rowParam(PARAM.articleNo, 1),
};

export function isSimAction(action: string): action is SimAction {
  return Object.hasOwn(PRIMARY_PARAM, action);
}

/** Text envelope `1;<id>;<message>` / `0;<code>;<message>`. */
export const TEXT_ENVELOPE = { separator: ';', ok: '1', failed: '0' } as const;

export const XML_ENVELOPE = {
  root: 'response',
  apiResponse: 'APIresponse',
  result: 'result',
  code: 'code',
  message: 'message',
  id: 'id',
  invoiceId: 'invoiceId',
  responseMaxLimit: 'responseMaxLimit',
} as const;

export const ERROR_CODE = {
  invalidKey: 1,
  unknownSbmId: 2,
  missingParameter: 3,
  unknownAction: 4,
  notFound: 5,
  invalidValue: 6,
  batchOpen: 99,
} as const;

/** The open-batch message: the old batch number between single quotes. */
export const batchOpenMessage = (oldBatchNo: string) => `Batch '${oldBatchNo}' is not finished`;

export const XML_ARTICLE = {
  list: 'articles',
  item: 'article',
  articleNo: 'articleNo',
  name: 'name',
  articleComment: 'articleComment',
  articleId: 'articleId',
  articleGroup: 'articleGroup',
  barCode: 'barCode',
  buyPrice: 'buyPrice',
  priceExclVat: 'priceExclVat',
  stockPrice: 'stockPrice',
  vatPercent: 'vatPercent',
  productVolume: 'productVolume',
  productWeight: 'productWeight',
  manufacturingCountryCode: 'manufacturingCountryCode',
  commodityCode: 'commodityCode',
  lastChanged: 'lastChanged',
  suppliers: 'suppliers',
  supplier: 'supplier',
  supplierNo: 'supplierNo',
  supplierName: 'supplierName',
  supplierArticleNo: 'supplierArticleNo',
  supplierBuyPrice: 'supplierBuyPrice',
  isDefault: 'isDefault',
} as const;

export const XML_STOCK = {
  root: 'stockChanges',
  site: 'stock',
  siteId: 'stockSiteId',
  siteName: 'name',
  list: 'articles',
  item: 'article',
  articleNo: 'articleNo',
  noItemsAv: 'noItemsAv',
  noItemsInStock: 'noItemsInStock',
} as const;

export const XML_ORDER = {
  list: 'orders',
  item: 'order',
  orderId: 'orderId',
  orderNo: 'orderNo',
  externalOrderNo: 'externalOrderNo',
  customerId: 'customerId',
  currency: 'currency',
  deliveryDate: 'deliveryDate',
  lastChanged: 'lastChanged',
  stockSiteId: 'stockSiteId',
  bulkId: 'bulkId',
  agentNo: 'agentNo',
  status: 'orderstatus',
  deliveryStatus: 'deliveryStatus',
  statusId: 'statusId',
  customerReference: 'customerReference',
  customerOrderReference: 'customerOrderReference',
  internalComment: 'internalComment',
  publishedComment: 'publishedComment',
  notifyDeliveryByMobile: 'notifyDeliveryByMobile',
  notifyDeliveryMobileNo: 'notifyDeliveryMobileNo',
  preparedShipmentId: 'preparedShipmentId',
  rows: 'rows',
  row: 'row',
  deliveries: 'deliveries',
  delivery: 'delivery',
} as const;

export const XML_CUSTOMER = {
  item: 'customer',
  customerId: 'customerId',
  firstName: 'firstName',
  surName: 'surName',
  name: 'name',
  orgNo: 'orgNo',
  vatNo: 'vatNo',
  phoneNo: 'phoneNo',
  mobileNo: 'mobileNo',
  emailAddress: 'emailAddress',
  invoiceAddress: 'invoiceAddress',
  deliveryAddress: 'deliveryAddress',
} as const;

export const XML_ADDRESS = {
  attention: 'attention',
  companyName: 'companyName',
  address: 'address',
  address2: 'addressRow2',
  address3: 'addressRow3',
  zipCode: 'zipCode',
  city: 'city',
  countryCode: 'countryCode',
} as const;

export const XML_ROW = {
  rowId: 'rowId',
  rowNo: 'rowNo',
  articleNo: 'articleNo',
  articleName: 'articleName',
  noOfItems: 'noOfItems',
  noOfItems2: 'noOfItems2',
  deliveredNoOfItems: 'deliveredNoOfItems',
  priceExclVat: 'priceExclVAT',
  vatPercent: 'vatPercent',
  rowSumExclVat: 'rowSumExclVAT',
  rowSumVat: 'rowSumVAT',
} as const;

export const XML_DELIVERY = {
  deliveryId: 'deliveryId',
  trackingNo: 'trackingNo',
  deliveryDate: 'deliveryDate',
  invoiceId: 'invoiceId',
  reference: 'reference',
  updated: 'updated',
} as const;

export const XML_PURCHASE = {
  list: 'purchases',
  item: 'purchase',
  purchaseId: 'purchaseId',
  purchaseNo: 'purchaseNo',
  orderDate: 'orderDate',
  deliveryOutDate: 'deliveryOutDate',
  lastChanged: 'lastChanged',
  stockSiteId: 'stockSiteId',
  currency: 'currency',
  supplier: 'supplier',
  supplierNo: 'supplierNo',
  supplierName: 'name',
  phoneNo: 'phoneNo',
  emailAddress: 'emailAddress',
} as const;

/** Delivery status: N = not delivered, P = partly, D = delivered. */
export const DELIVERY_STATUS = { notDelivered: 'N', partly: 'P', delivered: 'D' } as const;
/** Order status id of a deleted / cancelled order. */
export const STATUS_ID_DELETED = '5';
