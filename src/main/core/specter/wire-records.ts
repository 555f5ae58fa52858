/**
 * Specter wire names, part 2: the XML elements and attributes of the records Specter sends. Part of
 * the wire module (exported from wire.ts); each name is marked CODE, DOC or ASSUMPTION like the rest.
 */
// ---------------------------------------------------------------------------------------------
// XML payload names
// ---------------------------------------------------------------------------------------------

/** Articles (§4.1). Attributes are marked @ in comments; the rest are child elements. */
export const XML_ARTICLE = {
  list: 'articles', // CODE
  item: 'article', // CODE
  articleNo: 'articleNo', // CODE (element)
  name: 'name', // CODE (element)
  articleComment: 'articleComment', // ASSUMPTION (element)
  articleId: 'articleId', // ASSUMPTION (@)
  articleGroup: 'articleGroup', // ASSUMPTION (@)
  barCode: 'barCode', // CODE (@)
  buyPrice: 'buyPrice', // CODE (@)
  priceExclVat: 'priceExclVat', // CODE (@, read side spells Vat)
  stockPrice: 'stockPrice', // ASSUMPTION (@)
  vatPercent: 'vatPercent', // ASSUMPTION (@)
  productVolume: 'productVolume', // ASSUMPTION (@)
  productWeight: 'productWeight', // CODE (@)
  manufacturingCountryCode: 'manufacturingCountryCode', // ASSUMPTION (@)
  commodityCode: 'commodityCode', // ASSUMPTION (@)
  lastChanged: 'lastChanged', // ASSUMPTION (@)
  suppliers: 'suppliers', // ASSUMPTION (element)
  supplier: 'supplier', // ASSUMPTION (element)
  supplierNo: 'supplierNo', // CODE (@ on supplier)
  supplierName: 'supplierName', // CODE (@ on supplier)
  supplierArticleNo: 'supplierArticleNo', // CODE (@ on supplier)
  supplierBuyPrice: 'supplierBuyPrice', // CODE (@ on supplier)
  isDefault: 'isDefault', // ASSUMPTION (@ on supplier)
} as const;

/** Stock (§4.2 feed shape, reused by the full stock read). */
export const XML_STOCK = {
  root: 'stockChanges', // CODE
  site: 'stock', // CODE
  siteId: 'stockSiteId', // ASSUMPTION (@ on stock)
  siteName: 'name', // ASSUMPTION (@ on stock)
  list: 'articles', // CODE
  item: 'article', // CODE
  articleNo: 'articleNo', // CODE (element)
  noItemsAv: 'noItemsAv', // CODE (element, available)
  noItemsInStock: 'noItemsInStock', // ASSUMPTION (element, physical)
} as const;

/** Orders (§6.2, §4.3). */
export const XML_ORDER = {
  list: 'orders', // CODE
  item: 'order', // CODE
  orderId: 'orderId', // ASSUMPTION (@)
  orderNo: 'orderNo', // CODE (@)
  externalOrderNo: 'externalOrderNo', // CODE (@)
  customerId: 'customerId', // CODE (@)
  currency: 'currency', // CODE (@)
  deliveryDate: 'deliveryDate', // DOC (@)
  lastChanged: 'lastChanged', // ASSUMPTION (@)
  stockSiteId: 'stockSiteId', // ASSUMPTION (@)
  bulkId: 'bulkId', // ASSUMPTION (@)
  agentNo: 'agentNo', // ASSUMPTION (@)
  status: 'orderstatus', // CODE (element)
  deliveryStatus: 'deliveryStatus', // CODE (@ on orderstatus)
  statusId: 'statusId', // CODE (@ on orderstatus)
  customerReference: 'customerReference', // ASSUMPTION (element)
  customerOrderReference: 'customerOrderReference', // CODE (element)
  internalComment: 'internalComment', // CODE (element)
  publishedComment: 'publishedComment', // CODE (element)
  notifyDeliveryByMobile: 'notifyDeliveryByMobile', // CODE (element)
  notifyDeliveryMobileNo: 'notifyDeliveryMobileNo', // CODE (element)
  preparedShipmentId: 'preparedShipmentId', // CODE (element)
  rows: 'rows', // ASSUMPTION
  row: 'row', // ASSUMPTION
  deliveries: 'deliveries', // CODE
  delivery: 'delivery', // CODE
} as const;

/** Customer inside an order (§6.2). */
export const XML_CUSTOMER = {
  item: 'customer', // ASSUMPTION
  customerId: 'customerId', // CODE
  firstName: 'firstName', // CODE
  surName: 'surName', // CODE
  name: 'name', // CODE
  /** C = company, P = person: the name newCustomerSubmit takes (§4.6); its name on reads is assumed. */
  organizationalForm: 'customerOrganizationalForm', // ASSUMPTION
  orgNo: 'orgNo', // CODE
  vatNo: 'vatNo', // CODE
  phoneNo: 'phoneNo', // CODE
  mobileNo: 'mobileNo', // CODE
  emailAddress: 'emailAddress', // CODE
  invoiceAddress: 'invoiceAddress', // ASSUMPTION (element)
  deliveryAddress: 'deliveryAddress', // ASSUMPTION (element)
} as const;

/** Attributes of an address element (invoice or delivery address, supplier). */
export const XML_ADDRESS = {
  attention: 'attention', // CODE
  companyName: 'companyName', // ASSUMPTION
  address: 'address', // CODE
  address2: 'addressRow2', // CODE
  address3: 'addressRow3', // ASSUMPTION
  zipCode: 'zipCode', // ASSUMPTION (writes use zipCodeEng)
  city: 'city', // CODE
  countryCode: 'countryCode', // CODE
} as const;

/** Attributes of an order or purchase row. */
export const XML_ROW = {
  rowId: 'rowId', // ASSUMPTION
  rowNo: 'rowNo', // ASSUMPTION
  articleNo: 'articleNo', // CODE
  articleName: 'articleName', // CODE (element)
  noOfItems: 'noOfItems', // CODE
  noOfItems2: 'noOfItems2', // CODE
  /** Items already delivered (sales) or received (purchases). */
  deliveredNoOfItems: 'deliveredNoOfItems', // ASSUMPTION
  priceExclVat: 'priceExclVAT', // CODE (write-side spelling, reused)
  vatPercent: 'vatPercent', // CODE
  rowSumExclVat: 'rowSumExclVAT', // ASSUMPTION
  rowSumVat: 'rowSumVAT', // ASSUMPTION
} as const;

/** Attributes of a delivery recorded on an order or a purchase. */
export const XML_DELIVERY = {
  deliveryId: 'deliveryId', // ASSUMPTION
  trackingNo: 'trackingNo', // CODE
  deliveryDate: 'deliveryDate', // ASSUMPTION
  invoiceId: 'invoiceId', // ASSUMPTION
  /** The reference text sent with the submit (PARAM.reference); '' when none. */
  reference: 'reference', // ASSUMPTION
  updated: 'updated', // CODE (@ on deliveries)
} as const;

/** Purchases (§6.3). */
export const XML_PURCHASE = {
  list: 'purchases', // ASSUMPTION
  item: 'purchase', // ASSUMPTION
  purchaseId: 'purchaseId', // ASSUMPTION
  purchaseNo: 'purchaseNo', // ASSUMPTION
  orderDate: 'orderDate', // ASSUMPTION
  deliveryOutDate: 'deliveryOutDate', // ASSUMPTION
  lastChanged: 'lastChanged', // ASSUMPTION
  stockSiteId: 'stockSiteId', // ASSUMPTION
  currency: 'currency', // ASSUMPTION
  supplier: 'supplier', // ASSUMPTION (element)
  supplierNo: 'supplierNo', // CODE
  supplierName: 'name', // ASSUMPTION (@ on supplier)
  phoneNo: 'phoneNo', // ASSUMPTION
  emailAddress: 'emailAddress', // ASSUMPTION
} as const;

/** Element names that may repeat and must always be read as lists. */
export const XML_REPEATING = new Set<string>([
  XML_ARTICLE.item,
  XML_ARTICLE.supplier,
  XML_ORDER.item,
  XML_ORDER.row,
  XML_ORDER.delivery,
  XML_PURCHASE.item,
  XML_STOCK.site,
]);

/** Delivery status codes: N = not delivered, P = partly, D = delivered. */
export const DELIVERY_STATUS = { notDelivered: 'N', partly: 'P', delivered: 'D' } as const; // CODE (D) / DOC (N) / ASSUMPTION (P)
/** Order status id meaning deleted / cancelled. */
export const STATUS_ID_DELETED = '5'; // CODE
export const STATUS_ID_ACTIVE = '1'; // ASSUMPTION
