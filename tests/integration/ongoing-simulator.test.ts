/**
 * The Ongoing simulator on its own: HTTP rules, warehouse work and stock, the control API, the
 * warehouse clock, fixtures and the CLI. Real HTTP on 127.0.0.1, no client library in between.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GetArticleModel, GetOrderModel, GetPurchaseOrderModel } from '../../src/shared/ongoing/models';
import { ONGOING_DEMO_USER, runOngoingSimulatorCli } from '../../src/main/simulators/ongoing/cli';
import type { OngoingFixture } from '../../src/main/simulators/ongoing/fixture';
import { type OngoingSimulator, startOngoingSimulator } from '../../src/main/simulators/ongoing/simulator';
import { createWarehouseClock } from '../../src/main/simulators/ongoing/warehouse-clock';

const USER = { user: 'wsi-user', password: 'Sim-Pa55', goodsOwnerId: 3 };
const OTHER = { user: 'wsi-other', password: 'Other-Pa55', goodsOwnerId: 4 };
const sims: OngoingSimulator[] = [];
let sim: OngoingSimulator;
let tmp: string;

interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

async function http<T = unknown>(
  method: string,
  url: string,
  options: { body?: unknown; user?: { user: string; password: string } | null } = {},
): Promise<Reply<T>> {
  const who = options.user === undefined ? USER : options.user;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (who) headers.Authorization = `Basic ${Buffer.from(`${who.user}:${who.password}`).toString('base64')}`;
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (HTML page)
  }
  return { status: res.status, body: body as T, text, headers: res.headers };
}

const api = <T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  user?: { user: string; password: string } | null,
) => http<T>(method, `${sim.url}${path}`, { body, user });
const control = <T = unknown>(method: string, path: string, body?: unknown) =>
  http<T>(method, `${sim.controlUrl}${path}`, { body, user: null });

function orderJson(orderNumber: string, lines: [string, string, number][], goodsOwnerId = USER.goodsOwnerId) {
  return {
    goodsOwnerId,
    orderNumber,
    deliveryDate: '2026-12-01',
    consignee: { name: 'Kund AB', address1: 'Gatan 1', city: 'Lund', countryCode: 'SE' },
    orderLines: lines.map(([rowNumber, articleNumber, numberOfItems]) => ({ rowNumber, articleNumber, numberOfItems })),
  };
}

function poJson(purchaseOrderNumber: string, lines: [string, string, number][]) {
  return {
    goodsOwnerId: USER.goodsOwnerId,
    purchaseOrderNumber,
    purchaseOrderLines: lines.map(([rowNumber, articleNumber, numberOfItems]) => ({
      rowNumber,
      articleNumber,
      numberOfItems,
    })),
  };
}

async function inventory(articleNumber: string) {
  const res = await api<GetArticleModel[]>(
    'GET',
    `articles?goodsOwnerId=${USER.goodsOwnerId}&articleNumber=${articleNumber}`,
  );
  return res.body[0]?.inventoryInfo;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ongoing-sim-'));
  sim = await startOngoingSimulator({ users: [USER, OTHER], warehouse: 'lager1' });
  sims.push(sim);
});

afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await rm(tmp, { recursive: true, force: true });
});

describe('HTTP rules', () => {
  it('serves the API under /{warehouse}/api/v1/ only', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lager1\/api\/v1\/$/);
    const wrong = await http('GET', `${sim.origin}/other/api/v1/orders/statuses`);
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('content-type')).toContain('text/html');
    const unknown = await api('GET', 'nothing/here');
    expect(unknown.status).toBe(404);
  });

  it('requires HTTP Basic and records calls with Authorization redacted', async () => {
    const none = await api('GET', 'orders/statuses', undefined, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    const bad = await api('GET', 'orders/statuses', undefined, { user: USER.user, password: 'nope' });
    expect(bad.status).toBe(401);
    const ok = await api<{ orderStatuses: { number: number }[] }>('GET', 'orders/statuses');
    expect(ok.status).toBe(200);
    expect(ok.body.orderStatuses.map((s) => s.number)).toEqual([150, 200, 300, 320, 400, 450, 500, 800, 1000]);
    const last = sim.calls.at(-1);
    expect(last?.headers.authorization).toBe('Basic ***');
    expect(last?.user).toBe(USER.user);
    expect(JSON.stringify(sim.calls)).not.toContain(Buffer.from(`${USER.user}:${USER.password}`).toString('base64'));
  });

  it("checks goodsOwnerId in queries and bodies, and hides other goods owners' records", async () => {
    expect((await api('GET', 'articles')).status).toBe(400);
    const foreign = await api<{ message: string }>('GET', `articles?goodsOwnerId=${OTHER.goodsOwnerId}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toContain(`goods owner ${OTHER.goodsOwnerId}`);
    const foreignBody = await api('PUT', 'articles', { goodsOwnerId: OTHER.goodsOwnerId, articleNumber: 'X' });
    expect(foreignBody.status).toBe(403);

    await api('PUT', 'articles', { goodsOwnerId: OTHER.goodsOwnerId, articleNumber: 'OTHER-1' }, OTHER);
    const created = await api<{ orderId: number }>(
      'PUT',
      'orders',
      orderJson('OTHER-O1', [['1', 'OTHER-1', 1]], OTHER.goodsOwnerId),
      OTHER,
    );
    expect(created.status).toBe(201);
    expect((await api('GET', `orders/${created.body.orderId}`)).status).toBe(404);
    expect((await api('GET', `orders/${created.body.orderId}`, undefined, OTHER)).status).toBe(200);
  });

  it('rejects bodies the API would reject, naming the field', async () => {
    const cases: [string, unknown, string][] = [
      ['articles', { goodsOwnerId: USER.goodsOwnerId }, 'articleNumber is required'],
      ['articles', { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'A', weight: 'heavy' }, 'weight must be a number'],
      [
        'orders',
        { goodsOwnerId: USER.goodsOwnerId, deliveryDate: '2026-01-01', consignee: {} },
        'orderNumber is required',
      ],
      ['orders', { goodsOwnerId: USER.goodsOwnerId, orderNumber: 'O', consignee: {} }, 'deliveryDate is required'],
      [
        'orders',
        { goodsOwnerId: USER.goodsOwnerId, orderNumber: 'O', deliveryDate: '2026-01-01' },
        'consignee is required',
      ],
      [
        'orders',
        { goodsOwnerId: USER.goodsOwnerId, orderNumber: 'O', deliveryDate: 'next week', consignee: {} },
        'deliveryDate must be a date or date-time',
      ],
      [
        'orders',
        { ...orderJson('O', []), orderLines: [{ articleNumber: 'A', numberOfItems: 1 }] },
        'orderLines[0].rowNumber is required',
      ],
      ['purchaseOrders', { goodsOwnerId: USER.goodsOwnerId }, 'purchaseOrderNumber is required'],
      [
        'purchaseOrders',
        { goodsOwnerId: USER.goodsOwnerId, purchaseOrderNumber: 'P', purchaseOrderLines: [{ rowNumber: '1' }] },
        'purchaseOrderLines[0].articleNumber is required',
      ],
    ];
    for (const [path, body, expected] of cases) {
      const res = await api<{ message: string }>('PUT', path, body);
      expect(res.status, expected).toBe(400);
      expect(res.body.message, expected).toContain(expected);
    }
    const notJson = await http('PUT', `${sim.url}articles`, { body: undefined });
    expect(notJson.status).toBe(400);
  });

  it('rejects unreadable query values, e.g. a date whose + was not URL-encoded', async () => {
    const res = await api<{ message: string }>(
      'GET',
      `orders?goodsOwnerId=${USER.goodsOwnerId}&orderStatusChangedTimeFrom=2026-01-01T00:00:00.000+00:00`,
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('orderStatusChangedTimeFrom');
    const encoded = await api(
      'GET',
      `orders?goodsOwnerId=${USER.goodsOwnerId}&orderStatusChangedTimeFrom=2026-01-01T00%3A00%3A00.000%2B00%3A00`,
    );
    expect(encoded.status).toBe(200);
    expect((await api('GET', `orders?goodsOwnerId=${USER.goodsOwnerId}&orderIdFrom=abc`)).status).toBe(400);
  });

  it('refuses stockInfoChangedFrom older than 24 hours', async () => {
    const old = encodeURIComponent(new Date(Date.now() - 25 * 3600 * 1000).toISOString());
    const res = await api<{ message: string }>(
      'GET',
      `articles?goodsOwnerId=${USER.goodsOwnerId}&stockInfoChangedFrom=${old}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('24 hours');
  });

  it('answers 501 for spec operations it does not simulate', async () => {
    await api('PUT', 'articles', { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'NS-1' });
    const { body } = await api<{ orderId: number }>('PUT', 'orders', orderJson('NS-O1', [['1', 'NS-1', 1]]));
    const res = await api<{ message: string }>('PATCH', `orders/${body.orderId}/transporter`, {
      transporterCode: 'DHL',
    });
    expect(res.status).toBe(501);
    expect(res.body.message).toContain('/api/v1/orders/{orderId}/transporter');
  });
});

describe('warehouse work and stock', () => {
  it('keeps inventoryInfo consistent through order, release, pick, ship and receipt', async () => {
    await api('PUT', 'articles', { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'STK-1', purchasePrice: 2 });
    sim.warehouse.adjustStock('STK-1', 10, USER.goodsOwnerId);
    expect(await inventory('STK-1')).toMatchObject({
      numberOfItems: 10,
      sellableNumberOfItems: 10,
      totalStockValue: 20,
    });

    const created = await api<{ orderId: number }>('PUT', 'orders', orderJson('STK-O1', [['1', 'STK-1', 4]]));
    const orderId = created.body.orderId;
    expect(await inventory('STK-1')).toMatchObject({
      numberOfItems: 10,
      numberOfBookedItems: 4,
      sellableNumberOfItems: 6,
    });

    sim.warehouse.release(orderId);
    expect(await inventory('STK-1')).toMatchObject({ allocatedNumberOfItems: 4, sellableNumberOfItems: 6 });

    const picked = sim.warehouse.pick(orderId, { '1': 3 });
    expect(picked.orderInfo?.orderStatus).toEqual({ number: 400, text: 'Picked' });
    expect(picked.orderLines?.[0]).toMatchObject({ orderedNumberOfItems: 4, pickedNumberOfItems: 3 });
    expect(await inventory('STK-1')).toMatchObject({
      numberOfItems: 7,
      pickedToBeCollectedNumberOfItems: 3,
      numberOfBookedItems: 1,
      allocatedNumberOfItems: 1,
      sellableNumberOfItems: 6,
      reported: { pickedToBeReportedNumberOfItems: 3 },
    });

    const sent = sim.warehouse.ship(orderId, { status: 450, waybill: '00370712345678901234' });
    expect(sent.orderInfo?.orderStatus?.number).toBe(450);
    expect(sent.orderInfo?.wayBill).toBe('00370712345678901234');
    expect(sent.orderInfo?.shippedTime).toBeTruthy();
    expect(sent.parcels?.[0]?.parcelNumber).toBe('00370712345678901234');
    expect(await inventory('STK-1')).toMatchObject({
      numberOfItems: 7,
      pickedToBeCollectedNumberOfItems: 0,
      numberOfBookedItems: 0,
    });
    expect(sim.warehouse.ship(orderId, { status: 500 }).orderInfo?.orderStatus?.text).toBe('Collected');

    const po = await api<{ purchaseOrderId: number }>('PUT', 'purchaseOrders', poJson('STK-P1', [['1', 'STK-1', 5]]));
    expect(await inventory('STK-1')).toMatchObject({ toReceiveNumberOfItems: 5 });
    const partial = sim.warehouse.receive(po.body.purchaseOrderId, { '1': 2 });
    expect(partial.purchaseOrderInfo?.purchaseOrderStatus?.number).toBe(300);
    expect(await inventory('STK-1')).toMatchObject({
      numberOfItems: 9,
      toReceiveNumberOfItems: 3,
      reported: { receivedToBeReportedNumberOfItems: 2 },
    });
    const full = sim.warehouse.receive(po.body.purchaseOrderId);
    expect(full.purchaseOrderInfo?.purchaseOrderStatus).toEqual({ number: 500, text: 'Received' });
    expect(full.purchaseOrderLines?.[0]?.receivedNumberOfItems).toBe(5);
    const inv = await inventory('STK-1');
    expect(inv).toMatchObject({ numberOfItems: 12, toReceiveNumberOfItems: 0 });
    expect(inv?.lastInDate).toBeTruthy();
  });

  it('refuses impossible warehouse steps with a clear reason', () => {
    const art = 'STK-2';
    sim.state.upsertArticle(USER.goodsOwnerId, { goodsOwnerId: USER.goodsOwnerId, articleNumber: art });
    const { orderId } = sim.state.upsertOrder(USER.goodsOwnerId, orderJson('STK-O2', [['1', art, 2]]));
    expect(() => sim.warehouse.pick(orderId)).toThrow(/Release it first/);
    expect(() => sim.warehouse.ship(orderId)).toThrow(/Pick it first/);
    sim.warehouse.release(orderId);
    expect(() => sim.warehouse.release(orderId)).toThrow(/only Open orders/);
    expect(() => sim.warehouse.pick(orderId)).toThrow(/no stock of STK-2/);
    sim.warehouse.adjustStock(art, 1, USER.goodsOwnerId);
    expect(() => sim.warehouse.pick(orderId, { '1': 2 })).toThrow(/Not enough stock of article STK-2/);
    expect(() => sim.warehouse.pick(orderId, { '9': 1 })).toThrow(/no line with rowNumber '9'/);
    expect(sim.warehouse.pick(orderId).orderLines?.[0]?.pickedNumberOfItems).toBe(1);
    expect(() => sim.warehouse.adjustStock(art, -1, USER.goodsOwnerId)).toThrow(/at least 0/);
    expect(() => sim.warehouse.receive(424242)).toThrow(/no purchase order with id 424242/);
  });

  it('refuses PUT and DELETE from lockFromStatus on, answers an already-cancelled cancel with 200', async () => {
    const s = await startOngoingSimulator({ users: [USER], lockFromStatus: 400 });
    sims.push(s);
    const put = (body: unknown) => http<{ orderId: number; message: string }>('PUT', `${s.url}orders`, { body });
    await http('PUT', `${s.url}articles`, { body: { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'L1' } });
    s.warehouse.adjustStock('L1', 5);
    const { body } = await put(orderJson('L-O1', [['1', 'L1', 2]]));
    s.warehouse.release(body.orderId);
    expect((await put(orderJson('L-O1', [['1', 'L1', 3]]))).status).toBe(200);
    s.warehouse.pick(body.orderId);
    const refused = await put(orderJson('L-O1', [['1', 'L1', 4]]));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('Picked (400)');
    expect((await http('DELETE', `${s.url}orders/${body.orderId}`)).status).toBe(400);

    const other = await put(orderJson('L-O2', [['1', 'L1', 1]]));
    expect((await http('DELETE', `${s.url}orders?goodsOwnerId=${USER.goodsOwnerId}&orderNumber=L-O2`)).status).toBe(
      200,
    );
    const again = await http<{ message: string }>('DELETE', `${s.url}orders/${other.body.orderId}`);
    expect(again.status).toBe(200);
    expect(again.body.message).toContain('already cancelled');
  });
});

describe('reported quantities per line (PATCH …/lines/{lineId}/reportedNumberOfItems)', () => {
  it('sets an order line to an absolute value, repeats harmlessly and refuses values outside 0…picked', async () => {
    await api('PUT', 'articles', { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'REP-1' });
    sim.warehouse.adjustStock('REP-1', 10, USER.goodsOwnerId);
    const { body } = await api<{ orderId: number }>('PUT', 'orders', orderJson('REP-O1', [['1', 'REP-1', 5]]));
    sim.warehouse.release(body.orderId);
    const picked = sim.warehouse.pick(body.orderId, { '1': 3 });
    const lineId = picked.orderLines?.[0]?.id as number;
    const patch = (value: unknown, line: number = lineId) =>
      api<{ orderId: number; message: string }>('PATCH', `orders/${body.orderId}/lines/${line}/reportedNumberOfItems`, {
        reportedNumberOfItems: value,
      });
    const reported = async () =>
      (await api<GetOrderModel>('GET', `orders/${body.orderId}`)).body.orderLines?.[0]?.reportedNumberOfItems;

    const first = await patch(2);
    expect(first.status).toBe(200);
    expect(first.body.orderId).toBe(body.orderId);
    expect(await reported()).toBe(2);
    expect(await inventory('REP-1')).toMatchObject({ reported: { pickedToBeReportedNumberOfItems: 1 } });

    // Absolute, not added: the same call twice leaves 2, and a lower value goes down.
    expect((await patch(2)).status).toBe(200);
    expect(await reported()).toBe(2);
    expect((await patch(1)).status).toBe(200);
    expect(await reported()).toBe(1);

    const negative = await patch(-1);
    expect(negative.status).toBe(400);
    expect(negative.body.message).toContain('between 0 and the picked number of items (3)');
    const tooMany = await patch(4);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain(`order line ${lineId}`);
    expect(await reported()).toBe(1);
    expect((await patch(3)).status).toBe(200);
    expect(await reported()).toBe(3);

    const unknown = await patch(1, lineId + 9999);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain(`no order line with id ${lineId + 9999}`);
    const unknownOrder = await api('PATCH', `orders/999999/lines/${lineId}/reportedNumberOfItems`, {
      reportedNumberOfItems: 1,
    });
    expect(unknownOrder.status).toBe(404);
  });

  it('sets a purchase order line to an absolute value, repeats harmlessly and refuses values outside 0…received', async () => {
    await api('PUT', 'articles', { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'REP-2' });
    const { body } = await api<{ purchaseOrderId: number }>(
      'PUT',
      'purchaseOrders',
      poJson('REP-P1', [['1', 'REP-2', 6]]),
    );
    const received = sim.warehouse.receive(body.purchaseOrderId, { '1': 4 });
    const lineId = received.purchaseOrderLines?.[0]?.id as number;
    const patch = (value: unknown, line: number = lineId) =>
      api<string | { message: string }>(
        'PATCH',
        `purchaseOrders/${body.purchaseOrderId}/lines/${line}/reportedNumberOfItems`,
        { reportedNumberOfItems: value },
      );
    const reported = async () =>
      (await api<GetPurchaseOrderModel>('GET', `purchaseOrders/${body.purchaseOrderId}`)).body.purchaseOrderLines?.[0]
        ?.reportedNumberOfItems;

    const first = await patch(3);
    expect(first.status).toBe(200);
    expect(first.body).toContain(`set to 3 on purchase order line ${lineId}`);
    expect(await reported()).toBe(3);
    expect(await inventory('REP-2')).toMatchObject({ reported: { receivedToBeReportedNumberOfItems: 1 } });

    expect((await patch(3)).status).toBe(200);
    expect(await reported()).toBe(3);
    expect((await patch(0)).status).toBe(200);
    expect(await reported()).toBe(0);

    const negative = await patch(-2);
    expect(negative.status).toBe(400);
    expect((negative.body as { message: string }).message).toContain('between 0 and the received number of items (4)');
    const tooMany = await patch(5);
    expect(tooMany.status).toBe(400);
    expect(await reported()).toBe(0);
    expect((await patch(4)).status).toBe(200);
    expect(await reported()).toBe(4);

    const unknown = await patch(1, lineId + 9999);
    expect(unknown.status).toBe(404);
    expect((unknown.body as { message: string }).message).toContain(`no purchase order line with id ${lineId + 9999}`);
  });

  it('refuses a reportedNumberOfItems that is not a number, naming the field', async () => {
    await api('PUT', 'articles', { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'REP-3' });
    sim.warehouse.adjustStock('REP-3', 2, USER.goodsOwnerId);
    const { body } = await api<{ orderId: number }>('PUT', 'orders', orderJson('REP-O3', [['1', 'REP-3', 2]]));
    sim.warehouse.release(body.orderId);
    const lineId = sim.warehouse.pick(body.orderId).orderLines?.[0]?.id as number;
    const text = await api<{ message: string }>(
      'PATCH',
      `orders/${body.orderId}/lines/${lineId}/reportedNumberOfItems`,
      {
        reportedNumberOfItems: '2',
      },
    );
    expect(text.status).toBe(400);
    expect(text.body.message).toContain('reportedNumberOfItems');
  });
});

describe('control API', () => {
  it('drives the warehouse over HTTP by id and by number', async () => {
    await api('PUT', 'articles', { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'CTL-1' });
    const stock = await control<GetArticleModel>('POST', 'articles/CTL-1/stock', { numberOfItems: 8 });
    expect(stock.status).toBe(200);
    expect(stock.body.inventoryInfo?.numberOfItems).toBe(8);

    const { body } = await api<{ orderId: number }>(
      'PUT',
      'orders',
      orderJson('CTL-O1', [
        ['1', 'CTL-1', 2],
        ['2', 'CTL-1', 1],
      ]),
    );
    expect((await control('POST', `orders/${body.orderId}/release`)).status).toBe(200);
    const picked = await control<GetOrderModel>('POST', 'orders/by-number/CTL-O1/pick', { quantities: { '1': 2 } });
    expect(picked.body.orderLines?.map((l) => l.pickedNumberOfItems)).toEqual([2, 0]);
    const shipped = await control<GetOrderModel>('POST', `orders/${body.orderId}/ship`, { status: 450 });
    expect(shipped.body.orderInfo?.wayBill).toMatch(/^\d{20}$/);

    const po = await api<{ purchaseOrderId: number }>('PUT', 'purchaseOrders', poJson('CTL-P1', [['1', 'CTL-1', 3]]));
    const received = await control<GetPurchaseOrderModel>('POST', 'purchaseOrders/by-number/CTL-P1/receive', {});
    expect(received.body.purchaseOrderInfo?.purchaseOrderId).toBe(po.body.purchaseOrderId);
    expect(received.body.purchaseOrderInfo?.purchaseOrderStatus?.number).toBe(500);

    const state = await control<{ orders: GetOrderModel[]; articles: GetArticleModel[] }>('GET', 'state');
    expect(state.body.orders.some((o) => o.orderInfo?.orderNumber === 'CTL-O1')).toBe(true);
    expect(state.body.articles.find((a) => a.articleNumber === 'CTL-1')?.inventoryInfo?.numberOfItems).toBe(9);

    const wrong = await control<{ message: string }>('POST', `orders/${body.orderId}/release`);
    expect(wrong.status).toBe(409);
    expect(wrong.body.message).toContain('only Open orders');
    expect((await control('POST', 'orders/999999/pick')).status).toBe(404);
    expect((await control('POST', 'nonsense')).status).toBe(404);
  });

  it('serves odd raw values for an article on request (override) and the real ones again after clearing', async () => {
    await api('PUT', 'articles', { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'ODD-1' });
    sim.warehouse.adjustStock('ODD-1', 5, USER.goodsOwnerId);
    const read = async () =>
      (await api<GetArticleModel[]>('GET', `articles?goodsOwnerId=${USER.goodsOwnerId}&articleNumber=ODD-1`)).body[0];
    const set = await control<GetArticleModel>('POST', 'articles/ODD-1/override', {
      set: { 'inventoryInfo.numberOfItems': 'abc', unitCode: 'KG' },
      remove: ['inventoryInfo.sellableNumberOfItems'],
    });
    expect(set.status).toBe(200);
    const odd = (await read()) as unknown as { unitCode: string; inventoryInfo: Record<string, unknown> };
    expect(odd.unitCode).toBe('KG');
    expect(odd.inventoryInfo.numberOfItems).toBe('abc');
    expect('sellableNumberOfItems' in odd.inventoryInfo).toBe(false);
    expect(sim.state.articleByNumber(USER.goodsOwnerId, 'ODD-1')?.numberOfItems).toBe(5);
    await control('POST', 'articles/ODD-1/override', { remove: ['inventoryInfo'] });
    const without = await read();
    expect(without?.articleNumber).toBe('ODD-1');
    expect(Object.keys(without ?? {})).not.toContain('inventoryInfo');
    expect((await control('POST', 'articles/ODD-1/override', { set: [1] })).status).toBe(400);
    expect((await control('DELETE', 'articles/ODD-1/override')).status).toBe(200);
    expect((await read())?.inventoryInfo?.numberOfItems).toBe(5);
  });

  it('sets faults and latency, reports stats and calls, and resets', async () => {
    const s = await startOngoingSimulator({ users: [USER] });
    sims.push(s);
    const ctl = (method: string, path: string, body?: unknown) =>
      http<Record<string, unknown>>(method, `${s.controlUrl}${path}`, { body, user: null });
    expect((await ctl('POST', 'faults', { enqueue: { kind: 'error', match: 'orders/statuses' } })).status).toBe(200);
    const failed = await http<{ Message: string }>('GET', `${s.url}orders/statuses`);
    expect(failed.status).toBe(500);
    expect(failed.body.Message).toBe('An error has occurred.');
    expect((await http('GET', `${s.url}orders/statuses`)).status).toBe(200);

    expect((await ctl('POST', 'faults', { rates: 'bogus=1' })).status).toBe(400);
    expect((await ctl('POST', 'faults', { rates: '429=1,retryAfter=3' })).status).toBe(200);
    const limited = await http('GET', `${s.url}orders/statuses`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    await ctl('DELETE', 'faults');

    await ctl('POST', 'latency', { latencyMs: 120 });
    const t0 = Date.now();
    await http('GET', `${s.url}orders/statuses`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);

    await http('PUT', `${s.url}articles`, { body: { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'R1' } });
    const stats = await ctl('GET', 'stats');
    expect(stats.body.requests).toBe(5);
    expect((stats.body.maxConcurrentWrites as Record<string, number>)[String(USER.goodsOwnerId)]).toBe(1);
    const calls = await http<{ method: string; status: number; fault?: string }[]>('GET', `${s.controlUrl}calls`, {
      user: null,
    });
    expect(calls.body.map((c) => c.status)).toEqual([500, 200, 429, 200, 200]);
    expect(calls.body[0]?.fault).toBe('error');

    expect((await ctl('POST', 'reset')).status).toBe(200);
    expect(s.state.articles.size).toBe(0);
    expect(s.calls).toHaveLength(0);
    const t1 = Date.now();
    await http('GET', `${s.url}orders/statuses`);
    expect(Date.now() - t1).toBeLessThan(100);
  });
});

describe('warehouse clock', () => {
  it('moves orders Open → Released → Picked → Sent (with waybill) → Collected and receives purchase orders', () => {
    const s = { state: sim.state, warehouse: sim.warehouse };
    sim.state.upsertArticle(USER.goodsOwnerId, { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'CLK-1' });
    sim.warehouse.adjustStock('CLK-1', 3, USER.goodsOwnerId);
    const { orderId } = sim.state.upsertOrder(USER.goodsOwnerId, orderJson('CLK-O1', [['1', 'CLK-1', 2]]));
    const { purchaseOrderId } = sim.state.upsertPurchaseOrder(USER.goodsOwnerId, poJson('CLK-P1', [['1', 'CLK-1', 4]]));
    const clock = createWarehouseClock(s, { intervalMs: 1000, random: () => 0, goodsOwnerId: USER.goodsOwnerId });
    const statuses: number[] = [];
    let waybill: string | undefined;
    for (let i = 0; i < 5; i++) {
      const events = clock.tick();
      const mine = events.find((e) => e.id === orderId && e.number === 'CLK-O1');
      if (mine) statuses.push(mine.status);
      waybill ??= events.find((e) => e.kind === 'sent' && e.id === orderId)?.waybill;
    }
    expect(statuses).toEqual([300, 400, 450, 500]);
    expect(waybill).toMatch(/^\d{20}$/);
    expect(sim.state.requirePurchaseOrder(purchaseOrderId).status).toBe(500);
    expect(sim.state.articleByNumber(USER.goodsOwnerId, 'CLK-1')?.numberOfItems).toBe(3 - 2 + 4);
  });

  it('leaves records alone when the dice say no, and runs on its own when started', async () => {
    const s = await startOngoingSimulator({ users: [USER] });
    sims.push(s);
    s.state.upsertArticle(USER.goodsOwnerId, { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'CLK-2' });
    const { orderId } = s.state.upsertOrder(USER.goodsOwnerId, orderJson('CLK-O2', [['1', 'CLK-2', 1]]));
    expect(createWarehouseClock(s, { intervalMs: 1000, random: () => 0.99 }).tick()).toEqual([]);

    const clock = createWarehouseClock(s, { intervalMs: 10, random: () => 0 });
    clock.start();
    expect(clock.running).toBe(true);
    const deadline = Date.now() + 2000;
    while (s.state.requireOrder(orderId).status < 300 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    clock.stop();
    expect(clock.running).toBe(false);
    // Released, but no stock: it waits at Released instead of failing.
    expect(s.state.requireOrder(orderId).status).toBe(300);
    expect(() => createWarehouseClock(s, { intervalMs: 0 })).toThrow(/positive/);
  });
});

describe('fixtures', () => {
  it('loads articles with stock, orders and purchase orders in given statuses, and custom status lists', async () => {
    const fixture: OngoingFixture = {
      goodsOwners: [{ id: USER.goodsOwnerId, name: 'Fixture AB' }],
      orderStatuses: [
        { number: 200, text: 'Öppen' },
        { number: 450, text: 'Skickad' },
      ],
      articles: [
        { goodsOwnerId: USER.goodsOwnerId, articleNumber: 'FX-1', articleName: 'Fixture article', numberOfItems: 20 },
      ],
      orders: [{ ...orderJson('FX-O1', [['1', 'FX-1', 5]]), orderStatus: 450, waybill: '00370700000000000001' }],
      purchaseOrders: [{ ...poJson('FX-P1', [['1', 'FX-1', 7]]), purchaseOrderStatus: 500 }],
    };
    const s = await startOngoingSimulator({ users: [USER], fixture });
    sims.push(s);
    const orders = await http<GetOrderModel[]>('GET', `${s.url}orders?goodsOwnerId=${USER.goodsOwnerId}`);
    expect(orders.body[0]?.orderInfo?.orderStatus).toEqual({ number: 450, text: 'Skickad' });
    expect(orders.body[0]?.orderInfo?.wayBill).toBe('00370700000000000001');
    expect(orders.body[0]?.goodsOwner?.name).toBe('Fixture AB');
    const articles = await http<GetArticleModel[]>('GET', `${s.url}articles?goodsOwnerId=${USER.goodsOwnerId}`);
    expect(articles.body[0]?.inventoryInfo?.numberOfItems).toBe(20 - 5 + 7);

    s.warehouse.reset();
    expect(s.state.orders.size).toBe(1);
  });

  it('gives articles created through the API their starting stock (newArticleStock)', async () => {
    const s = await startOngoingSimulator({ users: [USER], newArticleStock: (n) => (n.endsWith('-A') ? 7 : 0) });
    sims.push(s);
    for (const articleNumber of ['NEW-A', 'NEW-B']) {
      await http('PUT', `${s.url}articles`, { body: { goodsOwnerId: USER.goodsOwnerId, articleNumber } });
    }
    const list = await http<GetArticleModel[]>(
      'GET',
      `${s.url}articles?goodsOwnerId=${USER.goodsOwnerId}&onlyArticlesInStock=true`,
    );
    expect(list.body.map((a) => [a.articleNumber, a.inventoryInfo?.numberOfItems])).toEqual([['NEW-A', 7]]);
  });

  it('refuses a bad fixture with the record and field named', async () => {
    const bad: OngoingFixture = {
      articles: [{ goodsOwnerId: USER.goodsOwnerId, articleNumber: 'FX-2' }],
      orders: [{ ...orderJson('FX-O2', [['1', 'FX-2', 1]]), deliveryDate: 'soon' }],
    };
    await expect(startOngoingSimulator({ users: [USER], fixture: bad })).rejects.toThrow(
      /orders\[0\] \(order FX-O2\): deliveryDate must be a date/,
    );
    const unknownArticle: OngoingFixture = { purchaseOrders: [poJson('FX-P2', [['1', 'MISSING', 1]])] };
    await expect(startOngoingSimulator({ users: [USER], fixture: unknownArticle })).rejects.toThrow(
      /purchaseOrders\[0\] \(purchase order FX-P2\): purchaseOrderLines\[0\]\.articleNumber/,
    );
  });
});

describe('CLI', () => {
  it('prints the base URL and demo user, serves until stopped', async () => {
    const fixtureFile = join(tmp, 'fixture.json');
    await writeFile(
      fixtureFile,
      JSON.stringify({
        articles: [{ goodsOwnerId: ONGOING_DEMO_USER.goodsOwnerId, articleNumber: 'CLI-1', numberOfItems: 4 }],
      }),
    );
    const lines: string[] = [];
    const abort = new AbortController();
    const running = runOngoingSimulatorCli(
      ['--port', '0', '--fixture', fixtureFile, '--latency=1', '--faults', 'error=0'],
      {
        signal: abort.signal,
        out: (line) => lines.push(line),
      },
    );
    const deadline = Date.now() + 5000;
    while (!lines.some((l) => l.startsWith('Control API')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const url = lines.find((l) => l.startsWith('Ongoing simulator listening at'))?.split(' at ')[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo\/api\/v1\/$/);
    expect(lines.join('\n')).toContain(`Demo user: ${ONGOING_DEMO_USER.user}`);
    const res = await http<GetArticleModel[]>('GET', `${url}articles?goodsOwnerId=${ONGOING_DEMO_USER.goodsOwnerId}`, {
      user: ONGOING_DEMO_USER,
    });
    expect(res.body[0]?.inventoryInfo?.numberOfItems).toBe(4);
    abort.abort();
    await running;
    expect(lines.at(-1)).toBe('Ongoing simulator stopped.');
    await expect(fetch(`${url}orders/statuses`)).rejects.toThrow();
  });

  it('explains bad arguments and unreadable fixtures', async () => {
    await expect(runOngoingSimulatorCli(['--port', 'x'])).rejects.toThrow(/--port needs a number/);
    await expect(runOngoingSimulatorCli(['--bogus'])).rejects.toThrow(/Unknown option "--bogus"/);
    await expect(runOngoingSimulatorCli(['--faults', 'explode=1'])).rejects.toThrow(/Unknown fault "explode"/);
    await expect(runOngoingSimulatorCli(['--fixture', join(tmp, 'missing.json')])).rejects.toThrow(
      /Cannot read the fixture file/,
    );
    const broken = join(tmp, 'broken.json');
    await writeFile(broken, '{ not json');
    await expect(runOngoingSimulatorCli(['--fixture', broken])).rejects.toThrow(/is not valid JSON/);
    const help: string[] = [];
    await runOngoingSimulatorCli(['--help'], { out: (l) => help.push(l) });
    expect(help.join('\n')).toContain('--fixture <file>');
  });
});
