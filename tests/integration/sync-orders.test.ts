/**
 * The scheduled sales order job against both simulators over real HTTP and a real SQLite file:
 * create/update/unchanged, the watermark with overlap, the exception inbox (validation, refusal,
 * connection, auth), conflicts on started orders, cancellation and dry runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createArticlesJob } from '../../src/main/core/flows/articles';
import { createOrdersJob } from '../../src/main/core/flows/orders';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import { ONGOING_DEMO_USER } from '../../src/main/simulators/ongoing';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import type { GetOrderModel } from '../../src/shared/ongoing/models';
import { type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

const ctx = (dryRun = false): JobContext => ({ runId: 0, dryRun, progress: () => {} });

function fixture(): SpecterFixture {
  return {
    articles: ['A-1', 'A-2', 'A-3'].map((articleNo, i) => ({
      articleNo,
      articleId: String(10 + i),
      name: `Artikel ${i + 1}`,
      lastChanged: `2026-01-01 10:00:0${i}`,
    })),
    customers: [
      {
        customerId: '200',
        firstName: 'Åsa',
        surName: 'Öberg',
        deliveryAddress: { address: 'Storgatan 1', zipCode: '111 22', city: 'Stockholm', countryCode: 'SE' },
      },
    ],
    orders: [
      {
        orderId: '7001',
        orderNo: '1001',
        customerId: '200',
        deliveryDate: '2026-03-01',
        lastChanged: '2026-02-01 10:00:00',
        rows: [
          { articleNo: 'A-1', noOfItems: 2, rowId: '9001' },
          { articleNo: 'A-2', noOfItems: 1, rowId: '9002' },
        ],
      },
      {
        orderId: '7002',
        orderNo: '1002',
        customerId: '200',
        deliveryDate: '2026-03-02',
        lastChanged: '2026-02-01 10:05:00',
        rows: [{ articleNo: 'A-2', noOfItems: 3, rowId: '9003' }],
      },
      {
        // A negative second quantity: the order is invalid.
        orderId: '7003',
        orderNo: '1003',
        customerId: '200',
        deliveryDate: '2026-03-03',
        lastChanged: '2026-02-01 10:04:00',
        rows: [{ articleNo: 'A-3', noOfItems: 2, noOfItems2: -1, rowId: '9004' }],
      },
      {
        // Article A-9 is not in Ongoing yet (not even in Specter's catalogue at first).
        orderId: '7004',
        orderNo: '1004',
        customerId: '200',
        deliveryDate: '2026-03-04',
        lastChanged: '2026-02-01 09:00:00',
        rows: [{ articleNo: 'A-9', noOfItems: 1, rowId: '9005' }],
      },
    ],
    purchases: [],
    stock: [],
  };
}

const harnesses: SyncHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

async function setup(): Promise<SyncHarness> {
  const h = await startSyncHarness({ specterFixture: fixture() });
  harnesses.push(h);
  const articles = await createArticlesJob(h.deps).run(ctx());
  expect(articles.status).toBe('ok');
  h.env.ongoing.clearCalls();
  return h;
}

const runOrders = (h: SyncHarness, dryRun = false) => createOrdersJob(h.deps).run(ctx(dryRun));
const writes = (h: SyncHarness) => h.env.ongoing.calls.filter((c) => c.method !== 'GET');
const orderPuts = (h: SyncHarness) =>
  h.env.ongoing.calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/orders'));
const ongoingId = (h: SyncHarness, orderNo: string) => h.env.ongoing.warehouse.orderIdByNumber(orderNo);
const ongoingOrder = (h: SyncHarness, orderNo: string): GetOrderModel =>
  h.env.ongoing.state.renderOrder(h.env.ongoing.state.requireOrder(ongoingId(h, orderNo)));
const open = (h: SyncHarness) => h.deps.exceptions.list({ state: 'open', flow: 'orders' });

describe('orders job', () => {
  it('creates new orders, records them with a summary and moves the watermark', async () => {
    const h = await setup();
    const result = await runOrders(h);
    expect(result.counts).toMatchObject({ fetched: 4, created: 2, updated: 0, failed: 2 });
    expect(result.status).toBe('partial');
    expect(orderPuts(h).map((c) => (c.body as { orderNumber: string }).orderNumber)).toEqual(['1001', '1002']);

    const record = h.deps.records.get('orders', '1001');
    expect(record).toMatchObject({
      state: 'synced',
      specterId: '7001',
      ongoingId: ongoingId(h, '1001'),
      specterChanged: '2026-02-01 10:00:00',
      summary: { orderNo: '1001', customer: 'Åsa Öberg', deliveryDate: '2026-03-01', rows: 2, specterStatus: 'N' },
    });
    expect(record?.payloadHash).toMatch(/^[0-9a-f]{16}$/);
    expect(h.deps.watermarks.get('orders')).toBe('2026-02-01 10:05:00');
  });

  it('re-reads the overlap without duplicates: an unchanged second run sends nothing', async () => {
    const h = await setup();
    await runOrders(h);
    h.env.ongoing.clearCalls();
    const before = h.env.specter.callsFor('getOrders').length;

    const again = await runOrders(h);
    const listCalls = h.env.specter.callsFor('getOrders').slice(before);
    // The default overlap reaches ten minutes before the watermark (10:05): every order comes again.
    expect(listCalls.map((c) => c.params.changedFrom)).toEqual(['2026-02-01 09:55:00']);
    expect(again.counts.created).toBe(0);
    expect(again.counts.updated).toBe(0);
    expect(again.counts.unchanged).toBeGreaterThanOrEqual(1);
    expect(writes(h)).toHaveLength(0);
    expect(h.env.ongoing.state.queryOrders(1, {}).map((o) => o.orderNumber)).toEqual(['1001', '1002']);
    expect(h.deps.watermarks.get('orders')).toBe('2026-02-01 10:05:00');
  });

  it('sends a changed order again as an update (PUT by order number, same Ongoing id)', async () => {
    const h = await setup();
    await runOrders(h);
    const id = ongoingId(h, '1002');
    h.env.ongoing.clearCalls();
    h.env.specter.updateOrder('7002', { publishedComment: 'Lämna vid dörren' });

    const result = await runOrders(h);
    expect(result.counts.updated).toBe(1);
    expect(orderPuts(h)).toHaveLength(1);
    expect(ongoingId(h, '1002')).toBe(id);
    expect(ongoingOrder(h, '1002').orderInfo?.orderRemark).toBe('Lämna vid dörren');
    expect(h.deps.watermarks.get('orders')).toBe(h.env.specter.state.orders.get('7002')?.lastChanged);
  });

  it('a bad order does not block the others; fixed in Specter or retried, it goes through and the entry clears', async () => {
    const h = await setup();
    await runOrders(h);
    const entries = open(h);
    expect(entries.map((e) => [e.recordKey, e.class]).sort()).toEqual([
      ['1003', 'validation'],
      ['1004', 'validation'],
    ]);
    const quantity = entries.find((e) => e.recordKey === '1003')?.message ?? '';
    expect(quantity).toContain('Order 1003 was not sent to Ongoing');
    expect(quantity).toContain('[rows[0].noOfItems2]');
    expect(quantity).toContain('Correct it in Specter');
    const article = entries.find((e) => e.recordKey === '1004')?.message ?? '';
    expect(article).toContain('[rows[0].articleNo]');
    expect(article).toContain('article A-9 is not known in Ongoing. Sync articles first');
    expect(h.deps.records.get('orders', '1003')?.state).toBe('invalid');

    // 1003 is corrected in Specter; A-9 is added to Specter and synced, 1004 itself is unchanged.
    h.env.specter.updateOrder('7003', { rows: [{ articleNo: 'A-3', noOfItems: 4, rowId: '9004' }] });
    h.env.specter.upsertArticle({ articleNo: 'A-9', name: 'Artikel 9' });
    await createArticlesJob(h.deps).run(ctx());
    h.env.ongoing.clearCalls();
    const getOrderCalls = h.env.specter.callsFor('getOrder').length;

    const result = await runOrders(h);
    expect(result.status).toBe('ok');
    expect(result.counts.created).toBe(2);
    expect(
      orderPuts(h)
        .map((c) => (c.body as { orderNumber: string }).orderNumber)
        .sort(),
    ).toEqual(['1003', '1004']);
    // 1004 was outside the change window: it was read again by id because of its open entry.
    expect(
      h.env.specter
        .callsFor('getOrder')
        .slice(getOrderCalls)
        .map((c) => c.params.orderId),
    ).toEqual(['7004']);
    expect(open(h)).toEqual([]);
    expect(
      h.deps.exceptions
        .list({ flow: 'orders', state: 'resolved' })
        .map((e) => e.recordKey)
        .sort(),
    ).toEqual(['1003', '1004']);
    expect(h.deps.records.get('orders', '1004')?.state).toBe('synced');
  });

  it('Ongoing refusing an order goes to the inbox with its message; the other orders are sent', async () => {
    const h = await setup();
    // The app believes article A-X is in Ongoing, but the warehouse does not have it.
    h.deps.records.upsert({ flow: 'articles', key: 'A-X', ongoingId: 999, state: 'synced' });
    h.env.specter.createOrder({
      orderNo: '1006',
      customerId: '200',
      deliveryDate: '2026-03-06',
      rows: [{ articleNo: 'A-X', noOfItems: 1 }],
    });

    const result = await runOrders(h);
    expect(result.counts.created).toBe(2);
    const refusal = open(h).find((e) => e.recordKey === '1006');
    expect(refusal?.class).toBe('remote_refusal');
    expect(refusal?.message).toContain('Ongoing refused order 1006');
    expect(refusal?.message).toContain("no article with article number 'A-X'");
    expect(h.deps.records.get('orders', '1006')?.state).toBe('failed');
  });

  it('a started order is not replaced: conflict with the differences, allowed fields patched, no PUT', async () => {
    const h = await setup();
    await runOrders(h);
    h.env.ongoing.warehouse.release(ongoingId(h, '1001'));
    h.env.specter.updateOrder('7001', {
      deliveryDate: '2026-03-05',
      publishedComment: 'Ring före leverans',
      rows: [
        { articleNo: 'A-1', noOfItems: 5, rowId: '9001' },
        { articleNo: 'A-2', noOfItems: 1, rowId: '9002' },
      ],
    });
    h.env.ongoing.clearCalls();

    const result = await runOrders(h);
    expect(result.counts.conflicts).toBe(1);
    expect(orderPuts(h)).toHaveLength(0);
    expect(
      writes(h)
        .map((c) => `${c.method} ${c.path.replace(/\/orders\/\d+/, '/orders/{id}')}`)
        .sort(),
    ).toEqual(['PATCH /api/v1/orders/{id}/deliveryDate', 'PATCH /api/v1/orders/{id}/orderRemark']);
    const info = ongoingOrder(h, '1001').orderInfo;
    expect(info?.deliveryDate?.slice(0, 10)).toBe('2026-03-05');
    expect(info?.orderRemark).toBe('Ring före leverans');
    expect(ongoingOrder(h, '1001').orderLines?.find((l) => l.rowNumber === '9001')?.orderedNumberOfItems).toBe(2);

    const [conflict] = open(h).filter((e) => e.class === 'conflict');
    expect(conflict?.recordKey).toBe('1001');
    expect(conflict?.differences).toEqual([{ field: 'orderLines[9001].numberOfItems', specter: '5', ongoing: '2' }]);
    expect(conflict?.message).toContain('status Released (300)');
    expect(conflict?.message).toContain('Applied in Ongoing: deliveryDate, orderRemark');
    expect(h.deps.records.get('orders', '1001')).toMatchObject({
      state: 'conflict',
      ongoingStatus: 300,
      ongoingStatusText: 'Released',
    });

    // The same Specter version is not handled twice.
    h.env.ongoing.clearCalls();
    const again = await runOrders(h);
    expect(again.counts.conflicts).toBe(0);
    expect(writes(h)).toHaveLength(0);
    expect(open(h).find((e) => e.class === 'conflict')?.occurrences).toBe(1);
  });

  it('an order the app lost its link to, started in Ongoing and changed in Specter: found by number, a conflict without a PUT', async () => {
    const h = await setup();
    await runOrders(h);
    // The app lost its link to the order (e.g. a restored database); Ongoing has it and has started.
    h.deps.db.prepare(`DELETE FROM records WHERE flow = 'orders' AND key = '1002'`).run();
    h.env.ongoing.warehouse.release(ongoingId(h, '1002'));
    h.env.specter.updateOrder('7002', { rows: [{ articleNo: 'A-2', noOfItems: 4, rowId: '9003' }] });
    h.env.ongoing.clearCalls();

    const result = await runOrders(h);
    expect(result.counts.conflicts).toBe(1);
    expect(orderPuts(h)).toEqual([]);
    expect(open(h).find((e) => e.recordKey === '1002')?.differences).toEqual([
      { field: 'orderLines[9003].numberOfItems', specter: '4', ongoing: '3' },
    ]);
  });

  it('cancels an order cancelled in Specter while not started; a started one becomes a conflict', async () => {
    const h = await setup();
    await runOrders(h);
    h.env.ongoing.warehouse.release(ongoingId(h, '1001'));
    h.env.specter.cancelOrder('7002');
    h.env.specter.cancelOrder('7001');
    h.env.ongoing.clearCalls();

    const result = await runOrders(h);
    expect(result.counts).toMatchObject({ updated: 1, conflicts: 1 });
    expect(ongoingOrder(h, '1002').orderInfo?.orderStatus?.number).toBe(1000);
    expect(ongoingOrder(h, '1001').orderInfo?.orderStatus?.number).toBe(300);
    expect(h.deps.records.get('orders', '1002')).toMatchObject({
      state: 'cancelled',
      summary: { specterStatus: 'cancelled' },
    });
    const conflict = open(h).find((e) => e.recordKey === '1001');
    expect(conflict?.class).toBe('conflict');
    expect(conflict?.differences).toEqual([{ field: 'status', specter: 'cancelled', ongoing: 'Released (300)' }]);
    expect(conflict?.message).toContain('was cancelled in Specter');
    expect(writes(h).filter((c) => c.method === 'DELETE' && c.status === 200)).toHaveLength(1);

    h.env.ongoing.clearCalls();
    const again = await runOrders(h);
    expect(writes(h)).toHaveLength(0);
    expect(again.counts.updated).toBe(0);
  });

  it('a dry run writes nothing and returns the plan', async () => {
    const h = await setup();
    const first = await runOrders(h, true);
    expect(writes(h)).toHaveLength(0);
    expect(h.deps.watermarks.get('orders')).toBeNull();
    expect(h.deps.records.page({ flow: 'orders' }).total).toBe(0);
    expect(h.deps.exceptions.list({ flow: 'orders' })).toEqual([]);
    const plan = Object.fromEntries((first.plan ?? []).map((p) => [p.key, p.action]));
    expect(plan).toEqual({ '1001': 'create', '1002': 'create', '1003': 'invalid', '1004': 'invalid' });
    expect((first.plan ?? []).find((p) => p.key === '1001')?.payload).toMatchObject({
      orderNumber: '1001',
      orderLines: [{ rowNumber: '9001' }, { rowNumber: '9002' }],
    });

    await runOrders(h);
    h.env.ongoing.warehouse.release(ongoingId(h, '1001'));
    h.env.specter.updateOrder('7001', { rows: [{ articleNo: 'A-1', noOfItems: 9, rowId: '9001' }] });
    h.env.specter.cancelOrder('7002');
    h.env.ongoing.clearCalls();
    const watermark = h.deps.watermarks.get('orders');
    const recordsBefore = h.deps.records.page({ flow: 'orders' }).rows.map((r) => [r.key, r.state, r.updatedAt]);
    const exceptionsBefore = h.deps.exceptions.list({ flow: 'orders' });

    const second = await runOrders(h, true);
    expect(writes(h)).toHaveLength(0);
    expect(h.deps.watermarks.get('orders')).toBe(watermark);
    expect(h.deps.records.page({ flow: 'orders' }).rows.map((r) => [r.key, r.state, r.updatedAt])).toEqual(
      recordsBefore,
    );
    expect(h.deps.exceptions.list({ flow: 'orders' })).toEqual(exceptionsBefore);
    const conflict = second.plan?.find((p) => p.key === '1001');
    expect(conflict?.action).toBe('conflict');
    expect(conflict?.message).toContain('orderLines[9001].numberOfItems: Specter "9", Ongoing "2"');
    expect(second.plan?.find((p) => p.key === '1002')?.action).toBe('cancel');
  });

  it('Specter unreachable: a connection entry, unreachable for backoff, watermark kept; a later run clears it', async () => {
    const h = await setup();
    h.env.specter.faults.setRates({ error: 1 });
    const failed = await runOrders(h);
    expect(failed.status).toBe('failed');
    expect(failed.unreachable).toBe(true);
    expect(h.deps.watermarks.get('orders')).toBeNull();
    const [entry] = open(h);
    expect(entry).toMatchObject({ class: 'connection', recordKey: '*' });
    expect(entry?.message).toContain('Specter answered with something the app cannot use (');

    h.env.specter.faults.setRates({});
    const ok = await runOrders(h);
    expect(ok.unreachable).toBeUndefined();
    expect(ok.counts.created).toBe(2);
    expect(open(h).filter((e) => e.class === 'connection')).toEqual([]);
    expect(h.deps.exceptions.list({ flow: 'orders', state: 'resolved' }).map((e) => e.class)).toContain('connection');
  });

  it('never moves the watermark past an order that failed for a connection reason', async () => {
    const h = await setup();
    await runOrders(h);
    // In change order: 1002 cancelled (DELETE), then 1001 changed (PUT fails), then a new order.
    h.env.specter.cancelOrder('7002');
    h.env.specter.updateOrder('7001', { publishedComment: 'Ny kommentar' });
    h.env.specter.createOrder({
      orderNo: '1005',
      customerId: '200',
      deliveryDate: '2026-03-07',
      rows: [{ articleNo: 'A-1', noOfItems: 1 }],
    });
    const changed1001 = h.env.specter.state.orders.get('7001')?.lastChanged as string;
    h.env.ongoing.warehouse.enqueueFault({
      kind: 'error',
      phase: 'before',
      match: 'PUT /demo/api/v1/orders',
      count: 4,
    });

    const failed = await runOrders(h);
    expect(failed.unreachable).toBe(true);
    expect(failed.status).toBe('partial');
    expect(ongoingOrder(h, '1002').orderInfo?.orderStatus?.number).toBe(1000);
    expect(() => ongoingId(h, '1005')).toThrow();
    expect(h.deps.watermarks.get('orders')).toBe(changed1001);
    expect(open(h).map((e) => e.class)).toContain('connection');

    const ok = await runOrders(h);
    expect(ok.unreachable).toBeUndefined();
    expect(ok.counts).toMatchObject({ created: 1, updated: 1 });
    expect(ongoingOrder(h, '1001').orderInfo?.orderRemark).toBe('Ny kommentar');
    expect(ongoingId(h, '1005')).toBeGreaterThan(0);
    expect(h.deps.watermarks.get('orders')).toBe(
      h.env.specter.state.orders.get(
        [...h.env.specter.state.orders.values()].find((o) => o.orderNo === '1005')?.orderId as string,
      )?.lastChanged,
    );
    expect(open(h).filter((e) => e.class === 'connection')).toEqual([]);
  });

  it('Ongoing refusing the credentials: an auth entry, the run fails without sending; fixed, it clears', async () => {
    const h = await setup();
    await h.env.secrets.set('ongoing.password', 'not-the-password');
    const failed = await runOrders(h);
    expect(failed.status).toBe('failed');
    expect(failed.unreachable).toBeUndefined();
    const entry = open(h).find((e) => e.class === 'auth');
    expect(entry?.recordKey).toBe('*');
    expect(entry?.message).toContain('Ongoing refused the credentials');
    expect(entry?.message).not.toContain('not-the-password');
    // Ongoing refused already the read of the orders it holds (to adopt them), before any order was
    // handled: the watermark stops at the first fetched order, 1004 (09:00).
    expect(h.deps.watermarks.get('orders')).toBe('2026-02-01 09:00:00');
    expect(h.deps.records.page({ flow: 'orders' }).total).toBe(0);
    expect(h.env.ongoing.state.queryOrders(1, {})).toHaveLength(0);

    await h.env.secrets.set('ongoing.password', ONGOING_DEMO_USER.password);
    const ok = await runOrders(h);
    expect(ok.counts.created).toBe(2);
    expect(open(h).filter((e) => e.class === 'auth')).toEqual([]);
  });
});
