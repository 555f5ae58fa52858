/**
 * The first run at a warehouse that already ran another integration: Ongoing holds the catalogue,
 * the open orders and the purchase orders already (written here by a previous installation on its
 * own data folder). A new installation meets every record for the first time; it must write only
 * what really differs, read Ongoing in few pages, and raise no conflict for a started order whose
 * mapped fields are equal. Asserted against the calls the Ongoing simulator recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createAppContext } from '../../src/main/core/app-context';
import { createArticlesJob } from '../../src/main/core/flows/articles';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import { createOrdersJob } from '../../src/main/core/flows/orders';
import { createPurchaseOrdersJob } from '../../src/main/core/flows/purchase-orders';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import type { JobContext, JobResult } from '../../src/main/core/sync/scheduler';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { type SyncHarness, startSyncHarness } from '../helpers/sync-harness';
import { tempDir } from '../helpers/temp-dir';

const ARTICLES = 2_500;
const ORDERS = 100;
const PURCHASES = 20;
const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

const articleNo = (i: number) => `AD-${String(i + 1).padStart(5, '0')}`;
const orderNo = (i: number) => String(20_000 + i);
const purchaseNo = (i: number) => `PA-${i + 1}`;

const FIXTURE: SpecterFixture = {
  articles: Array.from({ length: ARTICLES }, (_, i) => ({
    articleNo: articleNo(i),
    articleId: String(60_000 + i),
    name: `Artikel ${i + 1}`,
    articleGroup: `Grupp ${i % 7}`,
    barCode: String(7_350_000_100_000 + i),
    buyPrice: 10 + (i % 13) / 4,
    priceExclVat: 20 + (i % 17),
    productWeight: 0.125 * (1 + (i % 5)),
    lastChanged: '2026-01-05 08:00:00',
  })),
  customers: [
    {
      customerId: 'K-1',
      name: 'Kund AB',
      firstName: 'Karin',
      surName: 'Kund',
      mobileNo: '070-000 00 01',
      invoiceAddress: { attention: 'Ekonomi', address: 'Fakturav. 1', zipCode: '111 11', city: 'Stockholm' },
      deliveryAddress: { address: 'Lagerv. 2', zipCode: '222 22', city: 'Lund', countryCode: 'dk' },
    },
  ],
  suppliers: [{ supplierNo: '10', name: 'Leverantören AB', address: 'Fabriken 1', zipCode: '503 38', city: 'Borås' }],
  orders: Array.from({ length: ORDERS }, (_, i) => ({
    orderId: String(90_000 + i),
    orderNo: orderNo(i),
    customerId: 'K-1',
    deliveryDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    customerReference: ` Ref ${i} `,
    notifyDeliveryByMobile: i % 2 === 0,
    notifyDeliveryMobileNo: '070-000 00 02',
    lastChanged: `2026-02-01 10:${String(i % 60).padStart(2, '0')}:00`,
    rows: [
      { rowId: String(300_000 + 2 * i), articleNo: articleNo(i * 7), noOfItems: 1 + (i % 4), vatPercent: 25 },
      { rowId: String(300_001 + 2 * i), articleNo: articleNo(i * 7 + 1), noOfItems: 2, noOfItems2: 1.5 },
    ],
  })),
  purchases: Array.from({ length: PURCHASES }, (_, i) => ({
    purchaseId: String(40_000 + i),
    purchaseNo: purchaseNo(i),
    supplierNo: '10',
    orderDate: '2026-02-01',
    deliveryOutDate: '2026-04-01',
    lastChanged: '2026-02-02 09:00:00',
    rows: [{ rowId: String(500_000 + i), articleNo: articleNo(i * 3), noOfItems: 10 + i }],
  })),
  stock: [],
};

let h: SyncHarness;
const installs: { context: AppContext; cleanup: () => void }[] = [];

/** A new installation: a fresh data folder pointed at the same simulators. */
function newInstallation(): AppContext {
  const { dir, cleanup } = tempDir('oss-adopt-');
  const context = createAppContext({
    dataDir: dir,
    secrets: h.env.secrets,
    mode: 'headless',
    clientTimeoutMs: 5_000,
    ownsJobs: { command: 'test' },
  });
  h.env.configure(context);
  installs.push({ context, cleanup });
  return context;
}

async function firstRun(context: AppContext): Promise<Record<'articles' | 'orders' | 'purchaseOrders', JobResult>> {
  const deps = context.deps;
  return {
    articles: await createArticlesJob(deps).run(ctx),
    orders: await createOrdersJob(deps).run(ctx),
    purchaseOrders: await createPurchaseOrdersJob(deps).run(ctx),
  };
}

/** Specter back to the fixture (its article feed hands out every article again); Ongoing's calls cleared. */
function startOver(): void {
  h.env.specter.reset();
  h.env.ongoing.clearCalls();
}

const writes = () => h.env.ongoing.calls.filter((c) => c.method !== 'GET');
const reads = () => h.env.ongoing.calls.filter((c) => c.method === 'GET');
const ongoingOrderId = (number: string) =>
  h.env.ongoing.state.queryOrders(1, {}).find((o) => o.orderNumber === number)?.orderId as number;

beforeAll(async () => {
  h = await startSyncHarness({ specterFixture: FIXTURE });
  // The previous integration fills Ongoing.
  const previous = await firstRun(h.context);
  for (const result of Object.values(previous)) expect(result.status).toBe('ok');
  expect(h.env.ongoing.state.queryOrders(1, {})).toHaveLength(ORDERS);
  // The warehouse has started on two orders since.
  h.env.ongoing.warehouse.release(ongoingOrderId(orderNo(3)));
  h.env.ongoing.warehouse.release(ongoingOrderId(orderNo(4)));
}, 120_000);

afterAll(async () => {
  for (const install of installs) {
    install.context.close();
    install.cleanup();
  }
  await h?.close();
});

describe('adopting what Ongoing already holds', () => {
  it('identical state: no write, few reads, every record linked, no conflict for the started orders', async () => {
    startOver();
    const context = newInstallation();
    const result = await firstRun(context);

    expect(writes()).toEqual([]);
    const byPath = (p: string) => reads().filter((c) => c.path.endsWith(`/api/v1/${p}`)).length;
    expect(byPath('articles')).toBeLessThanOrEqual(Math.ceil(ARTICLES / 1000));
    expect(byPath('orders')).toBeLessThanOrEqual(Math.ceil(ORDERS / 100));
    expect(byPath('purchaseOrders')).toBeLessThanOrEqual(Math.ceil(PURCHASES / 100));
    expect(reads().length).toBe(byPath('articles') + byPath('orders') + byPath('purchaseOrders'));

    expect(result.articles.counts).toMatchObject({ fetched: ARTICLES, adopted: ARTICLES, created: 0, updated: 0 });
    expect(result.orders.counts).toMatchObject({ fetched: ORDERS, adopted: ORDERS, conflicts: 0 });
    expect(result.purchaseOrders.counts).toMatchObject({ fetched: PURCHASES, adopted: PURCHASES });
    expect(context.deps.exceptions.list({ state: 'open' })).toEqual([]);
    expect(context.deps.records.page({ flow: 'articles', state: 'synced' }).total).toBe(ARTICLES);
    // A started order is linked with its Ongoing id and status, not turned into a conflict.
    expect(context.deps.records.get('orders', orderNo(3))).toMatchObject({
      state: 'synced',
      ongoingId: ongoingOrderId(orderNo(3)),
      ongoingStatus: 300,
      lastSentAt: null,
    });

    // The next run of the new installation has nothing to do and reads nothing more to decide it.
    h.env.ongoing.clearCalls();
    const again = await createOrdersJob(context.deps).run(ctx);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, conflicts: 0 });
    expect(h.env.ongoing.calls).toEqual([]);
  });

  it('a dry run of a new installation says the same: adopted, nothing to send', async () => {
    startOver();
    const context = newInstallation();
    // Orders are checked against the articles the installation knows: the articles first (adopted).
    await createArticlesJob(context.deps).run(ctx);
    const dry = await createOrdersJob(context.deps).run({ ...ctx, dryRun: true });
    expect(dry.counts).toMatchObject({ fetched: ORDERS, adopted: ORDERS, created: 0, updated: 0, conflicts: 0 });
    expect(writes()).toEqual([]);
    expect(context.deps.records.page({ flow: 'orders' }).total).toBe(0);
  });

  it('1% changed in Specter: writes = the changed records still changeable; a changed started order is a conflict naming only the changed fields', async () => {
    startOver();
    const changedArticles = Array.from({ length: ARTICLES / 100 }, (_, k) => k * 100);
    for (const i of changedArticles) {
      const article = FIXTURE.articles![i]!;
      h.env.specter.upsertArticle({ ...article, barCode: `${article.barCode}9` });
    }
    // Order 4 was started in Ongoing (a conflict), order 50 was not (written).
    for (const i of [4, 50]) {
      const order = FIXTURE.orders![i]!;
      h.env.specter.updateOrder(order.orderId as string, {
        rows: [{ ...order.rows[0]!, noOfItems: 9 }, order.rows[1]!],
      });
    }
    const purchase = h.env.specter.state.purchases.get(String(40_000 + 7));
    purchase!.rows[0]!.noOfItems = 99;
    h.env.ongoing.clearCalls();

    const context = newInstallation();
    const result = await firstRun(context);

    const put = (p: string) => writes().filter((c) => c.method === 'PUT' && c.path.endsWith(`/api/v1/${p}`));
    expect(put('articles').map((c) => (c.body as { articleNumber: string }).articleNumber)).toEqual(
      changedArticles.map(articleNo),
    );
    expect(put('orders').map((c) => (c.body as { orderNumber: string }).orderNumber)).toEqual([orderNo(50)]);
    expect(put('purchaseOrders').map((c) => (c.body as { purchaseOrderNumber: string }).purchaseOrderNumber)).toEqual([
      purchaseNo(7),
    ]);
    expect(writes()).toHaveLength(changedArticles.length + 2);

    expect(result.articles.counts).toMatchObject({ adopted: ARTICLES - changedArticles.length, updated: 25 });
    expect(result.orders.counts).toMatchObject({ adopted: ORDERS - 2, updated: 1, conflicts: 1 });
    const [conflict, ...others] = context.deps.exceptions.list({ state: 'open' });
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({
      flow: 'orders',
      recordKey: orderNo(4),
      class: 'conflict',
    });
    // Only what changed: the row's quantity and so its line price; nothing of the unchanged fields.
    expect(conflict?.differences).toEqual([
      { field: 'orderLines[300008].prices.linePrice', specter: '348.75', ongoing: '38.75' },
      { field: 'orderLines[300008].numberOfItems', specter: '9', ongoing: '1' },
    ]);
  });

  it('open shipments the previous integration already reported are not proposed again', async () => {
    startOver();
    const client = h.clients.ongoing();
    const shipped = [orderNo(10), orderNo(11)].map(ongoingOrderId);
    for (const id of shipped) {
      h.env.ongoing.warehouse.release(id);
      h.env.ongoing.warehouse.pick(id);
      h.env.ongoing.warehouse.ship(id, { status: 450 });
    }
    // The previous integration reported order 10 to Specter and acknowledged it in Ongoing.
    const reported = await client.getOrder(shipped[0]!);
    for (const line of reported.orderLines ?? []) {
      await client.setOrderLineReported(shipped[0]!, line.id ?? 0, line.pickedNumberOfItems ?? 0);
    }

    const context = newInstallation();
    const postings = createPostingService(context.deps, { inDoubtGraceMs: 0 });
    const result = await createDeliveriesJob(context.deps, postings).run(ctx);
    expect(result.status).toBe('ok');
    expect(postings.list('delivery').map((p) => p.number)).toEqual([orderNo(11)]);
  });
});
