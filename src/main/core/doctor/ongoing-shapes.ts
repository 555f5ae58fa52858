/**
 * What the app expects in Ongoing's replies: every key the REST models document (checked against the
 * generated types at compile time, so an API update that adds a field fails type-checking here) and
 * the keys the app reads.
 */
import type {
  GetArticleInventoryInfo,
  GetArticleModel,
  GetOrderLine,
  GetOrderModel,
  GetOrderStatusModel,
  GetPurchaseOrderLine,
  GetPurchaseOrderModel,
} from '../../../shared/ongoing/models';
import type { components } from '../../../shared/ongoing/openapi-types';
import type { JsonShape } from './shape-check';

type Keys<T> = Record<keyof T, true>;
const keys = <T>(all: Keys<T>): string[] => Object.keys(all);

const ARTICLE_KEYS = keys<GetArticleModel>({
  goodsOwner: true,
  articleSystemId: true,
  articleNumber: true,
  articleName: true,
  productCode: true,
  unitCode: true,
  description: true,
  isStockArticle: true,
  isActive: true,
  supplierInfo: true,
  barCodeInfo: true,
  quantityPerPackage: true,
  quantityPerPallet: true,
  weight: true,
  length: true,
  width: true,
  height: true,
  volume: true,
  purchasePrice: true,
  stockValuationPrice: true,
  customerPrice: true,
  purcaseCurrencyCode: true,
  countryOfOriginCode: true,
  statisticsNumber: true,
  articleGroup: true,
  articleCategory: true,
  inventoryInfo: true,
  articleDataLastUpdated: true,
  articleKind: true,
  stockLimit: true,
  minimumReorderQuantity: true,
  netWeight: true,
  freeValues: true,
  subQuantityPerItem: true,
  classes: true,
  customsDescription: true,
  taricNumbersInfo: true,
  defaultLocationMaxNumberOfItems: true,
  defaultLocationStockLimit: true,
  linkToPicture: true,
  storageProperties: true,
  defaultLocation: true,
  minDaysToExpiryDateAllowedOnDelivery: true,
  articleColor: true,
  articleSize: true,
  additionalStatisticsNumber: true,
  customsExportConditions: true,
  articleNameTranslations: true,
  articleHandlingComments: true,
  storageClass: true,
});

const INVENTORY_KEYS = keys<GetArticleInventoryInfo>({
  numberOfItems: true,
  numberOfBookedItems: true,
  numberOfLockedItems: true,
  toReceiveNumberOfItems: true,
  allocatedNumberOfItems: true,
  lockedForSaleNumberOfItems: true,
  pickedToBeCollectedNumberOfItems: true,
  receivedToBeFinishedNumberOfItems: true,
  lastInDate: true,
  sellableNumberOfItems: true,
  totalStockValue: true,
  reported: true,
});

const ORDER_KEYS = keys<GetOrderModel>({
  goodsOwner: true,
  orderInfo: true,
  consignee: true,
  parcels: true,
  orderLines: true,
  transporter: true,
  returnTransporter: true,
  tracking: true,
  classes: true,
  shipmentInfo: true,
  returnTracking: true,
  advanced: true,
});

const ORDER_INFO_KEYS = keys<components['schemas']['GetOrderInfo']>({
  orderId: true,
  orderNumber: true,
  goodsOwnerOrderId: true,
  referenceNumber: true,
  salesCode: true,
  orderRemark: true,
  deliveryInstruction: true,
  servicePointCode: true,
  freeText1: true,
  freeText2: true,
  freeText3: true,
  orderType: true,
  wayOfDelivery: true,
  deliveryDate: true,
  createdDate: true,
  shippedTime: true,
  wayBill: true,
  returnWayBill: true,
  orderStatus: true,
  emailNotification: true,
  smsNotification: true,
  telephoneNotification: true,
  orderedNumberOfItems: true,
  allocatedNumberOfItems: true,
  pickedNumberOfItems: true,
  customsInfo: true,
  preparedTransportDocumentId: true,
  warehouse: true,
  termsOfDeliveryType: true,
  customerPrice: true,
  consigneeOrderNumber: true,
  warehouseInstruction: true,
  marketPlace: true,
  pickingPriority: true,
  productionCode: true,
  advanced: true,
  freightPrice: true,
  invoiceUrl: true,
  orderFreeDateTime1: true,
  sortLocation: true,
});

const ORDER_LINE_KEYS = keys<GetOrderLine>({
  id: true,
  rowNumber: true,
  article: true,
  comment: true,
  orderedNumberOfItems: true,
  allocatedNumberOfItems: true,
  pickedNumberOfItems: true,
  packedNumberOfItems: true,
  reportedNumberOfItems: true,
  shouldBePicked: true,
  pickedArticleItems: true,
  subOrderLines: true,
  serialNumber: true,
  lineTotalCustomsValue: true,
  batchNumber: true,
  reportedReturnedNumberOfItems: true,
  lineType: true,
  prices: true,
  customerArticleNumber: true,
  externalId: true,
  returnedNumberOfItems: true,
  freeValues: true,
  minDaysToExpiryDate: true,
  maxDaysToExpiryDate: true,
  deliveryDate: true,
  warehouseInstruction: true,
  vat: true,
  pickOrderInfo: true,
});

const PURCHASE_ORDER_KEYS = keys<GetPurchaseOrderModel>({
  goodsOwner: true,
  supplierInfo: true,
  purchaseOrderInfo: true,
  purchaseOrderLines: true,
  sellerInfo: true,
  classes: true,
  textLines: true,
});

const PURCHASE_ORDER_INFO_KEYS = keys<components['schemas']['GetPurchaseOrderInfo']>({
  purchaseOrderId: true,
  purchaseOrderNumber: true,
  supplierOrderNumber: true,
  goodsOwnerReference: true,
  referenceNumber: true,
  purchaseOrderStatus: true,
  purchaseOrderType: true,
  inDate: true,
  purchaseOrderRemark: true,
  warehouse: true,
  createdDate: true,
  advanced: true,
  freeValues: true,
  invoiceNumber: true,
  createdByUser: true,
});

const PURCHASE_ORDER_LINE_KEYS = keys<GetPurchaseOrderLine>({
  id: true,
  rowNumber: true,
  article: true,
  comment: true,
  rowPrice: true,
  advisedNumberOfItems: true,
  receivedNumberOfItems: true,
  reportedNumberOfItems: true,
  articleItems: true,
  subPurchaseOrderLines: true,
  externalOrderLineId: true,
  lineType: true,
  freeValues: true,
  inDate: true,
  textLines: true,
});

const STATUS_KEYS = keys<GetOrderStatusModel>({ number: true, text: true });

export const ARTICLE_SHAPE: JsonShape = {
  known: ARTICLE_KEYS,
  read: ['articleSystemId', 'articleNumber', 'inventoryInfo'],
  children: { inventoryInfo: { known: INVENTORY_KEYS, read: ['numberOfItems', 'pickedToBeCollectedNumberOfItems'] } },
};

export const ORDER_SHAPE: JsonShape = {
  known: ORDER_KEYS,
  read: ['orderInfo', 'orderLines', 'tracking'],
  children: {
    orderInfo: { known: ORDER_INFO_KEYS, read: ['orderId', 'orderNumber', 'goodsOwnerOrderId', 'orderStatus'] },
    orderLines: {
      known: ORDER_LINE_KEYS,
      read: ['id', 'rowNumber', 'article', 'orderedNumberOfItems', 'pickedNumberOfItems', 'reportedNumberOfItems'],
    },
  },
};

export const PURCHASE_ORDER_SHAPE: JsonShape = {
  known: PURCHASE_ORDER_KEYS,
  read: ['purchaseOrderInfo', 'purchaseOrderLines'],
  children: {
    purchaseOrderInfo: {
      known: PURCHASE_ORDER_INFO_KEYS,
      read: ['purchaseOrderId', 'purchaseOrderNumber', 'purchaseOrderStatus'],
    },
    purchaseOrderLines: {
      known: PURCHASE_ORDER_LINE_KEYS,
      read: ['id', 'rowNumber', 'article', 'advisedNumberOfItems', 'receivedNumberOfItems', 'reportedNumberOfItems'],
    },
  },
};

export const STATUSES_SHAPE: JsonShape = {
  known: ['orderStatuses'],
  read: ['orderStatuses'],
  children: { orderStatuses: { known: STATUS_KEYS, read: ['number', 'text'] } },
};
