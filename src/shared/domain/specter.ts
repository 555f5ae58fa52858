/**
 * Specter records as the app sees them after the Specter client has parsed a reply.
 * Names are the product's own (camelCase, English); the wire names live only in
 * src/main/core/specter/wire.ts. Decimal numbers are already parsed (decimal comma tolerated).
 * Optional text fields are '' when Specter sent nothing.
 */

export interface SpecterSupplierRef {
  supplierNo: string;
  supplierName: string;
  supplierArticleNo: string;
  supplierBuyPrice: number | null;
  isDefault: boolean;
}

/** A value of a Specter record that could not be read as sent, found while reading the reply. */
export interface SpecterReadIssue {
  /** The Specter field, e.g. 'priceExclVAT' or 'rows[2].noOfItems'. */
  field: string;
  /** The value as Specter sent it. */
  raw: string;
  /** error: the record cannot be sent; warning: it was sent with the value cleaned. */
  severity: 'error' | 'warning';
  /** What is wrong and what to correct in Specter. */
  message: string;
}

export interface SpecterArticle {
  /** Specter's internal article id ("Article id" in the integration spec). */
  articleId: string;
  /** The business key ("Article no."). */
  articleNo: string;
  name: string;
  articleComment: string;
  articleGroup: string;
  barCode: string;
  suppliers: SpecterSupplierRef[];
  manufacturingCountryCode: string;
  commodityCode: string;
  buyPrice: number | null;
  priceExclVat: number | null;
  stockPrice: number | null;
  vatPercent: number | null;
  /** m³ */
  productVolume: number | null;
  /** kg */
  productWeight: number | null;
  /** Specter's last change time as sent (yyyy-MM-dd HH:mm:ss, Stockholm time), '' when unknown. */
  lastChanged: string;
  /** Values that could not be read as Specter sent them (the record is invalid on an error). */
  readIssues?: SpecterReadIssue[];
}

/** Delivery status of a Specter order or purchase: N = not delivered, P = partly, D = delivered. */
export type SpecterDeliveryStatus = 'N' | 'P' | 'D';

export interface SpecterAddress {
  attention: string;
  companyName: string;
  address: string;
  address2: string;
  address3: string;
  zipCode: string;
  city: string;
  countryCode: string;
}

export interface SpecterCustomer {
  customerId: string;
  firstName: string;
  surName: string;
  /** Company name; '' for a private person. */
  name: string;
  /** Specter's customer type: 'C' company, 'P' person; '' or absent when Specter does not say. */
  organizationalForm?: string;
  orgNo: string;
  vatNo: string;
  phoneNo: string;
  mobileNo: string;
  emailAddress: string;
  invoiceAddress: SpecterAddress;
  deliveryAddress: SpecterAddress;
}

export interface SpecterOrderRow {
  /** Specter's internal row id ("Row id"). */
  rowId: string;
  /** Row number within the order ("Row no"); delivery submits report rows by this. */
  rowNo: string;
  articleNo: string;
  /** Row text ("Description"). */
  articleName: string;
  noOfItems: number;
  /** Second quantity factor; Ongoing's number of items = noOfItems × noOfItems2 when noOfItems2 > 0. */
  noOfItems2: number | null;
  /** How many items of this row Specter already recorded as delivered. */
  deliveredNoOfItems: number;
  priceExclVat: number | null;
  vatPercent: number | null;
  rowSumExclVat: number | null;
  rowSumVat: number | null;
}

export interface SpecterOrder {
  /** Specter's internal order id: the id used by delivery submits. */
  orderId: string;
  /** The order number shown to users; Ongoing's goods owner order number. */
  orderNo: string;
  externalOrderNo: string;
  customerId: string;
  currency: string;
  /** yyyy-MM-dd or '' */
  deliveryDate: string;
  lastChanged: string;
  /** Values that could not be read as Specter sent them (the record is invalid on an error). */
  readIssues?: SpecterReadIssue[];
  stockSiteId: string;
  deliveryStatus: SpecterDeliveryStatus;
  /** Specter status id; 5 = deleted/cancelled. */
  statusId: string;
  customerReference: string;
  customerOrderReference: string;
  internalComment: string;
  publishedComment: string;
  notifyDeliveryByMobile: boolean;
  notifyDeliveryMobileNo: string;
  preparedShipmentId: string;
  agentNo: string;
  bulkId: string;
  customer: SpecterCustomer;
  rows: SpecterOrderRow[];
  /** Deliveries Specter has recorded for the order (always filled by the Specter client). */
  deliveries?: SpecterDeliveryRecord[];
}

/** A delivery (outbound) or a purchase delivery (inbound) that Specter has recorded. */
export interface SpecterDeliveryRecord {
  deliveryId: string;
  /** yyyy-MM-dd */
  deliveryDate: string;
  /** The packet/tracking number sent with the delivery submit; '' for none. */
  trackingNo: string;
  /** Invoice created with the delivery; '' for none. */
  invoiceId: string;
  /** The reference text sent with the submit; '' for none (or when Specter does not keep it). */
  reference?: string;
}

export interface SpecterSupplier {
  supplierNo: string;
  name: string;
  address: string;
  address2: string;
  address3: string;
  zipCode: string;
  city: string;
  countryCode: string;
  phoneNo: string;
  emailAddress: string;
}

export interface SpecterPurchaseRow {
  /** Specter's internal row id; purchase delivery submits report rows by this. */
  rowId: string;
  rowNo: string;
  articleNo: string;
  noOfItems: number;
  receivedNoOfItems: number;
  rowSumExclVat: number | null;
  rowSumVat: number | null;
}

export interface SpecterPurchase {
  purchaseId: string;
  purchaseNo: string;
  /** yyyy-MM-dd */
  orderDate: string;
  /** yyyy-MM-dd: expected arrival ("Delivery out date"). */
  deliveryOutDate: string;
  lastChanged: string;
  /** Values that could not be read as Specter sent them (the record is invalid on an error). */
  readIssues?: SpecterReadIssue[];
  stockSiteId: string;
  currency: string;
  deliveryStatus: SpecterDeliveryStatus;
  statusId: string;
  supplier: SpecterSupplier;
  rows: SpecterPurchaseRow[];
  /** Purchase deliveries Specter has recorded (always filled by the Specter client). */
  deliveries?: SpecterDeliveryRecord[];
}

/** Specter's stock for one article on one stock site. */
export interface SpecterStockLevel {
  stockSiteId: string;
  articleNo: string;
  /** null when Specter reports no stock record ("noItemsAvailable"). */
  noItemsInStock: number | null;
}

export interface SpecterDeliverySubmit {
  /** Specter's internal order id. */
  orderId: string;
  /** The order number (Ongoing's goods owner order number). */
  orderNo: string;
  /** Reference text stored on the delivery: the posting's idempotency key. */
  reference: string;
  /** yyyy-MM-dd */
  deliveryDate: string;
  rows: { rowNo: string; noOfItems: number }[];
  packetNo: string;
  sendDeliveryEmail: boolean;
  createInvoice: boolean;
}

export interface SpecterPurchaseDeliverySubmit {
  /** Specter purchase id. */
  orderId: string;
  /** The purchase number (Ongoing's goods owner order number). */
  purchaseNo: string;
  /** Reference text stored on the purchase delivery: the posting's idempotency key. */
  reference: string;
  deliveryDate: string;
  rows: { rowId: string; noOfItems: number }[];
  sendEmail: boolean;
}

/** Outcome of a Specter write ("1;id;message"). */
export interface SpecterWriteResult {
  id: string;
  message: string;
}

/**
 * The secrets and ids of one Specter API set-up. Only sbmId and apiUserId are ever sent; the two keys
 * are used only to compute each call's `key`.
 * API v2 set-ups: apiUserKey = ApiUserKey ("Nyckel"), integrationKey = IntegrationKey ("Nyckel2").
 * API v1 set-ups: put md5key1 in `apiUserKey` and md5key2 in `integrationKey` (same formula);
 * apiUserId may then be ''.
 */
export interface SpecterCredentials {
  sbmId: string;
  apiUserId: string;
  apiUserKey: string;
  integrationKey: string;
}
