/**
 * Contract tests: OngoingClient against the Ongoing simulator over real HTTP on 127.0.0.1.
 */
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OngoingCallEvent, OngoingClient, type OngoingClientOptions } from '../../src/main/core/ongoing/client';
import { pendingOngoingWrites } from '../../src/main/core/ongoing/write-queue';
import { isRemoteError, type RemoteError } from '../../src/main/core/net/remote-error';
import { findOngoingOperation, validateOngoingBody } from '../../src/main/simulators/ongoing/schema';
import {
  type OngoingSimulator,
  type OngoingSimulatorOptions,
  type RecordedOngoingCall,
  startOngoingSimulator,
} from '../../src/main/simulators/ongoing/simulator';
import type { OngoingOrderInput, OngoingPurchaseOrderInput } from '../../src/main/core/ongoing/client';

const USER = { user: 'api-user', password: 'S3cret-Pa55word', goodsOwnerId: 7 };
const OTHER_USER = { user: 'other-user', password: 'Other-Pa55word', goodsOwnerId: 8 };
const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50, jitter: 0 };

/** Simulators whose recorded calls must all be valid API requests (checked by the last test). */
const tracked: OngoingSimulator[] = [];
const allSims: OngoingSimulator[] = [];
let sim: OngoingSimulator;
let seq = 0;

async function newSim(options: Partial<OngoingSimulatorOptions> = {}, track = true): Promise<OngoingSimulator> {
  const s = await startOngoingSimulator({ users: [USER, OTHER_USER], latencyMs: 2, ...options });
  allSims.push(s);
  if (track) tracked.push(s);
  return s;
}

function clientFor(s: OngoingSimulator, overrides: Partial<OngoingClientOptions> = {}): OngoingClient {
  return new OngoingClient({
    baseUrl: s.url,
    credentials: async () => ({ user: USER.user, password: USER.password }),
    goodsOwnerId: USER.goodsOwnerId,
    timeoutMs: 2_000,
    retry: FAST_RETRY,
    ...overrides,
  });
}

function unique(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${seq}`;
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    if (isRemoteError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function callsSince(s: OngoingSimulator, mark: number): RecordedOngoingCall[] {
  return s.calls.filter((c) => c.seq > mark);
}

function lastSeq(s: OngoingSimulator): number {
  return s.calls.at(-1)?.seq ?? 0;
}

async function article(client: OngoingClient, articleNumber = unique('ART')): Promise<string> {
  await client.upsertArticle({
    articleNumber,
    articleName: `Article ${articleNumber}`,
    weight: 1.25,
    purchasePrice: 10,
  });
  return articleNumber;
}

function orderBody(orderNumber: string, lines: { row: string; article: string; qty: number }[]): OngoingOrderInput {
  return {
    orderNumber,
    deliveryDate: '2026-12-01',
    consignee: {
      customerNumber: 'C-100',
      name: 'Kund AB',
      address1: 'Storgatan 1',
      postCode: '11122',
      city: 'Stockholm',
      countryCode: 'SE',
    },
    orderRemark: 'Ring before delivery',
    orderLines: lines.map((l) => ({
      rowNumber: l.row,
      articleNumber: l.article,
      numberOfItems: l.qty,
      prices: { linePrice: 99.5, currencyCode: 'SEK' },
      vat: { code: '25', percent: 25 },
    })),
  };
}

function poBody(
  purchaseOrderNumber: string,
  lines: { row: string; article: string; qty: number }[],
): OngoingPurchaseOrderInput {
  return {
    purchaseOrderNumber,
    inDate: '2026-12-05T00:00:00+00:00',
    supplierInfo: {
      supplierNumber: 'S-1',
      supplierName: 'Leverantör AB',
      supplierAddress: { address: 'Industrivägen 2', city: 'Malmö' },
    },
    purchaseOrderLines: lines.map((l) => ({
      rowNumber: l.row,
      articleNumber: l.article,
      numberOfItems: l.qty,
      rowPrice: 5,
    })),
  };
}

beforeAll(async () => {
  sim = await newSim();
});

afterAll(async () => {
  await Promise.all(allSims.map((s) => s.close()));
});

describe('articles', () => {
  it('creates, updates and reads an article with inventory info; goodsOwnerId goes into the body', async () => {
    const client = clientFor(sim);
    const number = unique('ART');
    const created = await client.upsertArticle({ articleNumber: number, articleName: 'Skruv M6', productCode: 'P-1' });
    expect(created.articleSystemId).toBeGreaterThan(0);
    expect(created.message).toContain('created');
    const updated = await client.upsertArticle({ articleNumber: number, articleName: 'Skruv M6 förzinkad' });
    expect(updated.articleSystemId).toBe(created.articleSystemId);
    expect(updated.message).toContain('updated');

    const put = sim.calls.filter((c) => c.method === 'PUT' && c.path === '/api/v1/articles').at(-1);
    expect((put?.body as { goodsOwnerId?: number } | undefined)?.goodsOwnerId).toBe(USER.goodsOwnerId);

    sim.warehouse.adjustStock(number, 12, USER.goodsOwnerId);
    const [listed] = await client.listArticles({ articleNumbers: [number] });
    expect(listed?.articleName).toBe('Skruv M6 förzinkad');
    expect(listed?.inventoryInfo?.numberOfItems).toBe(12);
    expect(listed?.inventoryInfo?.sellableNumberOfItems).toBe(12);
    const one = await client.getArticle(created.articleSystemId);
    expect(one.articleNumber).toBe(number);
  });

  it('sends articleNumbers as repeated query parameters and gets only those articles', async () => {
    const client = clientFor(sim);
    const a = await article(client);
    const b = await article(client);
    await article(client);
    const mark = lastSeq(sim);
    const found = await client.listArticles({ articleNumbers: [a, b] });
    expect(found.map((x) => x.articleNumber).sort()).toEqual([a, b].sort());
    const first = callsSince(sim, mark)[0];
    const params = new URLSearchParams(first?.query);
    expect(params.getAll('articleNumbers')).toEqual([a, b]);
    expect(params.get('goodsOwnerId')).toBe(String(USER.goodsOwnerId));
  });

  it('an empty articleNumbers list returns nothing without a request', async () => {
    const mark = lastSeq(sim);
    expect(await clientFor(sim).listArticles({ articleNumbers: [] })).toEqual([]);
    expect(callsSince(sim, mark)).toHaveLength(0);
  });

  it('pages by articleSystemIdFrom = highest id + 1 until an empty page', async () => {
    const pagingSim = await newSim();
    const client = clientFor(pagingSim);
    for (let i = 0; i < 7; i++) await article(client);
    const mark = lastSeq(pagingSim);
    const all = await client.listArticles({ pageSize: 3 });
    expect(all).toHaveLength(7);
    const ids = all.map((a) => a.articleSystemId as number);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const gets = callsSince(pagingSim, mark);
    expect(gets).toHaveLength(4);
    const froms = gets.map((c) => new URLSearchParams(c.query).get('articleSystemIdFrom'));
    expect(froms).toEqual([null, String(ids[2]! + 1), String(ids[5]! + 1), String(ids[6]! + 1)]);
    expect(gets.every((c) => new URLSearchParams(c.query).get('maxArticlesToGet') === '3')).toBe(true);

    const sizes: number[] = [];
    for await (const page of client.articlePages({ pageSize: 3 })) sizes.push(page.length);
    expect(sizes).toEqual([3, 3, 1]);
  });
});

describe('orders', () => {
  it('upsert creates (201) then updates (200) by order number; lines keep their ids by rowNumber', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    const number = unique('O');
    const created = await client.upsertOrder(orderBody(number, [{ row: '1', article: art, qty: 2 }]));
    expect(created.created).toBe(true);
    expect(created.message).toContain(number);
    const first = await client.getOrder(created.orderId);
    const lineId = first.orderLines?.[0]?.id;

    const updated = await client.upsertOrder(
      orderBody(number, [
        { row: '1', article: art, qty: 5 },
        { row: '2', article: art, qty: 1 },
      ]),
    );
    expect(updated).toMatchObject({ orderId: created.orderId, created: false });
    const order = await client.getOrder(created.orderId);
    expect(order.orderInfo?.orderNumber).toBe(number);
    expect(order.orderInfo?.orderStatus?.number).toBe(200);
    expect(order.orderLines?.map((l) => [l.rowNumber, l.orderedNumberOfItems])).toEqual([
      ['1', 5],
      ['2', 1],
    ]);
    expect(order.orderLines?.[0]?.id).toBe(lineId);
    expect(order.consignee?.address1).toBe('Storgatan 1');

    const found = await client.findOrderByNumber(number);
    expect(found?.orderInfo?.orderId).toBe(created.orderId);
    expect(await client.findOrderByNumber(unique('missing'))).toBeUndefined();
  });

  it('queries by status range and status-changed time (sent as UTC with an explicit, encoded offset)', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    sim.warehouse.adjustStock(art, 10, USER.goodsOwnerId);
    const before = new Date(Date.now() - 1000);
    const open = await client.upsertOrder(orderBody(unique('O'), [{ row: '1', article: art, qty: 1 }]));
    const released = await client.upsertOrder(orderBody(unique('O'), [{ row: '1', article: art, qty: 1 }]));
    sim.warehouse.release(released.orderId);

    const mark = lastSeq(sim);
    const result = await client.queryOrders({
      orderStatusFrom: 300,
      orderStatusTo: 399,
      orderStatusChangedTimeFrom: before,
    });
    const ids = result.map((o) => o.orderInfo?.orderId);
    expect(ids).toContain(released.orderId);
    expect(ids).not.toContain(open.orderId);
    const call = callsSince(sim, mark)[0];
    expect(call?.query).toContain(
      `orderStatusChangedTimeFrom=${encodeURIComponent(before.toISOString().replace('Z', '+00:00'))}`,
    );
    expect(call?.query).toMatch(/%2B00%3A00/);

    const future = await client.queryOrders({ orderStatusChangedTimeFrom: new Date(Date.now() + 60_000) });
    expect(future).toEqual([]);
  });

  it('pages orders by orderIdFrom + maxOrdersToGet until an empty page', async () => {
    const pagingSim = await newSim();
    const client = clientFor(pagingSim);
    const art = await article(client);
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const n = unique('OP');
      numbers.push(n);
      await client.upsertOrder(orderBody(n, [{ row: '1', article: art, qty: 1 }]));
    }
    const mark = lastSeq(pagingSim);
    const orders = await client.queryOrders({ pageSize: 2 });
    expect(orders.map((o) => o.orderInfo?.orderNumber)).toEqual(numbers);
    const gets = callsSince(pagingSim, mark);
    expect(gets).toHaveLength(4);
    expect(gets.map((c) => new URLSearchParams(c.query).get('maxOrdersToGet'))).toEqual(['2', '2', '2', '2']);
    expect(gets.map((c) => new URLSearchParams(c.query).get('orderIdFrom'))).toEqual([null, '3', '5', '6']);
  });

  it('reports picked lines until setReportedToPicked acknowledges them', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    sim.warehouse.adjustStock(art, 10, USER.goodsOwnerId);
    const { orderId } = await client.upsertOrder(orderBody(unique('O'), [{ row: '1', article: art, qty: 3 }]));
    sim.warehouse.release(orderId);
    sim.warehouse.pick(orderId, { '1': 2 });
    sim.warehouse.ship(orderId, { status: 450, waybill: '00370712345678901234' });

    const toReport = await client.queryOrders({ onlyOrdersWithOrderLinesToReport: true });
    const mine = toReport.find((o) => o.orderInfo?.orderId === orderId);
    expect(mine?.orderLines?.[0]).toMatchObject({ pickedNumberOfItems: 2, reportedNumberOfItems: 0 });
    expect(mine?.orderInfo?.wayBill).toBe('00370712345678901234');
    expect(mine?.tracking?.[0]?.waybill).toBe('00370712345678901234');
    expect(mine?.orderInfo?.shippedTime).toBeTruthy();

    const result = await client.setReportedToPicked(orderId);
    expect(result.orderId).toBe(orderId);
    const after = await client.queryOrders({ onlyOrdersWithOrderLinesToReport: true });
    expect(after.some((o) => o.orderInfo?.orderId === orderId)).toBe(false);
    expect((await client.getOrder(orderId)).orderLines?.[0]?.reportedNumberOfItems).toBe(2);
  });

  it('cancels an open order by id and by number', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    const a = await client.upsertOrder(orderBody(unique('O'), [{ row: '1', article: art, qty: 1 }]));
    const bNumber = unique('O');
    const b = await client.upsertOrder(orderBody(bNumber, [{ row: '1', article: art, qty: 1 }]));
    await client.cancelOrder(a.orderId);
    const byNumber = await client.cancelOrderByNumber(bNumber);
    expect(byNumber.orderId).toBe(b.orderId);
    expect((await client.getOrder(a.orderId)).orderInfo?.orderStatus?.number).toBe(1000);
    expect((await client.getOrder(b.orderId)).orderInfo?.orderStatus?.number).toBe(1000);
  });

  it('a PUT on a released order is "locked" with Ongoing\'s message kept, not retried; PATCH still works', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    sim.warehouse.adjustStock(art, 5, USER.goodsOwnerId);
    const number = unique('O');
    const { orderId } = await client.upsertOrder(orderBody(number, [{ row: '1', article: art, qty: 1 }]));
    sim.warehouse.release(orderId);

    const mark = lastSeq(sim);
    const error = await failure(client.upsertOrder(orderBody(number, [{ row: '1', article: art, qty: 2 }])));
    expect(error.kind).toBe('locked');
    expect(error.system).toBe('ongoing');
    expect(error.operation).toBe('upsertOrder');
    expect(error.status).toBe(400);
    expect(error.message).toContain(`order ${number}`);
    expect(error.message).toContain('can not be updated since the warehouse has started working on it');
    expect(callsSince(sim, mark)).toHaveLength(1);

    const cancel = await failure(client.cancelOrder(orderId));
    expect(cancel.kind).toBe('locked');
    expect(cancel.message).toContain('can not be cancelled');

    await client.patchOrderDeliveryDate(orderId, '2027-01-15');
    await client.patchOrderRemark(orderId, 'Leave at the gate');
    await client.patchOrderFreeText1(orderId, 'Specter 1234');
    await client.patchOrderServicePointCode(orderId, 'SP-991');
    const order = await client.getOrder(orderId);
    expect(order.orderInfo?.deliveryDate).toBe('2027-01-15T00:00:00.000Z');
    expect(order.orderInfo?.orderRemark).toBe('Leave at the gate');
    expect(order.orderInfo?.freeText1).toBe('Specter 1234');
    expect(order.orderInfo?.servicePointCode).toBe('SP-991');
    expect(order.orderLines?.[0]?.orderedNumberOfItems).toBe(1);
  });

  it('treats another 4xx (409) on an order upsert as locked', async () => {
    const lockSim = await newSim({ lockedHttpStatus: 409 });
    const client = clientFor(lockSim);
    const art = await article(client);
    lockSim.warehouse.adjustStock(art, 5, USER.goodsOwnerId);
    const number = unique('O');
    const { orderId } = await client.upsertOrder(orderBody(number, [{ row: '1', article: art, qty: 1 }]));
    lockSim.warehouse.release(orderId);
    const error = await failure(client.upsertOrder(orderBody(number, [{ row: '1', article: art, qty: 3 }])));
    expect(error.kind).toBe('locked');
    expect(error.status).toBe(409);
  });

  it('reads the warehouse status lists', async () => {
    const client = clientFor(sim);
    const orderStatuses = await client.orderStatuses();
    expect(orderStatuses).toContainEqual({ number: 450, text: 'Sent' });
    expect(orderStatuses).toContainEqual({ number: 1000, text: 'Cancelled' });
    const poStatuses = await client.purchaseOrderStatuses();
    expect(poStatuses).toContainEqual({ number: 500, text: 'Received' });
  });
});

describe('purchase orders', () => {
  it('upserts, reads, receives, reports and refuses updates once receiving started', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    const number = unique('PO');
    const created = await client.upsertPurchaseOrder(poBody(number, [{ row: '1', article: art, qty: 10 }]));
    const again = await client.upsertPurchaseOrder(poBody(number, [{ row: '1', article: art, qty: 12 }]));
    expect(again.purchaseOrderId).toBe(created.purchaseOrderId);
    const po = await client.getPurchaseOrder(created.purchaseOrderId);
    expect(po.purchaseOrderInfo?.purchaseOrderNumber).toBe(number);
    expect(po.purchaseOrderInfo?.purchaseOrderStatus?.number).toBe(100);
    expect(po.purchaseOrderLines?.[0]?.advisedNumberOfItems).toBe(12);

    sim.warehouse.receive(created.purchaseOrderId, { '1': 4 });
    const toReport = await client.queryPurchaseOrders({ onlyPurchaseOrdersWithOrderLinesToReport: true });
    const mine = toReport.find((p) => p.purchaseOrderInfo?.purchaseOrderId === created.purchaseOrderId);
    expect(mine?.purchaseOrderLines?.[0]).toMatchObject({ receivedNumberOfItems: 4, reportedNumberOfItems: 0 });

    const locked = await failure(client.upsertPurchaseOrder(poBody(number, [{ row: '1', article: art, qty: 20 }])));
    expect(locked.kind).toBe('locked');
    expect(locked.message).toContain(`purchase order ${number}`);
    expect(locked.message).toContain('can not be updated');

    await client.setReportedToReceived(created.purchaseOrderId);
    const after = await client.queryPurchaseOrders({ onlyPurchaseOrdersWithOrderLinesToReport: true });
    expect(after.some((p) => p.purchaseOrderInfo?.purchaseOrderId === created.purchaseOrderId)).toBe(false);
    const byNumber = await client.queryPurchaseOrders({ purchaseOrderNumber: number });
    expect(byNumber).toHaveLength(1);
    expect(byNumber[0]?.purchaseOrderLines?.[0]?.reportedNumberOfItems).toBe(4);
  });

  it('cancels purchase orders by id and by number', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    const a = await client.upsertPurchaseOrder(poBody(unique('PO'), [{ row: '1', article: art, qty: 1 }]));
    const bNumber = unique('PO');
    const b = await client.upsertPurchaseOrder(poBody(bNumber, [{ row: '1', article: art, qty: 1 }]));
    await client.cancelPurchaseOrder(a.purchaseOrderId);
    expect((await client.cancelPurchaseOrderByNumber(bNumber)).purchaseOrderId).toBe(b.purchaseOrderId);
    const statuses = await client.queryPurchaseOrders({ purchaseOrderStatusFrom: 900, purchaseOrderStatusTo: 900 });
    const ids = statuses.map((p) => p.purchaseOrderInfo?.purchaseOrderId);
    expect(ids).toEqual(expect.arrayContaining([a.purchaseOrderId, b.purchaseOrderId]));
  });

  it('pages purchase orders by purchaseOrderIdFrom + maxPurchaseOrdersToGet', async () => {
    const pagingSim = await newSim();
    const client = clientFor(pagingSim);
    const art = await article(client);
    for (let i = 0; i < 4; i++)
      await client.upsertPurchaseOrder(poBody(unique('POP'), [{ row: '1', article: art, qty: 1 }]));
    const mark = lastSeq(pagingSim);
    const all = await client.queryPurchaseOrders({ pageSize: 3 });
    expect(all).toHaveLength(4);
    const gets = callsSince(pagingSim, mark);
    expect(gets.map((c) => new URLSearchParams(c.query).get('purchaseOrderIdFrom'))).toEqual([null, '4', '5']);
    expect(gets.every((c) => new URLSearchParams(c.query).get('maxPurchaseOrdersToGet') === '3')).toBe(true);
  });
});

describe('errors', () => {
  it('wrong password → auth, not retried, password never in the message', async () => {
    const client = clientFor(sim, { credentials: async () => ({ user: USER.user, password: 'wrong-Secret-123' }) });
    const mark = lastSeq(sim);
    const error = await failure(client.orderStatuses());
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/user name, password and goods owner id/);
    expect(error.message).not.toContain('wrong-Secret-123');
    expect(callsSince(sim, mark)).toHaveLength(1);
    expect(callsSince(sim, mark)[0]?.headers.authorization).toBe('Basic ***');
  });

  it('a goods owner the user does not belong to → auth (403)', async () => {
    const client = clientFor(sim, { goodsOwnerId: OTHER_USER.goodsOwnerId });
    const error = await failure(client.listArticles());
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(403);
    await expect(client.checkConnection()).rejects.toMatchObject({ kind: 'auth' });
    await expect(clientFor(sim).checkConnection()).resolves.toBeUndefined();
  });

  it('missing credentials → auth without a request', async () => {
    const client = clientFor(sim, { credentials: async () => ({ user: '', password: '' }) });
    const mark = lastSeq(sim);
    expect((await failure(client.orderStatuses())).kind).toBe('auth');
    expect(callsSince(sim, mark)).toHaveLength(0);
  });

  it('validation 400 names the field and the order, and is not retried', async () => {
    const invalidSim = await newSim({}, false);
    const client = clientFor(invalidSim);
    const art = await article(client);
    const number = unique('O');
    const mark = lastSeq(invalidSim);
    const body = { ...orderBody(number, [{ row: '1', article: art, qty: 1 }]), consignee: undefined };
    const error = await failure(client.upsertOrder(body as unknown as OngoingOrderInput));
    expect(error.kind).toBe('validation');
    expect(error.status).toBe(400);
    expect(error.message).toContain(`order ${number}`);
    expect(error.message).toContain('consignee is required');
    expect(callsSince(invalidSim, mark)).toHaveLength(1);

    const noRow = orderBody(unique('O'), [{ row: '', article: art, qty: 1 }]);
    const rowError = await failure(client.upsertOrder(noRow));
    expect(rowError.message).toContain('orderLines[0].rowNumber must not be empty');

    const unknownArticle = await failure(
      client.upsertOrder(orderBody(unique('O'), [{ row: '1', article: 'NOPE', qty: 1 }])),
    );
    expect(unknownArticle.kind).toBe('validation');
    expect(unknownArticle.message).toContain(
      "orderLines[0].articleNumber: there is no article with article number 'NOPE'",
    );

    const noNumber = await failure(client.upsertArticle({ articleNumber: '' }));
    expect(noNumber.kind).toBe('validation');
    expect(noNumber.message).toContain('articleNumber must not be empty');
  });

  it('an unknown order id → not_found', async () => {
    const error = await failure(clientFor(sim).getOrder(999_999));
    expect(error.kind).toBe('not_found');
    expect(error.message).toContain('order id 999999');
  });

  it('429 → rate; Retry-After is honoured before the retry', async () => {
    const client = clientFor(sim);
    sim.faults.enqueue({
      kind: 'rate429',
      phase: 'before',
      retryAfterSeconds: 1,
      match: 'GET /demo/api/v1/orders/statuses',
    });
    const mark = lastSeq(sim);
    const statuses = await client.orderStatuses();
    expect(statuses.length).toBeGreaterThan(0);
    const calls = callsSince(sim, mark);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    const gap = Date.parse(calls[1]!.at) - Date.parse(calls[0]!.at);
    expect(gap).toBeGreaterThanOrEqual(950);
  });

  it('503 → rate with retryAfterMs, retried up to the cap', async () => {
    const client = clientFor(sim, { retry: { ...FAST_RETRY, maxAttempts: 2, maxDelayMs: 10 } });
    sim.faults.enqueue({
      kind: 'unavailable503',
      phase: 'before',
      retryAfterSeconds: 0.05,
      count: 5,
      match: 'GET /demo/api/v1/purchaseOrders/statuses',
    });
    const mark = lastSeq(sim);
    const error = await failure(client.purchaseOrderStatuses());
    expect(error.kind).toBe('rate');
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBe(50);
    expect(callsSince(sim, mark)).toHaveLength(2);
    sim.faults.clear();
  });

  it('500 → server (Message casing read); reads retry and stop at the cap', async () => {
    const client = clientFor(sim);
    sim.faults.enqueue({ kind: 'error', phase: 'before', count: 10, match: 'GET /demo/api/v1/orders/statuses' });
    const mark = lastSeq(sim);
    const error = await failure(client.orderStatuses());
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(error.message).toContain('An error has occurred.');
    expect(error.inDoubt).toBe(false);
    expect(callsSince(sim, mark)).toHaveLength(FAST_RETRY.maxAttempts);
    sim.faults.clear();

    sim.faults.enqueue({ kind: 'error', phase: 'before', count: 1, match: 'GET /demo/api/v1/orders/statuses' });
    await expect(client.orderStatuses()).resolves.toContainEqual({ number: 200, text: 'Open' });
  });

  it('an HTML error page → protocol', async () => {
    const client = clientFor(sim, { retry: { maxAttempts: 1 } });
    sim.faults.enqueue({ kind: 'html', phase: 'before', match: 'GET /demo/api/v1/orders/statuses' });
    const error = await failure(client.orderStatuses());
    expect(error.kind).toBe('protocol');
    expect(error.status).toBe(502);
    expect(error.message).toContain('web page');
  });

  it('a cut-off JSON body → protocol; on a write it is in doubt', async () => {
    const client = clientFor(sim, { retry: { maxAttempts: 1 } });
    sim.faults.enqueue({ kind: 'malformed', phase: 'before', match: 'GET /demo/api/v1/purchaseOrders/statuses' });
    expect((await failure(client.purchaseOrderStatuses())).kind).toBe('protocol');

    const number = unique('ART');
    sim.faults.enqueue({ kind: 'malformed', phase: 'after', match: 'PUT /demo/api/v1/articles' });
    const write = await failure(client.upsertArticle({ articleNumber: number }));
    expect(write.kind).toBe('protocol');
    expect(write.inDoubt).toBe(true);
    expect(sim.state.articleByNumber(USER.goodsOwnerId, number)).toBeDefined();
  });

  it('connection reset → network; an idempotent PUT applied before the reset is retried safely', async () => {
    const number = unique('ART');
    sim.faults.enqueue({ kind: 'reset', phase: 'after', match: 'PUT /demo/api/v1/articles' });
    const events: OngoingCallEvent[] = [];
    const observed = clientFor(sim, { onCall: (e) => events.push(e) });
    const result = await observed.upsertArticle({ articleNumber: number, articleName: 'Reset test' });
    expect(events.map((e) => e.errorKind)).toEqual(['network', undefined]);
    expect(result.articleSystemId).toBe(sim.state.articleByNumber(USER.goodsOwnerId, number)?.articleSystemId);
    expect([...sim.state.articles.values()].filter((a) => a.articleNumber === number)).toHaveLength(1);

    sim.faults.enqueue({ kind: 'reset', phase: 'before', match: 'GET /demo/api/v1/orders/statuses' });
    const single = clientFor(sim, { retry: { maxAttempts: 1 } });
    const error = await failure(single.orderStatuses());
    expect(error.kind).toBe('network');
    expect(error.inDoubt).toBe(false);
  });

  it('no answer in time → timeout; a write is in doubt', async () => {
    const client = clientFor(sim, { timeoutMs: 250, retry: { maxAttempts: 1 } });
    sim.faults.enqueue({ kind: 'timeout', phase: 'before', match: 'GET /demo/api/v1/orders/statuses' });
    const read = await failure(client.orderStatuses());
    expect(read.kind).toBe('timeout');
    expect(read.inDoubt).toBe(false);

    const number = unique('ART');
    sim.faults.enqueue({ kind: 'timeout', phase: 'after', match: 'PUT /demo/api/v1/articles' });
    const write = await failure(client.upsertArticle({ articleNumber: number }));
    expect(write.kind).toBe('timeout');
    expect(write.inDoubt).toBe(true);
    expect(write.message).toContain(`article ${number}`);
  });

  it('retries a cancel only when Ongoing certainly did not apply it (429)', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    const { orderId } = await client.upsertOrder(orderBody(unique('O'), [{ row: '1', article: art, qty: 1 }]));
    sim.faults.enqueue({
      kind: 'rate429',
      phase: 'before',
      retryAfterSeconds: 0.02,
      match: `DELETE /demo/api/v1/orders/${orderId}`,
    });
    const mark = lastSeq(sim);
    await client.cancelOrder(orderId);
    expect(callsSince(sim, mark).map((c) => c.status)).toEqual([429, 200]);
    expect((await client.getOrder(orderId)).orderInfo?.orderStatus?.number).toBe(1000);
  });

  it('never retries a cancel (DELETE) after a 500: one request, error in doubt', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    const { orderId } = await client.upsertOrder(orderBody(unique('O'), [{ row: '1', article: art, qty: 1 }]));
    sim.faults.enqueue({ kind: 'error', phase: 'before', count: 5, match: `DELETE /demo/api/v1/orders/${orderId}` });
    const mark = lastSeq(sim);
    const error = await failure(client.cancelOrder(orderId));
    expect(error.kind).toBe('server');
    expect(error.inDoubt).toBe(true);
    expect(callsSince(sim, mark)).toHaveLength(1);
    sim.faults.clear();
  });

  it('retries set-reported PATCH (idempotent) after a 500', async () => {
    const client = clientFor(sim);
    const art = await article(client);
    sim.warehouse.adjustStock(art, 3, USER.goodsOwnerId);
    const { orderId } = await client.upsertOrder(orderBody(unique('O'), [{ row: '1', article: art, qty: 1 }]));
    sim.warehouse.release(orderId);
    sim.warehouse.pick(orderId);
    sim.faults.enqueue({ kind: 'error', phase: 'after', match: `PATCH /demo/api/v1/orders/${orderId}/setReported` });
    const mark = lastSeq(sim);
    await client.setReportedToPicked(orderId);
    expect(callsSince(sim, mark).map((c) => c.status)).toEqual([500, 200]);
    expect((await client.getOrder(orderId)).orderLines?.[0]?.reportedNumberOfItems).toBe(1);
  });
});

describe('write serialization', () => {
  it('concurrent writes from several clients reach the simulator one at a time per goods owner', async () => {
    const queueSim = await newSim({ latencyMs: 25 });
    const a = clientFor(queueSim);
    const b = clientFor(queueSim);
    const numbers = Array.from({ length: 6 }, () => unique('ART'));
    const writes = numbers.map((n, i) => (i % 2 === 0 ? a : b).upsertArticle({ articleNumber: n }));
    expect(pendingOngoingWrites(USER.goodsOwnerId)).toBe(6);
    const reads = [a.orderStatuses(), b.purchaseOrderStatuses(), a.listArticles()];
    await Promise.all([...writes, ...reads]);
    expect(pendingOngoingWrites(USER.goodsOwnerId)).toBe(0);
    expect(queueSim.maxConcurrentWrites(USER.goodsOwnerId)).toBe(1);
    const puts = queueSim.calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => (c.body as { articleNumber: string }).articleNumber)).toEqual(numbers);
  });

  it('the simulator does see parallel writes when they bypass the queue (the measure can fail)', async () => {
    const rawSim = await newSim({ latencyMs: 25 });
    const auth = { username: USER.user, password: USER.password };
    await Promise.all(
      [1, 2, 3].map((i) =>
        axios.put(
          `${rawSim.url}articles`,
          { goodsOwnerId: USER.goodsOwnerId, articleNumber: unique(`RAW${i}`) },
          { auth, headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    expect(rawSim.maxConcurrentWrites(USER.goodsOwnerId)).toBeGreaterThan(1);
  });

  it('a failed write does not block the ones queued behind it', async () => {
    const client = clientFor(sim, { retry: { maxAttempts: 1 } });
    sim.faults.enqueue({ kind: 'error', phase: 'before', match: 'PUT /demo/api/v1/articles' });
    const first = client.upsertArticle({ articleNumber: unique('ART') });
    const second = client.upsertArticle({ articleNumber: unique('ART') });
    await expect(first).rejects.toMatchObject({ kind: 'server' });
    await expect(second).resolves.toMatchObject({ articleSystemId: expect.any(Number) });
  });
});

describe('wire format of everything the client sent', () => {
  it('bodies have an explicit Content-Length, are never chunked, and carry no secrets', () => {
    const calls = tracked.flatMap((s) => s.calls);
    expect(calls.length).toBeGreaterThan(50);
    for (const call of calls) {
      expect(call.chunked, `${call.method} ${call.path}`).toBe(false);
      if (call.method !== 'GET') expect(call.contentLength, `${call.method} ${call.path}`).toBe(call.bodyBytes);
      expect(JSON.stringify(call)).not.toContain(USER.password);
    }
  });

  it('every request matches a spec operation, uses only declared query parameters, and every body validates (ajv)', () => {
    const calls = tracked.flatMap((s) => s.calls);
    const withBodies = calls.filter((c) => c.body !== undefined);
    expect(withBodies.length).toBeGreaterThan(20);
    for (const call of calls) {
      const op = findOngoingOperation(call.method, call.path);
      expect(op, `${call.method} ${call.path}`).toBeDefined();
      for (const name of new URLSearchParams(call.query).keys()) {
        expect(op?.queryParams, `${call.method} ${call.path}?${call.query}`).toContain(name);
      }
      for (const required of op?.requiredQueryParams ?? []) {
        expect(new URLSearchParams(call.query).has(required), `${call.method} ${call.path} needs ${required}`).toBe(
          true,
        );
      }
      if (call.body !== undefined) {
        expect(op?.bodySchema, `${call.method} ${call.path} sent a body`).toBeDefined();
        expect(validateOngoingBody(op!.bodySchema!, call.body), `${call.method} ${call.path}`).toEqual([]);
      }
    }
  });
});
