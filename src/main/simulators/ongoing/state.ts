/**
 * In-memory warehouse of the Ongoing simulator: the store (`store.ts`) with the API's write rules
 * (`rules.ts`), the warehouse's own work (`warehouse.ts`), the GET models (`render.ts`) and the list
 * filters (`query.ts`) as methods, so the server, the fixture loader, the warehouse clock and tests
 * have one object to work with.
 *
 * Stock model (per article):
 * - `numberOfItems`: physical stock on locations. Picking takes items off it, receiving adds to it.
 * - `pickedToBeCollectedNumberOfItems`: picked on orders not yet Sent (status < 450).
 * - `numberOfBookedItems`: ordered but not yet picked on open orders (not cancelled, status < 450).
 * - `allocatedNumberOfItems`: allocated but not yet picked on released orders.
 * - `sellableNumberOfItems` = numberOfItems − booked (may be negative).
 * - `toReceiveNumberOfItems`: advised but not yet received on purchase orders below Received.
 */
import * as query from './query';
import * as render from './render';
import * as rules from './rules';
import { OngoingStore } from './store';
import * as warehouse from './warehouse';

export type { ArticleFilters, OrderFilters, PurchaseOrderFilters } from './query';
export {
  type ArticleAnswerOverride,
  DEFAULT_ORDER_STATUSES,
  DEFAULT_PURCHASE_ORDER_STATUSES,
  type LineQuantities,
  normalizeDateTime,
  ORDER_STATUS,
  OngoingSimError,
  type OngoingStateOptions,
  OngoingStore,
  PURCHASE_ORDER_STATUS,
  type SimArticle,
  type SimOrder,
  type SimOrderLine,
  type SimPurchaseOrder,
  type SimPurchaseOrderLine,
} from './store';

/** The parameters of a store function after the store itself. */
type After<F> = F extends (store: OngoingStore, ...rest: infer R) => unknown ? R : never;

export class OngoingState extends OngoingStore {
  // ------------------------------------------------------------ rules

  upsertArticle(...args: After<typeof rules.upsertArticle>) {
    return rules.upsertArticle(this, ...args);
  }

  upsertOrder(...args: After<typeof rules.upsertOrder>) {
    return rules.upsertOrder(this, ...args);
  }

  cancelOrder(...args: After<typeof rules.cancelOrder>) {
    return rules.cancelOrder(this, ...args);
  }

  patchOrder(...args: After<typeof rules.patchOrder>) {
    return rules.patchOrder(this, ...args);
  }

  setReportedToPicked(...args: After<typeof rules.setReportedToPicked>) {
    return rules.setReportedToPicked(this, ...args);
  }

  setLineReported(...args: After<typeof rules.setLineReported>) {
    return rules.setLineReported(this, ...args);
  }

  upsertPurchaseOrder(...args: After<typeof rules.upsertPurchaseOrder>) {
    return rules.upsertPurchaseOrder(this, ...args);
  }

  cancelPurchaseOrder(...args: After<typeof rules.cancelPurchaseOrder>) {
    return rules.cancelPurchaseOrder(this, ...args);
  }

  setPurchaseLineReported(...args: After<typeof rules.setPurchaseLineReported>) {
    return rules.setPurchaseLineReported(this, ...args);
  }

  setReportedToReceived(...args: After<typeof rules.setReportedToReceived>) {
    return rules.setReportedToReceived(this, ...args);
  }

  // ------------------------------------------------------------ warehouse

  inventory(...args: After<typeof warehouse.inventory>) {
    return warehouse.inventory(this, ...args);
  }

  release(...args: After<typeof warehouse.release>) {
    return warehouse.release(this, ...args);
  }

  pick(...args: After<typeof warehouse.pick>) {
    return warehouse.pick(this, ...args);
  }

  ship(...args: After<typeof warehouse.ship>) {
    return warehouse.ship(this, ...args);
  }

  receive(...args: After<typeof warehouse.receive>) {
    return warehouse.receive(this, ...args);
  }

  adjustStock(...args: After<typeof warehouse.adjustStock>) {
    return warehouse.adjustStock(this, ...args);
  }

  // ------------------------------------------------------------ render

  renderArticle(...args: After<typeof render.renderArticle>) {
    return render.renderArticle(this, ...args);
  }

  renderOrder(...args: After<typeof render.renderOrder>) {
    return render.renderOrder(this, ...args);
  }

  renderPurchaseOrder(...args: After<typeof render.renderPurchaseOrder>) {
    return render.renderPurchaseOrder(this, ...args);
  }

  // ------------------------------------------------------------ query

  queryArticles(...args: After<typeof query.queryArticles>) {
    return query.queryArticles(this, ...args);
  }

  queryOrders(...args: After<typeof query.queryOrders>) {
    return query.queryOrders(this, ...args);
  }

  queryPurchaseOrders(...args: After<typeof query.queryPurchaseOrders>) {
    return query.queryPurchaseOrders(this, ...args);
  }
}
