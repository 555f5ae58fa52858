/**
 * The REST API's rules for writes: upserts keyed by business number and goods owner, lines matched
 * by rowNumber, the "warehouse has started" lock, cancels, field PATCHes and reported quantities.
 */
import type { PostArticleModel, PostOrderModel, PostPurchaseOrderModel } from '../../../shared/ongoing/models';
import {
  ORDER_STATUS,
  OngoingSimError,
  type OngoingStore,
  PURCHASE_ORDER_STATUS,
  type SimArticle,
  type SimOrder,
  type SimOrderLine,
  type SimPurchaseOrder,
  type SimPurchaseOrderLine,
} from './store';

export function upsertArticle(
  store: OngoingStore,
  goodsOwnerId: number,
  body: PostArticleModel,
  articleSystemId?: number,
): { articleSystemId: number; message: string } {
  const { goodsOwnerId: _owner, ...data } = body;
  const now = store.now();
  let article = articleSystemId !== undefined ? store.requireArticle(articleSystemId, goodsOwnerId) : undefined;
  article ??= store.articleByNumber(goodsOwnerId, body.articleNumber);
  if (article) {
    if (articleSystemId !== undefined && article.articleNumber !== body.articleNumber) {
      const clash = store.articleByNumber(goodsOwnerId, body.articleNumber);
      if (clash && clash !== article) {
        throw new OngoingSimError(
          400,
          `Article number '${body.articleNumber}' is already used by article id ${clash.articleSystemId}.`,
        );
      }
    }
    article.data = data;
    const previousNumber = article.articleNumber;
    article.articleNumber = body.articleNumber;
    store.indexArticle(article, previousNumber);
    article.articleDataLastUpdated = now;
    return {
      articleSystemId: article.articleSystemId,
      message: `Article with article number '${body.articleNumber}' updated.`,
    };
  }
  const id = store.nextIds.article++;
  const stock =
    typeof store.newArticleStock === 'function' ? store.newArticleStock(body.articleNumber) : store.newArticleStock;
  const created: SimArticle = {
    articleSystemId: id,
    goodsOwnerId,
    articleNumber: body.articleNumber,
    data,
    numberOfItems: Number.isFinite(stock) && stock > 0 ? stock : 0,
    lastInDate: stock > 0 ? now : null,
    articleDataLastUpdated: now,
    stockInfoChanged: now,
  };
  store.articles.set(id, created);
  store.indexArticle(created);
  return { articleSystemId: id, message: `Article with article number '${body.articleNumber}' created.` };
}

function lockedOrderMessage(store: OngoingStore, order: SimOrder, action: 'updated' | 'cancelled'): string {
  return `Order with order number '${order.orderNumber}' can not be ${action} since the warehouse has started working on it. The order has status ${store.orderStatusText(order.status)} (${order.status}).`;
}

function checkLines<T extends { rowNumber: string; articleNumber: string }>(
  store: OngoingStore,
  goodsOwnerId: number,
  lines: T[],
  listName: string,
): Map<string, SimArticle> {
  const seen = new Set<string>();
  const articles = new Map<string, SimArticle>();
  lines.forEach((line, index) => {
    if (seen.has(line.rowNumber)) {
      throw new OngoingSimError(
        400,
        `${listName}[${index}].rowNumber '${line.rowNumber}' is used by more than one line.`,
      );
    }
    seen.add(line.rowNumber);
    const article = store.articleByNumber(goodsOwnerId, line.articleNumber);
    if (!article) {
      throw new OngoingSimError(
        400,
        `${listName}[${index}].articleNumber: there is no article with article number '${line.articleNumber}'. Create the article first.`,
      );
    }
    articles.set(line.rowNumber, article);
  });
  return articles;
}

export function upsertOrder(
  store: OngoingStore,
  goodsOwnerId: number,
  body: PostOrderModel,
  orderId?: number,
): { orderId: number; created: boolean; message: string } {
  const { goodsOwnerId: _owner, orderLines, ...data } = body;
  const lines = orderLines ?? [];
  const existing =
    orderId !== undefined
      ? store.requireOrder(orderId, goodsOwnerId)
      : store.orderByNumber(goodsOwnerId, body.orderNumber);
  if (existing && existing.status >= store.lockFromStatus) {
    throw new OngoingSimError(store.lockedHttpStatus, lockedOrderMessage(store, existing, 'updated'));
  }
  if (existing && orderId !== undefined && existing.orderNumber !== body.orderNumber) {
    const clash = store.orderByNumber(goodsOwnerId, body.orderNumber);
    if (clash && clash !== existing) {
      throw new OngoingSimError(
        400,
        `Order number '${body.orderNumber}' is already used by order id ${clash.orderId}.`,
      );
    }
  }
  const articles = checkLines(store, goodsOwnerId, lines, 'orderLines');
  const now = store.now();
  const customerPart = customerMessage(store, goodsOwnerId, body);
  const newLines = lines.map((line) => {
    const article = articles.get(line.rowNumber) as SimArticle;
    const old = existing?.lines.find((l) => l.rowNumber === line.rowNumber);
    const ordered = line.numberOfItems ?? 0;
    return {
      id: old?.id ?? store.nextIds.orderLine++,
      rowNumber: line.rowNumber,
      articleSystemId: article.articleSystemId,
      articleNumber: article.articleNumber,
      ordered,
      allocated: old && existing && existing.status >= ORDER_STATUS.released ? Math.min(old.allocated, ordered) : 0,
      picked: old?.picked ?? 0,
      packed: old?.packed ?? 0,
      reported: old?.reported ?? 0,
      data: line,
    } satisfies SimOrderLine;
  });
  if (existing) {
    existing.data = data;
    existing.orderNumber = body.orderNumber;
    existing.lines = newLines;
    existing.updatedTime = now;
    existing.customerId = customerId(store, goodsOwnerId, body);
    return {
      orderId: existing.orderId,
      created: false,
      message: `${customerPart}Order number ${body.orderNumber} updated.`,
    };
  }
  const id = store.nextIds.order++;
  store.orders.set(id, {
    orderId: id,
    goodsOwnerId,
    orderNumber: body.orderNumber,
    status: ORDER_STATUS.open,
    createdDate: now,
    updatedTime: now,
    statusChangedTime: now,
    lastPickingTime: null,
    shippedTime: null,
    wayBill: null,
    tracking: [],
    parcelIds: [],
    customerId: customerId(store, goodsOwnerId, body),
    data,
    lines: newLines,
  });
  return { orderId: id, created: true, message: `${customerPart}Order number ${body.orderNumber} created.` };
}

function customerId(store: OngoingStore, goodsOwnerId: number, body: PostOrderModel): number {
  const key = `${goodsOwnerId}:${body.consignee?.customerNumber ?? body.consignee?.name ?? body.orderNumber}`;
  let id = store.customers.get(key);
  if (id === undefined) {
    id = store.nextIds.customer++;
    store.customers.set(key, id);
  }
  return id;
}

function customerMessage(store: OngoingStore, goodsOwnerId: number, body: PostOrderModel): string {
  const number = body.consignee?.customerNumber;
  if (!number) return '';
  const known = store.customers.has(`${goodsOwnerId}:${number}`);
  return `Customer with customer number '${number}' ${known ? 'updated' : 'created'}. <br/> <br/>`;
}

export function cancelOrder(store: OngoingStore, order: SimOrder): { orderId: number; message: string } {
  if (order.status === ORDER_STATUS.cancelled) {
    return {
      orderId: order.orderId,
      message: `Order with order number '${order.orderNumber}' is already cancelled.`,
    };
  }
  if (order.status >= store.lockFromStatus) {
    throw new OngoingSimError(store.lockedHttpStatus, lockedOrderMessage(store, order, 'cancelled'));
  }
  store.setOrderStatus(order, ORDER_STATUS.cancelled);
  return { orderId: order.orderId, message: `Order with order number '${order.orderNumber}' cancelled.` };
}

export function patchOrder(
  store: OngoingStore,
  order: SimOrder,
  field: 'deliveryDate' | 'orderRemark' | 'freeText1' | 'freeText2' | 'freeText3' | 'servicePointCode',
  value: string,
): string {
  order.data = { ...order.data, [field]: value };
  order.updatedTime = store.now();
  return `Order with order number '${order.orderNumber}' updated (${field}).`;
}

export function setReportedToPicked(store: OngoingStore, order: SimOrder): string {
  for (const line of order.lines) line.reported = line.picked;
  order.updatedTime = store.now();
  return `Reported number of items set to picked number of items on ${order.lines.length} order line(s).`;
}

/**
 * PATCH /orders/{id}/lines/{lineId}/reportedNumberOfItems: set the line's reported quantity to an
 * absolute value (a repeated call changes nothing). Refused when the value is negative or above
 * what was picked.
 */
export function setLineReported(store: OngoingStore, order: SimOrder, lineId: number, value: number): string {
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) throw new OngoingSimError(404, `Order ${order.orderId} has no order line with id ${lineId}.`);
  if (!Number.isFinite(value) || value < 0 || value > line.picked) {
    throw new OngoingSimError(
      400,
      `reportedNumberOfItems ${value} is not valid for order line ${lineId}: it must be between 0 and the picked number of items (${line.picked}).`,
    );
  }
  line.reported = value;
  order.updatedTime = store.now();
  return `Reported number of items set to ${value} on order line ${lineId}.`;
}

function lockedPurchaseOrderMessage(
  store: OngoingStore,
  po: SimPurchaseOrder,
  action: 'updated' | 'cancelled',
): string {
  return `Purchase order with purchase order number '${po.purchaseOrderNumber}' can not be ${action} since the warehouse has started working on it. The purchase order has status ${store.purchaseOrderStatusText(po.status)} (${po.status}).`;
}

export function upsertPurchaseOrder(
  store: OngoingStore,
  goodsOwnerId: number,
  body: PostPurchaseOrderModel,
  purchaseOrderId?: number,
): { purchaseOrderId: number; created: boolean; message: string } {
  const { goodsOwnerId: _owner, purchaseOrderLines, ...data } = body;
  const lines = purchaseOrderLines ?? [];
  const existing =
    purchaseOrderId !== undefined
      ? store.requirePurchaseOrder(purchaseOrderId, goodsOwnerId)
      : store.purchaseOrderByNumber(goodsOwnerId, body.purchaseOrderNumber);
  if (existing && existing.status >= store.purchaseOrderLockFromStatus) {
    throw new OngoingSimError(store.lockedHttpStatus, lockedPurchaseOrderMessage(store, existing, 'updated'));
  }
  if (existing && purchaseOrderId !== undefined && existing.purchaseOrderNumber !== body.purchaseOrderNumber) {
    const clash = store.purchaseOrderByNumber(goodsOwnerId, body.purchaseOrderNumber);
    if (clash && clash !== existing) {
      throw new OngoingSimError(
        400,
        `Purchase order number '${body.purchaseOrderNumber}' is already used by purchase order id ${clash.purchaseOrderId}.`,
      );
    }
  }
  const articles = checkLines(store, goodsOwnerId, lines, 'purchaseOrderLines');
  const now = store.now();
  const newLines = lines.map((line) => {
    const article = articles.get(line.rowNumber) as SimArticle;
    const old = existing?.lines.find((l) => l.rowNumber === line.rowNumber);
    return {
      id: old?.id ?? store.nextIds.purchaseOrderLine++,
      rowNumber: line.rowNumber,
      articleSystemId: article.articleSystemId,
      articleNumber: article.articleNumber,
      advised: line.numberOfItems ?? 0,
      received: old?.received ?? 0,
      reported: old?.reported ?? 0,
      data: line,
    } satisfies SimPurchaseOrderLine;
  });
  if (existing) {
    existing.data = data;
    existing.purchaseOrderNumber = body.purchaseOrderNumber;
    existing.lines = newLines;
    existing.updatedTime = now;
    return {
      purchaseOrderId: existing.purchaseOrderId,
      created: false,
      message: `Purchase order number ${body.purchaseOrderNumber} updated.`,
    };
  }
  const id = store.nextIds.purchaseOrder++;
  store.purchaseOrders.set(id, {
    purchaseOrderId: id,
    goodsOwnerId,
    purchaseOrderNumber: body.purchaseOrderNumber,
    status: PURCHASE_ORDER_STATUS.notified,
    createdDate: now,
    updatedTime: now,
    statusChangedTime: now,
    lastReceiveTime: null,
    data,
    lines: newLines,
  });
  return {
    purchaseOrderId: id,
    created: true,
    message: `Purchase order number ${body.purchaseOrderNumber} created.`,
  };
}

export function cancelPurchaseOrder(
  store: OngoingStore,
  po: SimPurchaseOrder,
): { purchaseOrderId: number; message: string } {
  if (po.status === PURCHASE_ORDER_STATUS.cancelled) {
    return {
      purchaseOrderId: po.purchaseOrderId,
      message: `Purchase order with purchase order number '${po.purchaseOrderNumber}' is already cancelled.`,
    };
  }
  if (po.status >= store.purchaseOrderLockFromStatus) {
    throw new OngoingSimError(store.lockedHttpStatus, lockedPurchaseOrderMessage(store, po, 'cancelled'));
  }
  store.setPurchaseOrderStatus(po, PURCHASE_ORDER_STATUS.cancelled);
  return {
    purchaseOrderId: po.purchaseOrderId,
    message: `Purchase order with purchase order number '${po.purchaseOrderNumber}' cancelled.`,
  };
}

/** PATCH /purchaseOrders/{id}/lines/{lineId}/reportedNumberOfItems: absolute, between 0 and received. */
export function setPurchaseLineReported(
  store: OngoingStore,
  po: SimPurchaseOrder,
  lineId: number,
  value: number,
): string {
  const line = po.lines.find((l) => l.id === lineId);
  if (!line) {
    throw new OngoingSimError(
      404,
      `Purchase order ${po.purchaseOrderId} has no purchase order line with id ${lineId}.`,
    );
  }
  if (!Number.isFinite(value) || value < 0 || value > line.received) {
    throw new OngoingSimError(
      400,
      `reportedNumberOfItems ${value} is not valid for purchase order line ${lineId}: it must be between 0 and the received number of items (${line.received}).`,
    );
  }
  line.reported = value;
  po.updatedTime = store.now();
  return `Reported number of items set to ${value} on purchase order line ${lineId}.`;
}

export function setReportedToReceived(store: OngoingStore, po: SimPurchaseOrder): string {
  for (const line of po.lines) line.reported = line.received;
  po.updatedTime = store.now();
  return `Reported number of items set to received number of items on ${po.lines.length} purchase order line(s).`;
}
