/**
 * Restart safety: the app stops in the middle of a run (a crash between recording and
 * acknowledging, a crash after some writes, a reply lost after Ongoing applied a write), is reopened
 * on the same data folder, and runs again. Nothing may be lost, nothing created twice in Ongoing,
 * and the article batch must end acknowledged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pendingOngoingWrites } from '../../src/main/core/ongoing';
import type { RecordRepository } from '../../src/main/core/repositories/record-repository';
import type { SyncDeps } from '../../src/main/core/sync/deps';
import { createArticlesJob } from '../../src/main/core/flows/articles';
import { createOrdersJob } from '../../src/main/core/flows/orders';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { RecordedOngoingCall } from '../../src/main/simulators/ongoing';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

const ctx = (): JobContext => ({ runId: 0, dryRun: false, progress: () => {} });

function fixture(articleCount: number, orderCount = 0): SpecterFixture {
  return {
    articles: Array.from({ length: articleCount }, (_, i) => ({
      articleNo: `R-${i + 1}`,
      articleId: String(500 + i),
      name: `Artikel ${i + 1}`,
      lastChanged: '2026-01-02 08:00:00',
    })),
    customers: [
      {
        customerId: '1',
        name: 'Kund AB',
        deliveryAddress: { address: 'Gatan 1', zipCode: '111 11', city: 'Stockholm' },
      },
    ],
    orders: Array.from({ length: orderCount }, (_, i) => ({
      orderId: String(8000 + i),
      orderNo: String(3000 + i),
      customerId: '1',
      deliveryDate: '2026-03-01',
      lastChanged: `2026-02-01 12:00:0${i}`,
      rows: [{ articleNo: `R-${(i % articleCount) + 1}`, noOfItems: 1 + i, rowId: String(9100 + i) }],
    })),
    purchases: [],
    stock: [],
  };
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

async function setup(articleCount: number, orderCount = 0, batchSize = 100): Promise<SyncHarness> {
  const h = await startSyncHarness({ specterFixture: fixture(articleCount, orderCount) });
  h.env.specter.responseMaxLimit = batchSize;
  harnesses.push(h);
  return h;
}

const putsTo = (h: SyncHarness, path: string): RecordedOngoingCall[] =>
  h.env.ongoing.calls.filter((c) => c.method === 'PUT' && c.path.endsWith(path));
const numbers = (calls: RecordedOngoingCall[], field: string) =>
  calls.map((c) => (c.body as Record<string, string>)[field]);
const feed = (h: SyncHarness) => h.env.specter.state.feeds.articles;

async function writesSettled(goodsOwnerId: number): Promise<void> {
  for (let i = 0; i < 500 && pendingOngoingWrites(goodsOwnerId) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('restart safety', () => {
  it('crash between recording and acknowledging: the reopened app re-reads the open batch and sends nothing twice', async () => {
    const h = await setup(4, 0, 2);
    // Every attempt to acknowledge the first batch is lost: the run ends with the batch recorded but open.
    h.env.specter.faults.enqueue({ kind: 'reset', phase: 'before', match: 'updateArticleInfosFromBatch', count: 4 });
    const first = await createArticlesJob(h.deps).run(ctx());
    expect(first.unreachable).toBe(true);
    expect(numbers(putsTo(h, '/articles'), 'articleNumber')).toEqual(['R-1', 'R-2']);
    expect(h.deps.records.get('articles', 'R-2')?.state).toBe('synced');
    expect(feed(h).open).not.toBeNull();

    h.reopen();
    const second = await createArticlesJob(h.deps).run(ctx());
    expect(second.status).toBe('ok');
    expect(second.counts).toMatchObject({ unchanged: 2, created: 2 });
    // Each article went to Ongoing exactly once over both runs.
    expect(numbers(putsTo(h, '/articles'), 'articleNumber')).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
    expect(feed(h).open).toBeNull();
    expect(feed(h).pending.size).toBe(0);
    expect(h.deps.records.page({ flow: 'articles', state: 'synced' }).total).toBe(4);
  });

  it('crash after some writes: the reopened app finishes the batch; every article exists once in Ongoing', async () => {
    const h = await setup(6);
    let recorded = 0;
    const records = Object.create(h.deps.records) as RecordRepository;
    records.upsert = (u) => {
      if (u.state === 'synced' && ++recorded > 3) throw new Error('simulated crash');
      return h.deps.records.upsert(u);
    };
    const crashing: SyncDeps = { ...h.deps, records };
    await expect(createArticlesJob(crashing).run(ctx())).rejects.toThrow('simulated crash');
    await writesSettled(h.clients.ongoing().goodsOwnerId);
    expect(feed(h).open).not.toBeNull();
    const before = putsTo(h, '/articles').length;

    h.reopen();
    const second = await createArticlesJob(h.deps).run(ctx());
    expect(second.status).toBe('ok');
    const rerun = numbers(putsTo(h, '/articles').slice(before), 'articleNumber');
    // The three recorded before the crash are not sent again. The three written but not recorded are
    // found in Ongoing as Specter has them (adoption): linked without a second write.
    expect(rerun).toEqual([]);
    expect(second.counts).toMatchObject({ unchanged: 6, adopted: 3, fetched: 6 });
    const inOngoing = h.env.ongoing.state.queryArticles(1, {}).map((a) => a.articleNumber);
    expect(inOngoing.sort()).toEqual(['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6']);
    expect(h.deps.records.page({ flow: 'articles', state: 'synced' }).total).toBe(6);
    expect(feed(h).open).toBeNull();
    expect(feed(h).pending.size).toBe(0);
  });

  it('reply lost after Ongoing created an order: after a restart it is adopted, never sent as a second order', async () => {
    const h = await setup(2, 3);
    await createArticlesJob(h.deps).run(ctx());
    // The first order is created in Ongoing but every reply to it is lost (also the client's retries).
    h.env.ongoing.warehouse.enqueueFault({ kind: 'reset', phase: 'after', match: 'PUT /demo/api/v1/orders', count: 4 });
    const first = await createOrdersJob(h.deps).run(ctx());
    expect(first.unreachable).toBe(true);
    expect(h.env.ongoing.state.queryOrders(1, {}).map((o) => o.orderNumber)).toEqual(['3000']);
    expect(h.deps.records.get('orders', '3000')).toBeNull();
    expect(h.deps.watermarks.get('orders')).toBe('2026-02-01 12:00:00');

    h.reopen();
    const second = await createOrdersJob(h.deps).run(ctx());
    expect(second.status).toBe('ok');
    // Order 3000 is in Ongoing as Specter has it: linked without a write.
    expect(second.counts).toMatchObject({ created: 2, updated: 0, unchanged: 1, adopted: 1 });
    const puts = putsTo(h, '/orders').filter((c) => !c.fault);
    expect(puts.map((c) => [(c.body as { orderNumber: string }).orderNumber, c.status])).toEqual([
      ['3001', 201],
      ['3002', 201],
    ]);
    expect(
      h.env.ongoing.state
        .queryOrders(1, {})
        .map((o) => o.orderNumber)
        .sort(),
    ).toEqual(['3000', '3001', '3002']);
    expect(h.deps.records.page({ flow: 'orders', state: 'synced' }).total).toBe(3);
    expect(h.deps.watermarks.get('orders')).toBe('2026-02-01 12:00:02');
    expect(h.deps.exceptions.list({ flow: 'orders', state: 'open' })).toEqual([]);
  });
});
