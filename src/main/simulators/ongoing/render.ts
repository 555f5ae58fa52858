/** The GET models of the OpenAPI spec, rendered from the store. */
import type {
  GetArticleModel,
  GetOrderLine,
  GetOrderModel,
  GetPurchaseOrderLine,
  GetPurchaseOrderModel,
} from '../../../shared/ongoing/models';
import {
  type ArticleAnswerOverride,
  normalizeDateTime,
  type OngoingStore,
  round,
  type SimArticle,
  type SimOrder,
  type SimOrderLine,
  type SimPurchaseOrder,
  WAREHOUSE,
} from './store';
import { inventory } from './warehouse';

export function renderArticle(store: OngoingStore, article: SimArticle): GetArticleModel {
  const model = renderArticleModel(store, article);
  const override = store.articleOverrides.get(article.articleSystemId);
  return override ? applyOverride(model, override) : model;
}

/** The model with the override's raw values set and paths removed (a copy; the state is not touched). */
function applyOverride(model: GetArticleModel, override: ArticleAnswerOverride): GetArticleModel {
  const copy = structuredClone(model) as unknown as Record<string, unknown>;
  const parentOf = (path: string, create: boolean): [Record<string, unknown> | undefined, string] => {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let node: Record<string, unknown> | undefined = copy;
    for (const key of keys) {
      const next: unknown = node?.[key];
      if (next && typeof next === 'object') node = next as Record<string, unknown>;
      else if (create && node) node = node[key] = {};
      else node = undefined;
    }
    return [node, last];
  };
  for (const [path, value] of Object.entries(override.set ?? {})) {
    const [node, key] = parentOf(path, true);
    if (node) node[key] = value;
  }
  for (const path of override.remove ?? []) {
    const [node, key] = parentOf(path, false);
    if (node) delete node[key];
  }
  return copy as unknown as GetArticleModel;
}

function renderArticleModel(store: OngoingStore, article: SimArticle): GetArticleModel {
  const d = article.data;
  return {
    goodsOwner: { id: article.goodsOwnerId, name: store.goodsOwners.get(article.goodsOwnerId) ?? null },
    articleSystemId: article.articleSystemId,
    articleNumber: article.articleNumber,
    articleName: d.articleName ?? null,
    productCode: d.productCode ?? null,
    unitCode: d.unitCode ?? null,
    description: d.description ?? null,
    isStockArticle: d.isStockArticle ?? true,
    isActive: d.isActive ?? true,
    supplierInfo: d.supplierInfo
      ? {
          supplierArticleNumber: d.supplierInfo.supplierArticleNumber ?? null,
          supplierNumber: d.supplierInfo.supplierNumber ?? null,
          supplierName: d.supplierInfo.supplierName ?? null,
        }
      : null,
    barCodeInfo: d.barCodeInfo
      ? {
          barCode: d.barCodeInfo.barCode ?? null,
          barCodePackage: d.barCodeInfo.barCodePackage ?? null,
          barCodePallet: d.barCodeInfo.barCodePallet ?? null,
        }
      : null,
    quantityPerPackage: d.quantityPerPackage ?? null,
    quantityPerPallet: d.quantityPerPallet ?? null,
    weight: d.weight ?? null,
    length: d.length ?? null,
    width: d.width ?? null,
    height: d.height ?? null,
    volume: d.volume ?? null,
    purchasePrice: d.purchasePrice ?? null,
    stockValuationPrice: d.stockValuationPrice ?? null,
    customerPrice: d.customerPrice ?? null,
    purcaseCurrencyCode: d.purcaseCurrencyCode ?? null,
    countryOfOriginCode: d.countryOfOriginCode ?? null,
    statisticsNumber: d.statisticsNumber ?? null,
    articleGroup: d.articleGroup ?? null,
    articleCategory: d.articleCategory ?? null,
    articleColor: d.articleColor ?? null,
    articleSize: d.articleSize ?? null,
    netWeight: d.netWeight ?? null,
    stockLimit: d.stockLimit ?? null,
    minimumReorderQuantity: d.minimumReorderQuantity ?? null,
    customsDescription: d.customsDescription ?? null,
    additionalStatisticsNumber: d.additionalStatisticsNumber ?? null,
    linkToPicture: d.linkToPicture ?? null,
    inventoryInfo: inventory(store, article),
    articleDataLastUpdated: article.articleDataLastUpdated,
    articleKind: 'Standard',
    classes: [],
  };
}

export function renderOrder(store: OngoingStore, order: SimOrder): GetOrderModel {
  const d = order.data;
  const c = d.consignee;
  const lines: GetOrderLine[] = order.lines.map((line) => {
    const article = store.articles.get(line.articleSystemId);
    return {
      id: line.id,
      rowNumber: line.rowNumber,
      article: {
        articleSystemId: line.articleSystemId,
        articleNumber: line.articleNumber,
        articleName: article?.data.articleName ?? null,
        productCode: article?.data.productCode ?? null,
        articleKind: 'Standard',
      },
      comment: line.data.comment ?? null,
      orderedNumberOfItems: line.ordered,
      allocatedNumberOfItems: line.allocated,
      pickedNumberOfItems: line.picked,
      packedNumberOfItems: line.packed,
      reportedNumberOfItems: line.reported,
      shouldBePicked: line.data.shouldBePicked ?? true,
      pickedArticleItems: [],
      subOrderLines: [],
      serialNumber: line.data.serialNumber ?? null,
      lineTotalCustomsValue: line.data.lineTotalCustomsValue ?? null,
      batchNumber: line.data.batchNumber ?? null,
      reportedReturnedNumberOfItems: 0,
      returnedNumberOfItems: 0,
      lineType: line.data.lineType ?? null,
      prices: line.data.prices
        ? {
            linePrice: line.data.prices.linePrice ?? null,
            customerLinePrice: line.data.prices.customerLinePrice ?? null,
            currencyCode: line.data.prices.currencyCode ?? null,
            discountPercentage: line.data.prices.discountPercentage ?? null,
          }
        : null,
      customerArticleNumber: line.data.customerArticleNumber ?? null,
      externalId: line.data.externalId ?? null,
      deliveryDate: normalizeDateTime(line.data.deliveryDate),
      warehouseInstruction: line.data.warehouseInstruction ?? null,
      vat: line.data.vat ? { code: line.data.vat.code, percent: line.data.vat.percent } : null,
    };
  });
  const sum = (pick: (l: SimOrderLine) => number) => round(order.lines.reduce((s, l) => s + pick(l), 0));
  return {
    goodsOwner: { id: order.goodsOwnerId, name: store.goodsOwners.get(order.goodsOwnerId) ?? null },
    orderInfo: {
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      goodsOwnerOrderId: d.goodsOwnerOrderId ?? null,
      referenceNumber: d.referenceNumber ?? null,
      salesCode: d.salesCode ?? null,
      orderRemark: d.orderRemark ?? null,
      deliveryInstruction: d.deliveryInstruction ?? null,
      servicePointCode: d.servicePointCode ?? null,
      freeText1: d.freeText1 ?? null,
      freeText2: d.freeText2 ?? null,
      freeText3: d.freeText3 ?? null,
      orderType: d.orderType ?? null,
      wayOfDelivery: d.wayOfDelivery ?? null,
      deliveryDate: normalizeDateTime(d.deliveryDate) ?? d.deliveryDate,
      createdDate: order.createdDate,
      shippedTime: order.shippedTime,
      wayBill: order.wayBill,
      returnWayBill: null,
      orderStatus: { number: order.status, text: store.orderStatusText(order.status) },
      emailNotification: d.emailNotification ?? null,
      smsNotification: d.smsNotification ?? null,
      telephoneNotification: d.telephoneNotification ?? null,
      orderedNumberOfItems: sum((l) => l.ordered),
      allocatedNumberOfItems: sum((l) => l.allocated),
      pickedNumberOfItems: sum((l) => l.picked),
      preparedTransportDocumentId: d.preparedTransportDocumentId ?? null,
      warehouse: WAREHOUSE,
      termsOfDeliveryType: d.termsOfDeliveryType ?? null,
      customerPrice: d.customerPrice ?? null,
      consigneeOrderNumber: d.consigneeOrderNumber ?? null,
      warehouseInstruction: d.warehouseInstruction ?? null,
      marketPlace: d.marketPlace ?? null,
      pickingPriority: d.pickingPriority ?? null,
      freightPrice: d.freightPrice ?? null,
      invoiceUrl: d.invoiceUrl ?? null,
      orderFreeDateTime1: normalizeDateTime(d.orderFreeDateTime1),
    },
    consignee: {
      id: order.customerId,
      customerNumber: c.customerNumber ?? null,
      name: c.name ?? null,
      address1: c.address1 ?? null,
      address2: c.address2 ?? null,
      address3: c.address3 ?? null,
      postCode: c.postCode ?? null,
      city: c.city ?? null,
      countryCode: c.countryCode ?? null,
      countryStateCode: c.countryStateCode ?? null,
      remark: c.remark ?? null,
      doorCode: c.doorCode ?? null,
      advanced: c.advanced
        ? {
            telephoneNotification: c.advanced.telephoneNotification ?? null,
            emailNotification: c.advanced.emailNotification ?? null,
            smsNotification: c.advanced.smsNotification ?? null,
          }
        : null,
    },
    parcels: order.parcelIds.map((id) => ({
      id,
      parcelNumber: order.wayBill,
      isReturnParcel: false,
      tracking: { trackingUrl: order.tracking[0]?.trackingUrl ?? null },
    })),
    orderLines: lines,
    transporter: d.transporter
      ? { code: d.transporter.transporterCode ?? null, serviceCode: d.transporter.transporterServiceCode ?? null }
      : null,
    tracking: order.tracking.map((t) => ({ ...t })),
    classes: [],
    returnTracking: [],
  };
}

export function renderPurchaseOrder(store: OngoingStore, po: SimPurchaseOrder): GetPurchaseOrderModel {
  const d = po.data;
  const lines: GetPurchaseOrderLine[] = po.lines.map((line) => {
    const article = store.articles.get(line.articleSystemId);
    return {
      id: line.id,
      rowNumber: line.rowNumber,
      article: {
        articleSystemId: line.articleSystemId,
        articleNumber: line.articleNumber,
        articleName: article?.data.articleName ?? null,
        productCode: article?.data.productCode ?? null,
      },
      comment: line.data.comment ?? null,
      rowPrice: line.data.rowPrice ?? null,
      advisedNumberOfItems: line.advised,
      receivedNumberOfItems: line.received,
      reportedNumberOfItems: line.reported,
      articleItems: [],
      subPurchaseOrderLines: [],
      externalOrderLineId: line.data.externalOrderLineId ?? null,
      lineType: line.data.lineType ?? null,
      inDate: normalizeDateTime(line.data.inDate),
      textLines: [],
    };
  });
  return {
    goodsOwner: { id: po.goodsOwnerId, name: store.goodsOwners.get(po.goodsOwnerId) ?? null },
    supplierInfo: d.supplierInfo
      ? { supplierNumber: d.supplierInfo.supplierNumber ?? null, supplierName: d.supplierInfo.supplierName ?? null }
      : null,
    purchaseOrderInfo: {
      purchaseOrderId: po.purchaseOrderId,
      purchaseOrderNumber: po.purchaseOrderNumber,
      supplierOrderNumber: d.supplierOrderNumber ?? null,
      goodsOwnerReference: d.goodsOwnerReference ?? null,
      referenceNumber: d.referenceNumber ?? null,
      purchaseOrderStatus: { number: po.status, text: store.purchaseOrderStatusText(po.status) },
      purchaseOrderType: d.purchaseOrderType ?? null,
      inDate: normalizeDateTime(d.inDate),
      purchaseOrderRemark: d.purchaseOrderRemark ?? null,
      warehouse: WAREHOUSE,
      createdDate: po.createdDate,
      advanced: {
        orderDate: normalizeDateTime(d.advanced?.orderDate),
        advisedDate: normalizeDateTime(d.advanced?.advisedDate),
        arrivalDate: po.lastReceiveTime,
        container: d.advanced?.container ?? null,
        purchaseOrderIsReturnType: d.advanced?.purchaseOrderIsReturnType ?? false,
      },
      invoiceNumber: d.invoiceNumber ?? null,
    },
    purchaseOrderLines: lines,
    classes: [],
    textLines: [],
  };
}
