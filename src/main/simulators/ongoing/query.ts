/** The list filters of the GET endpoints for articles, orders and purchase orders. */
import {
  normalizeDateTime,
  type OngoingStore,
  type SimArticle,
  type SimOrder,
  type SimPurchaseOrder,
  time,
} from './store';

export interface OrderFilters {
  orderNumber?: string;
  orderNumbers?: string[];
  articleNumbers?: string[];
  orderStatusFrom?: number;
  orderStatusTo?: number;
  orderStatusChangedTimeFrom?: number;
  orderCreatedTimeFrom?: number;
  orderCreatedTimeTo?: number;
  shippedTimeFrom?: number;
  shippedTimeTo?: number;
  lastPickingTimeFrom?: number;
  onlyOrdersWithOrderLinesToReport?: boolean;
  orderIdFrom?: number;
  maxOrdersToGet?: number;
}

export interface PurchaseOrderFilters {
  purchaseOrderNumber?: string;
  purchaseOrderNumbers?: string[];
  articleNumbers?: string[];
  purchaseOrderStatusFrom?: number;
  purchaseOrderStatusTo?: number;
  purchaseOrderStatusChangedTimeFrom?: number;
  lastReceiveTimeFrom?: number;
  lastReceiveTimeTo?: number;
  inDateFrom?: number;
  inDateTo?: number;
  onlyPurchaseOrdersWithOrderLinesToReport?: boolean;
  purchaseOrderIdFrom?: number;
  maxPurchaseOrdersToGet?: number;
}

export interface ArticleFilters {
  articleNumber?: string;
  articleNumbers?: string[];
  productCode?: string;
  articleSystemIdFrom?: number;
  maxArticlesToGet?: number;
  onlyArticlesInStock?: boolean;
  articleDataLastUpdatedFrom?: number;
  stockInfoChangedFrom?: number;
}

/** Quantities per line, keyed by rowNumber. */

function page<T>(items: T[], idOf: (item: T) => number, from: number | undefined, max: number | undefined): T[] {
  const sorted = items.filter((i) => from === undefined || idOf(i) >= from).sort((a, b) => idOf(a) - idOf(b));
  return max !== undefined && max >= 0 ? sorted.slice(0, max) : sorted;
}

export function queryArticles(store: OngoingStore, goodsOwnerId: number, f: ArticleFilters): SimArticle[] {
  const list = [...store.articles.values()].filter((a) => {
    if (a.goodsOwnerId !== goodsOwnerId) return false;
    if (f.articleNumber !== undefined && a.articleNumber !== f.articleNumber) return false;
    if (f.articleNumbers && f.articleNumbers.length > 0 && !f.articleNumbers.includes(a.articleNumber)) return false;
    if (f.productCode !== undefined && a.data.productCode !== f.productCode) return false;
    if (f.onlyArticlesInStock && a.numberOfItems <= 0) return false;
    if (f.articleDataLastUpdatedFrom !== undefined && time(a.articleDataLastUpdated) < f.articleDataLastUpdatedFrom)
      return false;
    if (f.stockInfoChangedFrom !== undefined && time(a.stockInfoChanged) < f.stockInfoChangedFrom) return false;
    return true;
  });
  return page(list, (a) => a.articleSystemId, f.articleSystemIdFrom, f.maxArticlesToGet);
}

export function queryOrders(store: OngoingStore, goodsOwnerId: number, f: OrderFilters): SimOrder[] {
  const list = [...store.orders.values()].filter((o) => {
    if (o.goodsOwnerId !== goodsOwnerId) return false;
    if (f.orderNumber !== undefined && o.orderNumber !== f.orderNumber) return false;
    if (f.orderNumbers && f.orderNumbers.length > 0 && !f.orderNumbers.includes(o.orderNumber)) return false;
    if (
      f.articleNumbers &&
      f.articleNumbers.length > 0 &&
      !o.lines.some((l) => f.articleNumbers?.includes(l.articleNumber))
    )
      return false;
    if (f.orderStatusFrom !== undefined && o.status < f.orderStatusFrom) return false;
    if (f.orderStatusTo !== undefined && o.status > f.orderStatusTo) return false;
    if (f.orderStatusChangedTimeFrom !== undefined && time(o.statusChangedTime) < f.orderStatusChangedTimeFrom)
      return false;
    if (f.orderCreatedTimeFrom !== undefined && time(o.createdDate) < f.orderCreatedTimeFrom) return false;
    if (f.orderCreatedTimeTo !== undefined && time(o.createdDate) > f.orderCreatedTimeTo) return false;
    if (f.shippedTimeFrom !== undefined && !(time(o.shippedTime) >= f.shippedTimeFrom)) return false;
    if (f.shippedTimeTo !== undefined && !(time(o.shippedTime) <= f.shippedTimeTo)) return false;
    if (f.lastPickingTimeFrom !== undefined && !(time(o.lastPickingTime) >= f.lastPickingTimeFrom)) return false;
    if (f.onlyOrdersWithOrderLinesToReport && !o.lines.some((l) => l.reported < l.picked)) return false;
    return true;
  });
  return page(list, (o) => o.orderId, f.orderIdFrom, f.maxOrdersToGet);
}

export function queryPurchaseOrders(
  store: OngoingStore,
  goodsOwnerId: number,
  f: PurchaseOrderFilters,
): SimPurchaseOrder[] {
  const list = [...store.purchaseOrders.values()].filter((p) => {
    if (p.goodsOwnerId !== goodsOwnerId) return false;
    if (f.purchaseOrderNumber !== undefined && p.purchaseOrderNumber !== f.purchaseOrderNumber) return false;
    if (
      f.purchaseOrderNumbers &&
      f.purchaseOrderNumbers.length > 0 &&
      !f.purchaseOrderNumbers.includes(p.purchaseOrderNumber)
    )
      return false;
    if (
      f.articleNumbers &&
      f.articleNumbers.length > 0 &&
      !p.lines.some((l) => f.articleNumbers?.includes(l.articleNumber))
    )
      return false;
    if (f.purchaseOrderStatusFrom !== undefined && p.status < f.purchaseOrderStatusFrom) return false;
    if (f.purchaseOrderStatusTo !== undefined && p.status > f.purchaseOrderStatusTo) return false;
    if (
      f.purchaseOrderStatusChangedTimeFrom !== undefined &&
      time(p.statusChangedTime) < f.purchaseOrderStatusChangedTimeFrom
    )
      return false;
    if (f.lastReceiveTimeFrom !== undefined && !(time(p.lastReceiveTime) >= f.lastReceiveTimeFrom)) return false;
    if (f.lastReceiveTimeTo !== undefined && !(time(p.lastReceiveTime) <= f.lastReceiveTimeTo)) return false;
    if (f.inDateFrom !== undefined && !(time(normalizeDateTime(p.data.inDate)) >= f.inDateFrom)) return false;
    if (f.inDateTo !== undefined && !(time(normalizeDateTime(p.data.inDate)) <= f.inDateTo)) return false;
    if (f.onlyPurchaseOrdersWithOrderLinesToReport && !p.lines.some((l) => l.reported !== l.received)) return false;
    return true;
  });
  return page(list, (p) => p.purchaseOrderId, f.purchaseOrderIdFrom, f.maxPurchaseOrdersToGet);
}
