/**
 * Starting data for the Ongoing simulator and the fixed demo user.
 *
 * A fixture is plain JSON: the same bodies the REST API takes on PUT, plus the stock and the status
 * each record should start in. Records are loaded through the same rules as API calls, so a fixture
 * that the real API would refuse is refused here too, with the record and field named.
 */
import type {
  GetOrderStatusModel,
  GetPurchaseOrderStatusModel,
  PostArticleModel,
  PostOrderModel,
  PostPurchaseOrderModel,
} from '../../../shared/ongoing/models';
import { validateOngoingBody } from './schema';
import { ORDER_STATUS, OngoingSimError, type OngoingState, PURCHASE_ORDER_STATUS } from './state';

/** Demo credentials the simulator accepts out of the box. Not a secret: only valid against the simulator. */
export const ONGOING_DEMO_USER = { user: 'demo-api', password: 'demo', goodsOwnerId: 1 } as const;

export const ONGOING_DEMO_GOODS_OWNER_NAME = 'Demo Goods Owner AB';

export type OngoingFixtureArticle = PostArticleModel & {
  /** Physical stock. Default 0. */
  numberOfItems?: number;
};

export type OngoingFixtureOrder = PostOrderModel & {
  /** Status to start in: 200 Open (default), 300 Released, 400 Picked (fully), 450 Sent, 500 Collected, 1000 Cancelled. */
  orderStatus?: number;
  /** Waybill when the order starts as Sent or Collected (else one is generated). */
  waybill?: string;
};

export type OngoingFixturePurchaseOrder = PostPurchaseOrderModel & {
  /** Status to start in: 100 Notified (default), 500 Received (fully), 900 Cancelled, or any other listed number. */
  purchaseOrderStatus?: number;
};

export interface OngoingFixture {
  goodsOwners?: { id: number; name: string }[];
  /** The warehouse's own status list (statuses are configurable per warehouse). */
  orderStatuses?: GetOrderStatusModel[];
  purchaseOrderStatuses?: GetPurchaseOrderStatusModel[];
  articles?: OngoingFixtureArticle[];
  orders?: OngoingFixtureOrder[];
  purchaseOrders?: OngoingFixturePurchaseOrder[];
}

function fail(where: string, message: string): never {
  throw new Error(`Ongoing fixture ${where}: ${message}`);
}

function validated<T>(where: string, schema: string, body: T): T {
  const errors = validateOngoingBody(schema, body);
  if (errors.length > 0) fail(where, `${errors.join('; ')}.`);
  return body;
}

/** Apply a fixture to an empty state. Throws an Error naming the record and field on bad data. */
export function loadOngoingFixture(state: OngoingState, fixture: OngoingFixture): void {
  if (!fixture || typeof fixture !== 'object' || Array.isArray(fixture)) {
    fail('(file)', 'must be a JSON object with articles, orders and purchaseOrders lists.');
  }
  for (const key of ['articles', 'orders', 'purchaseOrders', 'goodsOwners'] as const) {
    if (fixture[key] !== undefined && !Array.isArray(fixture[key])) fail(key, 'must be a list.');
  }
  for (const owner of fixture.goodsOwners ?? []) state.goodsOwners.set(owner.id, owner.name);
  if (fixture.orderStatuses) state.orderStatuses = fixture.orderStatuses;
  if (fixture.purchaseOrderStatuses) state.purchaseOrderStatuses = fixture.purchaseOrderStatuses;

  const wrap = (where: string, run: () => void) => {
    try {
      run();
    } catch (error) {
      if (error instanceof OngoingSimError) fail(where, error.message);
      throw error;
    }
  };

  (fixture.articles ?? []).forEach((entry, index) => {
    const where = `articles[${index}]${entry?.articleNumber ? ` (article ${entry.articleNumber})` : ''}`;
    const { numberOfItems, ...body } = entry;
    validated(where, 'PostArticleModel', body);
    wrap(where, () => {
      const { articleSystemId } = state.upsertArticle(body.goodsOwnerId, body);
      const article = state.requireArticle(articleSystemId);
      state.adjustStock(article, numberOfItems ?? 0);
      if ((numberOfItems ?? 0) > 0) article.lastInDate = state.now();
    });
  });

  (fixture.orders ?? []).forEach((entry, index) => {
    const where = `orders[${index}]${entry?.orderNumber ? ` (order ${entry.orderNumber})` : ''}`;
    const { orderStatus, waybill, ...body } = entry;
    validated(where, 'PostOrderModel', body);
    wrap(where, () => {
      const { orderId } = state.upsertOrder(body.goodsOwnerId, body);
      const order = state.requireOrder(orderId);
      const target = orderStatus ?? ORDER_STATUS.open;
      if (target === ORDER_STATUS.cancelled) {
        state.cancelOrder(order);
        return;
      }
      if (target >= ORDER_STATUS.released) state.release(order);
      if (target >= ORDER_STATUS.picked && order.lines.length > 0) state.pick(order);
      if (target >= ORDER_STATUS.sent && target <= ORDER_STATUS.collected) {
        state.ship(order, { status: ORDER_STATUS.sent, waybill });
        if (target === ORDER_STATUS.collected) state.ship(order, { status: ORDER_STATUS.collected });
      }
      state.setOrderStatus(order, target);
    });
  });

  (fixture.purchaseOrders ?? []).forEach((entry, index) => {
    const where = `purchaseOrders[${index}]${entry?.purchaseOrderNumber ? ` (purchase order ${entry.purchaseOrderNumber})` : ''}`;
    const { purchaseOrderStatus, ...body } = entry;
    validated(where, 'PostPurchaseOrderModel', body);
    wrap(where, () => {
      const { purchaseOrderId } = state.upsertPurchaseOrder(body.goodsOwnerId, body);
      const po = state.requirePurchaseOrder(purchaseOrderId);
      const target = purchaseOrderStatus ?? PURCHASE_ORDER_STATUS.notified;
      if (target === PURCHASE_ORDER_STATUS.cancelled) {
        state.cancelPurchaseOrder(po);
        return;
      }
      if (target === PURCHASE_ORDER_STATUS.received && po.lines.length > 0) state.receive(po);
      state.setPurchaseOrderStatus(po, target);
    });
  });
}

/** A small demo warehouse: one goods owner and a few stocked articles. */
export function demoOngoingFixture(): OngoingFixture {
  const goodsOwnerId = ONGOING_DEMO_USER.goodsOwnerId;
  return {
    goodsOwners: [{ id: goodsOwnerId, name: ONGOING_DEMO_GOODS_OWNER_NAME }],
    articles: [],
  };
}
