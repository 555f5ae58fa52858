/**
 * Test set-up for the postings and stock tests: a small Swedish catalogue in the Specter simulator, and
 * orders / purchases created in both simulators and linked in the core (as the orders and purchase
 * orders jobs would leave them), without depending on those jobs.
 */
import { mapArticle, mapOrder, mapPurchase } from '../../src/shared/mapping';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { type HarnessOptions, type SyncHarness, startSyncHarness } from './sync-harness';

export const SMALL_SPECTER_FIXTURE: SpecterFixture = {
  stockSites: [{ stockSiteId: '1', name: 'Huvudlager' }],
  articles: [
    { articleNo: 'ART-1', name: 'Ullsocka grå 39-42', buyPrice: 33.5, priceExclVat: 95.2 },
    { articleNo: 'ART-2', name: 'Kökshandduk randig', buyPrice: 21, priceExclVat: 59 },
    { articleNo: 'ART-3', name: 'Fleecefilt blå', buyPrice: 120, priceExclVat: 299 },
    { articleNo: 'ART-4', name: 'Vantar röd', buyPrice: 40, priceExclVat: 119 },
  ],
  customers: [
    {
      customerId: '109',
      firstName: 'Åsa',
      surName: 'Öberg',
      emailAddress: 'asa@example.se',
      invoiceAddress: { address: 'Åsögatan 12', zipCode: '116 24', city: 'Stockholm' },
      deliveryAddress: { address: 'Åsögatan 12', zipCode: '116 24', city: 'Stockholm' },
    },
  ],
  suppliers: [
    { supplierNo: '10', name: 'Ullspinneriet AB', address: 'Fabriksgatan 3', zipCode: '503 38', city: 'Borås' },
  ],
  stock: [
    { articleNo: 'ART-1', noItemsInStock: 40 },
    { articleNo: 'ART-2', noItemsInStock: 40 },
    { articleNo: 'ART-3', noItemsInStock: 40 },
    { articleNo: 'ART-4', noItemsInStock: null },
  ],
};

export function startPostingsHarness(options: HarnessOptions = {}): Promise<SyncHarness> {
  return startSyncHarness({
    specterFixture: SMALL_SPECTER_FIXTURE,
    newArticleStock: 40,
    timeoutMs: 1_000,
    ...options,
  });
}

/** Create the Specter articles in Ongoing (each gets the harness's starting stock). */
export async function ensureArticles(h: SyncHarness, articleNos: string[]): Promise<void> {
  const goodsOwnerId = h.context.settings.get().ongoing.goodsOwnerId as number;
  for (const articleNo of [...new Set(articleNos)]) {
    const article = h.env.specter.state.articles.get(articleNo);
    if (!article) throw new Error(`Test set-up: article ${articleNo} is not in the Specter fixture.`);
    await h.clients.ongoing().upsertArticle(mapArticle(article, goodsOwnerId));
  }
}

export interface LinkedOrder {
  specterOrderId: string;
  orderNo: string;
  ongoingOrderId: number;
  /** Specter row no / row id per row, in order; Ongoing's rowNumber is the row id. */
  rows: { rowNo: string; rowId: string; articleNo: string; noOfItems: number }[];
}

/** An order created in Specter, sent to Ongoing with the app's mapping, and linked in the records. */
export async function linkOrder(
  h: SyncHarness,
  rows: { articleNo: string; noOfItems: number; noOfItems2?: number | null }[],
  deliveryDate = '2026-12-01',
): Promise<LinkedOrder> {
  await ensureArticles(
    h,
    rows.map((r) => r.articleNo),
  );
  const created = h.env.specter.createOrder({ customerId: '109', deliveryDate, rows });
  const order = await h.clients.specter().getOrder(created.orderId);
  if (!order) throw new Error('Test set-up: the new Specter order cannot be read back.');
  const goodsOwnerId = h.context.settings.get().ongoing.goodsOwnerId as number;
  const { orderId } = await h.clients.ongoing().upsertOrder(mapOrder(order, goodsOwnerId));
  h.deps.records.upsert({
    flow: 'orders',
    key: order.orderNo,
    specterId: order.orderId,
    ongoingId: orderId,
    state: 'synced',
  });
  return {
    specterOrderId: order.orderId,
    orderNo: order.orderNo,
    ongoingOrderId: orderId,
    rows: order.rows.map((r) => ({ rowNo: r.rowNo, rowId: r.rowId, articleNo: r.articleNo, noOfItems: r.noOfItems })),
  };
}

export interface LinkedPurchase {
  purchaseId: string;
  purchaseNo: string;
  ongoingPurchaseOrderId: number;
  rows: { rowNo: string; rowId: string; articleNo: string; noOfItems: number }[];
}

/** A purchase created in Specter, sent to Ongoing with the app's mapping, and linked in the records. */
export async function linkPurchase(
  h: SyncHarness,
  rows: { articleNo: string; noOfItems: number }[],
): Promise<LinkedPurchase> {
  await ensureArticles(
    h,
    rows.map((r) => r.articleNo),
  );
  const created = h.env.specter.createPurchase({
    supplierNo: '10',
    orderDate: '2026-11-20',
    deliveryOutDate: '2026-12-03',
    rows,
  });
  const purchase = await h.clients.specter().getPurchase(created.purchaseId);
  if (!purchase) throw new Error('Test set-up: the new Specter purchase cannot be read back.');
  const goodsOwnerId = h.context.settings.get().ongoing.goodsOwnerId as number;
  const { purchaseOrderId } = await h.clients.ongoing().upsertPurchaseOrder(mapPurchase(purchase, goodsOwnerId));
  h.deps.records.upsert({
    flow: 'purchaseOrders',
    key: purchase.purchaseNo,
    specterId: purchase.purchaseId,
    ongoingId: purchaseOrderId,
    state: 'synced',
  });
  return {
    purchaseId: purchase.purchaseId,
    purchaseNo: purchase.purchaseNo,
    ongoingPurchaseOrderId: purchaseOrderId,
    rows: purchase.rows.map((r) => ({
      rowNo: r.rowNo,
      rowId: r.rowId,
      articleNo: r.articleNo,
      noOfItems: r.noOfItems,
    })),
  };
}

/** Release, pick (per Specter row id, or everything) and ship an Ongoing order. */
export function pickAndShip(
  h: SyncHarness,
  order: LinkedOrder,
  options: { pick?: Record<string, number>; status?: 450 | 500; waybill?: string } = {},
): void {
  const warehouse = h.env.ongoing.warehouse;
  const current = h.env.ongoing.state.orders.get(order.ongoingOrderId);
  if (current && current.status < 300) warehouse.release(order.ongoingOrderId);
  warehouse.pick(order.ongoingOrderId, options.pick);
  warehouse.ship(order.ongoingOrderId, { status: options.status ?? 450, waybill: options.waybill });
}

/**
 * The warehouse sends the rest of an order that already went out once: in the simulator an order that
 * is Sent cannot be picked again, so it is put back to Picked first (as a re-opened order would be).
 */
export function shipRest(
  h: SyncHarness,
  order: LinkedOrder,
  options: { pick?: Record<string, number>; waybill: string; status?: 450 | 500 },
): void {
  const state = h.env.ongoing.state;
  const sim = state.orders.get(order.ongoingOrderId);
  if (!sim) throw new Error(`Test set-up: Ongoing order ${order.ongoingOrderId} is missing.`);
  state.setOrderStatus(sim, 400);
  h.env.ongoing.warehouse.pick(order.ongoingOrderId, options.pick);
  h.env.ongoing.warehouse.ship(order.ongoingOrderId, { status: options.status ?? 500, waybill: options.waybill });
}

/** Submits the Specter simulator received for an action, and how many of them it applied. */
export function specterWrites(h: SyncHarness, action: 'deliverySubmit' | 'purchaseDeliverySubmit') {
  const calls = h.env.specter.callsFor(action);
  return { sent: calls.length, applied: calls.filter((c) => c.ok === true).length };
}
