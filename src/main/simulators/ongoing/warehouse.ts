/**
 * The warehouse's own work (release, pick, ship, receive, stock adjustments) and the stock figures
 * an article's `inventoryInfo` shows.
 */
import type { GetArticleInventoryInfo } from '../../../shared/ongoing/models';
import {
  type LineQuantities,
  ORDER_STATUS,
  OngoingSimError,
  type OngoingStore,
  PURCHASE_ORDER_STATUS,
  round,
  type SimArticle,
  type SimOrder,
  type SimOrderLine,
  type SimPurchaseOrder,
  type SimPurchaseOrderLine,
} from './store';

export function inventory(store: OngoingStore, article: SimArticle): GetArticleInventoryInfo {
  let booked = 0;
  let allocated = 0;
  let pickedToBeCollected = 0;
  let pickedToBeReported = 0;
  for (const order of store.orders.values()) {
    if (order.goodsOwnerId !== article.goodsOwnerId) continue;
    const open = order.status !== ORDER_STATUS.cancelled && order.status < ORDER_STATUS.sent;
    for (const line of order.lines) {
      if (line.articleSystemId !== article.articleSystemId) continue;
      if (open) {
        booked += Math.max(0, line.ordered - line.picked);
        if (order.status >= ORDER_STATUS.released) allocated += Math.max(0, line.allocated - line.picked);
        pickedToBeCollected += line.picked;
      }
      pickedToBeReported += Math.max(0, line.picked - line.reported);
    }
  }
  let toReceive = 0;
  let receivedToBeReported = 0;
  for (const po of store.purchaseOrders.values()) {
    if (po.goodsOwnerId !== article.goodsOwnerId) continue;
    const open = po.status !== PURCHASE_ORDER_STATUS.cancelled && po.status < PURCHASE_ORDER_STATUS.received;
    for (const line of po.lines) {
      if (line.articleSystemId !== article.articleSystemId) continue;
      if (open) toReceive += Math.max(0, line.advised - line.received);
      receivedToBeReported += Math.max(0, line.received - line.reported);
    }
  }
  const price = article.data.stockValuationPrice ?? article.data.purchasePrice ?? 0;
  return {
    numberOfItems: round(article.numberOfItems),
    numberOfBookedItems: round(booked),
    numberOfLockedItems: 0,
    toReceiveNumberOfItems: round(toReceive),
    allocatedNumberOfItems: round(allocated),
    lockedForSaleNumberOfItems: 0,
    pickedToBeCollectedNumberOfItems: round(pickedToBeCollected),
    receivedToBeFinishedNumberOfItems: 0,
    lastInDate: article.lastInDate,
    sellableNumberOfItems: round(article.numberOfItems - booked),
    totalStockValue: round(article.numberOfItems * price),
    reported: {
      pickedToBeReportedNumberOfItems: round(pickedToBeReported),
      returnedToBeReportedNumberOfItems: 0,
      receivedToBeReportedNumberOfItems: round(receivedToBeReported),
    },
  };
}

/** Release: status 300, lines allocated from free stock. */
export function release(store: OngoingStore, order: SimOrder): void {
  if (order.status !== ORDER_STATUS.open && order.status !== ORDER_STATUS.error) {
    throw new OngoingSimError(
      409,
      `Order ${order.orderId} (${order.orderNumber}) is ${store.orderStatusText(order.status)} (${order.status}); only Open orders can be released.`,
    );
  }
  for (const line of order.lines) {
    const article = store.articles.get(line.articleSystemId);
    if (!article) continue;
    const free = article.numberOfItems - inventory(store, article).allocatedNumberOfItems!;
    line.allocated = Math.max(0, Math.min(line.ordered, free));
  }
  store.setOrderStatus(order, ORDER_STATUS.released);
}

/**
 * Pick: without quantities every line is picked up to what is ordered and in stock; with
 * quantities (per rowNumber) exactly those. Status becomes Picked (400).
 */
export function pick(store: OngoingStore, order: SimOrder, quantities?: LineQuantities): void {
  if (order.status < ORDER_STATUS.released || order.status >= ORDER_STATUS.sent) {
    const hint = order.status < ORDER_STATUS.released ? ' Release it first.' : '';
    throw new OngoingSimError(
      409,
      `Order ${order.orderId} (${order.orderNumber}) is ${store.orderStatusText(order.status)} (${order.status}) and cannot be picked.${hint}`,
    );
  }
  const plan = new Map<SimOrderLine, number>();
  if (quantities) {
    for (const [rowNumber, qty] of Object.entries(quantities)) {
      const line = order.lines.find((l) => l.rowNumber === rowNumber);
      if (!line)
        throw new OngoingSimError(400, `Order ${order.orderNumber} has no line with rowNumber '${rowNumber}'.`);
      if (!Number.isFinite(qty) || qty < 0) {
        throw new OngoingSimError(400, `Quantity for row ${rowNumber} must be a number of at least 0, got ${qty}.`);
      }
      if (line.picked + qty > line.ordered) {
        throw new OngoingSimError(
          400,
          `Row ${rowNumber} of order ${order.orderNumber}: ${line.picked} of ${line.ordered} already picked, cannot pick ${qty} more.`,
        );
      }
      plan.set(line, qty);
    }
    const need = new Map<SimArticle, number>();
    for (const [line, qty] of plan) {
      const article = store.articles.get(line.articleSystemId) as SimArticle;
      need.set(article, (need.get(article) ?? 0) + qty);
    }
    for (const [article, qty] of need) {
      if (qty > article.numberOfItems) {
        throw new OngoingSimError(
          409,
          `Not enough stock of article ${article.articleNumber}: ${article.numberOfItems} in stock, ${qty} to pick.`,
        );
      }
    }
  } else {
    const left = new Map<SimArticle, number>();
    for (const line of order.lines) {
      const article = store.articles.get(line.articleSystemId) as SimArticle;
      const available = left.get(article) ?? article.numberOfItems;
      const qty = Math.max(0, Math.min(line.ordered - line.picked, available));
      left.set(article, available - qty);
      plan.set(line, qty);
    }
  }
  const total = [...plan.values()].reduce((s, q) => s + q, 0);
  if (total <= 0) {
    const missing = order.lines.filter((l) => l.picked < l.ordered).map((l) => l.articleNumber);
    throw new OngoingSimError(
      409,
      missing.length > 0
        ? `Nothing could be picked on order ${order.orderNumber}: no stock of ${[...new Set(missing)].join(', ')}.`
        : `Order ${order.orderNumber} is already fully picked.`,
    );
  }
  for (const [line, qty] of plan) {
    if (qty <= 0) continue;
    const article = store.articles.get(line.articleSystemId) as SimArticle;
    line.picked = round(line.picked + qty);
    line.allocated = Math.max(line.allocated, line.picked);
    article.numberOfItems = round(article.numberOfItems - qty);
    store.touchStock(article);
  }
  order.lastPickingTime = store.now();
  if (order.status < ORDER_STATUS.picked) store.setOrderStatus(order, ORDER_STATUS.picked);
}

/** Ship: Sent (450) or Collected (500), with waybill, tracking and a parcel. */
export function ship(
  store: OngoingStore,
  order: SimOrder,
  options: { status?: number; waybill?: string; trackingUrl?: string } = {},
): void {
  const status = options.status ?? ORDER_STATUS.sent;
  if (status !== ORDER_STATUS.sent && status !== ORDER_STATUS.collected) {
    throw new OngoingSimError(400, `Ship status must be 450 (Sent) or 500 (Collected), got ${status}.`);
  }
  if (order.status < ORDER_STATUS.picked || order.status >= status || order.status === ORDER_STATUS.cancelled) {
    throw new OngoingSimError(
      409,
      `Order ${order.orderId} (${order.orderNumber}) is ${store.orderStatusText(order.status)} (${order.status}) and cannot become ${store.orderStatusText(status)} (${status}).${order.status < ORDER_STATUS.picked ? ' Pick it first.' : ''}`,
    );
  }
  const now = store.now();
  const waybill = options.waybill ?? order.wayBill ?? store.nextWaybill();
  order.wayBill = waybill;
  if (!order.tracking.some((t) => t.waybill === waybill)) {
    order.tracking.push({
      waybill,
      trackingUrl: options.trackingUrl ?? `https://tracking.example.com/?id=${waybill}`,
      created: now,
      freightPrice: null,
    });
  }
  if (order.parcelIds.length === 0) order.parcelIds.push(store.nextIds.parcel++);
  for (const line of order.lines) line.packed = line.picked;
  order.shippedTime ??= now;
  store.setOrderStatus(order, status);
}

/**
 * Receive: without quantities every line is received up to what was advised; with quantities
 * (per rowNumber) exactly those, over-receipt allowed. Received (500) when every line is complete,
 * else Inbound (300). Stock goes up.
 */
export function receive(store: OngoingStore, po: SimPurchaseOrder, quantities?: LineQuantities): void {
  if (po.status === PURCHASE_ORDER_STATUS.cancelled || po.status >= PURCHASE_ORDER_STATUS.received) {
    throw new OngoingSimError(
      409,
      `Purchase order ${po.purchaseOrderId} (${po.purchaseOrderNumber}) is ${store.purchaseOrderStatusText(po.status)} (${po.status}) and cannot be received.`,
    );
  }
  const plan = new Map<SimPurchaseOrderLine, number>();
  if (quantities) {
    for (const [rowNumber, qty] of Object.entries(quantities)) {
      const line = po.lines.find((l) => l.rowNumber === rowNumber);
      if (!line) {
        throw new OngoingSimError(
          400,
          `Purchase order ${po.purchaseOrderNumber} has no line with rowNumber '${rowNumber}'.`,
        );
      }
      if (!Number.isFinite(qty) || qty < 0) {
        throw new OngoingSimError(400, `Quantity for row ${rowNumber} must be a number of at least 0, got ${qty}.`);
      }
      plan.set(line, qty);
    }
  } else {
    for (const line of po.lines) plan.set(line, Math.max(0, line.advised - line.received));
  }
  const total = [...plan.values()].reduce((s, q) => s + q, 0);
  if (total <= 0) throw new OngoingSimError(409, `Nothing to receive on purchase order ${po.purchaseOrderNumber}.`);
  const now = store.now();
  for (const [line, qty] of plan) {
    if (qty <= 0) continue;
    line.received = round(line.received + qty);
    const article = store.articles.get(line.articleSystemId);
    if (article) {
      article.numberOfItems = round(article.numberOfItems + qty);
      article.lastInDate = now;
      store.touchStock(article);
    }
  }
  po.lastReceiveTime = now;
  const complete = po.lines.every((l) => l.received >= l.advised);
  store.setPurchaseOrderStatus(po, complete ? PURCHASE_ORDER_STATUS.received : PURCHASE_ORDER_STATUS.inbound);
}

export function adjustStock(store: OngoingStore, article: SimArticle, numberOfItems: number): void {
  if (!Number.isFinite(numberOfItems) || numberOfItems < 0) {
    throw new OngoingSimError(400, `numberOfItems must be a number of at least 0, got ${numberOfItems}.`);
  }
  article.numberOfItems = round(numberOfItems);
  store.touchStock(article);
}
