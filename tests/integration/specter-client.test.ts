import { afterEach, describe, expect, it } from 'vitest';
import { SpecterClient, type SpecterClientOptions, type SpecterWarning } from '../../src/main/core/specter/client';
import { RemoteError } from '../../src/main/core/net/remote-error';
import { specterKey } from '../../src/main/core/specter/key';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import {
  type SpecterSimulator,
  type SpecterSimulatorOptions,
  startSpecterSimulator,
} from '../../src/main/simulators/specter/server';
import type { SpecterCredentials } from '../../src/shared/domain/specter';

const CREDS: SpecterCredentials = {
  sbmId: '1234',
  apiUserId: 'api1',
  apiUserKey: 'testUserKey123',
  integrationKey: 'testIntegrationKey456',
};

function smallFixture(): SpecterFixture {
  const articles = Array.from({ length: 12 }, (_, i) => ({
    articleNo: `A-${String(i + 1).padStart(3, '0')}`,
    name: i === 0 ? 'Kökshandduk randig' : `Ullsocka grå ${i}`,
    priceExclVat: 79.2 + i,
    buyPrice: 30.5,
    productWeight: 0.125,
    lastChanged: `2026-01-01 08:${String(i).padStart(2, '0')}:00`,
  }));
  return {
    articles,
    customers: [
      {
        customerId: '109',
        firstName: 'Åsa',
        surName: 'Öberg',
        deliveryAddress: { address: 'Åsögatan 12', zipCode: '116 24', city: 'Stockholm' },
      },
      { customerId: '110', name: 'Bästa Bageriet AB', orgNo: '556677-8899' },
    ],
    suppliers: [{ supplierNo: '12', name: 'Leverantör AB' }],
    orders: Array.from({ length: 10 }, (_, i) => ({
      orderId: String(5521 + i),
      customerId: i % 2 === 0 ? '109' : '110',
      lastChanged: `2026-02-01 10:00:${String(i).padStart(2, '0')}`,
      rows: [
        { articleNo: 'A-001', noOfItems: 4 },
        { articleNo: 'A-002', noOfItems: 1 },
      ],
    })),
    purchases: [
      {
        purchaseId: '3001',
        supplierNo: '12',
        deliveryOutDate: '2026-03-01',
        rows: [
          { articleNo: 'A-001', noOfItems: 100 },
          { articleNo: 'A-003', noOfItems: 50 },
        ],
      },
    ],
    stock: articles.map((a, i) => ({ articleNo: a.articleNo, noItemsInStock: i === 3 ? null : i * 10 })),
  };
}

let sim: SpecterSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(
  simOptions: Partial<SpecterSimulatorOptions> = {},
  clientOptions: Partial<SpecterClientOptions> = {},
): Promise<{ sim: SpecterSimulator; client: SpecterClient }> {
  sim = await startSpecterSimulator({ fixture: smallFixture(), credentials: CREDS, ...simOptions });
  const client = new SpecterClient({
    baseUrl: sim.url,
    credentials: async () => CREDS,
    timeoutMs: 2000,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...clientOptions,
  });
  return { sim, client };
}

async function expectRemoteError(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteError);
    return error as RemoteError;
  }
  throw new Error('expected a RemoteError');
}

describe('SpecterClient against the simulator: auth', () => {
  it('testConnection succeeds with the right credentials', async () => {
    const { client, sim } = await setup();
    await expect(client.testConnection()).resolves.toEqual({ ok: true });
    expect(sim.calls).toHaveLength(1);
    expect(sim.calls[0]?.ok).toBe(true);
  });

  it('a wrong key is an auth error and is not retried', async () => {
    const { sim } = await setup();
    const client = new SpecterClient({
      baseUrl: sim.url,
      credentials: async () => ({ ...CREDS, apiUserKey: 'wrong' }),
      retry: { maxAttempts: 4, baseDelayMs: 5 },
    });
    const error = await expectRemoteError(client.listOrders({ changedFrom: '2000-01-01' }));
    expect(error.kind).toBe('auth');
    expect(error.system).toBe('specter');
    expect(error.code).toBe(1);
    expect(error.message).not.toContain('wrong');
    expect(sim.calls).toHaveLength(1);
  });

  it('an unknown SBM id is an auth error', async () => {
    const { sim } = await setup();
    const client = new SpecterClient({ baseUrl: sim.url, credentials: async () => ({ ...CREDS, sbmId: '999' }) });
    const error = await expectRemoteError(client.testConnection());
    expect(error.kind).toBe('auth');
    expect(error.code).toBe(2);
  });
});

describe('SpecterClient: article batch feed', () => {
  it('pages through all changed articles with acknowledgements, none lost or doubled', async () => {
    const { client } = await setup({ responseMaxLimit: 5 });
    const seen: string[] = [];
    let rounds = 0;
    for (;;) {
      const batch = await client.fetchChangedArticles();
      seen.push(...batch.articles.map((a) => a.articleNo));
      await client.acknowledgeArticles(batch.batchNo);
      rounds++;
      if (!batch.more || rounds > 10) break;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(rounds).toBe(3);
    const empty = await client.fetchChangedArticles();
    expect(empty.articles).toEqual([]);
  });

  it('recovers from code 99: an unacknowledged batch is returned again with the same records, then acked', async () => {
    const { client, sim } = await setup({ responseMaxLimit: 4 });
    const first = await client.fetchChangedArticles();
    expect(first.articles.map((a) => a.articleNo)).toEqual(['A-001', 'A-002', 'A-003', 'A-004']);
    // Not acknowledged (e.g. the app crashed): the next fetch meets the open batch.
    const again = await client.fetchChangedArticles();
    expect(again.batchNo).toBe(first.batchNo);
    expect(again.articles).toEqual(first.articles);
    expect(again.more).toBe(true);
    expect(sim.callsFor('getArticleInfoExternalNeedUpdate').some((c) => c.code === 99)).toBe(true);
    await client.acknowledgeArticles(again.batchNo);
    const next = await client.fetchChangedArticles();
    expect(next.articles.map((a) => a.articleNo)).toEqual(['A-005', 'A-006', 'A-007', 'A-008']);
  });

  it('an article changed in Specter shows up in the next batch with its new data', async () => {
    const { client, sim } = await setup({ responseMaxLimit: 50 });
    const all = await client.fetchChangedArticles();
    await client.acknowledgeArticles(all.batchNo);
    sim.upsertArticle({ articleNo: 'A-002', name: 'Ullsocka grå 39-42', priceExclVat: 119.2 });
    const batch = await client.fetchChangedArticles();
    expect(batch.articles).toHaveLength(1);
    expect(batch.articles[0]).toMatchObject({ articleNo: 'A-002', name: 'Ullsocka grå 39-42', priceExclVat: 119.2 });
  });
});

describe('SpecterClient: orders, purchases, stock', () => {
  it('lists orders across several pages (small responseMaxLimit), de-duplicated by orderId', async () => {
    const { client, sim } = await setup({ responseMaxLimit: 3 });
    const orders = await client.listOrders({ deliveryStatus: 'N', changedFrom: '2026-01-01 00:00:00' });
    expect(orders.map((o) => o.orderId)).toEqual(Array.from({ length: 10 }, (_, i) => String(5521 + i)));
    const pages = sim.callsFor('getOrders');
    expect(pages.length).toBeGreaterThanOrEqual(4);
    // Each page starts at the last change time of the previous one.
    expect(pages[1]?.params.changedFrom).toBe('2026-02-01 10:00:02');
  });

  it('filters by delivery status and change time', async () => {
    const { client, sim } = await setup();
    const order = sim.state.orders.get('5521');
    expect(order).toBeDefined();
    await client.submitDelivery({
      orderId: '5521',
      orderNo: '1001',
      reference: '',
      deliveryDate: '2026-02-02',
      rows: [{ rowNo: '1', noOfItems: 1 }],
      packetNo: '',
      sendDeliveryEmail: false,
      createInvoice: false,
    });
    const open = await client.listOrders({ deliveryStatus: 'N', changedFrom: '2000-01-01' });
    expect(open.map((o) => o.orderId)).not.toContain('5521');
    const partly = await client.listOrders({ deliveryStatus: 'P', changedFrom: '2000-01-01' });
    expect(partly.map((o) => o.orderId)).toEqual(['5521']);
    const late = await client.listOrders({ changedFrom: '2026-02-01 10:00:08' });
    expect(late.map((o) => o.orderId).sort()).toEqual(['5521', '5529', '5530']);
  });

  it('refuses a malformed changedFrom before calling Specter', async () => {
    const { client, sim } = await setup();
    const error = await expectRemoteError(client.listOrders({ changedFrom: 'yesterday' }));
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/yyyy-MM-dd HH:mm:ss/);
    expect(sim.calls).toHaveLength(0);
  });

  it('round-trips Latin-1: a customer named Åsa Öberg comes back exactly', async () => {
    const { client, sim } = await setup();
    const created = sim.createOrder({
      customerId: '109',
      customerReference: 'Åsa Öberg',
      publishedComment: 'Lämnas vid dörren – tack!',
      rows: [{ articleNo: 'A-001', noOfItems: 2 }],
    });
    const order = await client.getOrder(created.orderId);
    expect(order?.customer.firstName).toBe('Åsa');
    expect(order?.customer.surName).toBe('Öberg');
    expect(order?.customer.deliveryAddress.address).toBe('Åsögatan 12');
    expect(order?.customerReference).toBe('Åsa Öberg');
    // The en dash is outside Latin-1: the simulator sends it as a character reference.
    expect(order?.publishedComment).toBe('Lämnas vid dörren – tack!');
    expect(order?.rows[0]?.articleName).toBe('Kökshandduk randig');
  });

  it('sends Latin-1 values and reports characters it had to replace', async () => {
    const warnings: SpecterWarning[] = [];
    const { client, sim } = await setup({}, { onWarning: (w) => warnings.push(w) });
    await client.submitDelivery({
      orderId: '5521',
      orderNo: '1001',
      reference: '',
      deliveryDate: '2026-02-02',
      rows: [{ rowNo: '1', noOfItems: 1 }],
      packetNo: 'Åsa-€1',
      sendDeliveryEmail: false,
      createInvoice: false,
    });
    expect(sim.state.deliveries[0]?.packetNo).toBe('Åsa-?1');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ action: 'deliverySubmit', field: 'packetNo' });
    expect(warnings[0]?.message).toContain('€');
  });

  it('parses decimal commas (decimalComma: true)', async () => {
    const { client, sim } = await setup({ decimalComma: true, responseMaxLimit: 50 });
    // On the wire the decimals really are written with a comma.
    const key = specterKey(CREDS.apiUserKey, CREDS.integrationKey, CREDS.sbmId, '5521');
    const raw = await fetch(
      `${sim.url}/getInfo.asp?action=getOrder&sbmId=1234&apiUserId=api1&useXML=2&orderId=5521&key=${key}`,
    );
    const text = Buffer.from(await raw.arrayBuffer()).toString('latin1');
    expect(text).toContain('priceExclVAT="79,20"');
    const batch = await client.fetchChangedArticles();
    expect(batch.articles[0]).toMatchObject({ priceExclVat: 79.2, buyPrice: 30.5, productWeight: 0.125 });
    const order = await client.getOrder('5521');
    expect(order?.rows[0]?.rowSumExclVat).toBe(316.8);
    expect(order?.rows[0]?.priceExclVat).toBe(79.2);
  });

  it('getOrder and getPurchase return null for unknown ids', async () => {
    const { client } = await setup();
    await expect(client.getOrder('999999')).resolves.toBeNull();
    await expect(client.getPurchase('999999')).resolves.toBeNull();
  });

  it('lists and reads purchases with supplier and row ids', async () => {
    const { client } = await setup();
    const purchases = await client.listPurchases({ deliveryStatus: 'N', changedFrom: '2000-01-01' });
    expect(purchases).toHaveLength(1);
    const p = purchases[0];
    expect(p?.supplier.name).toBe('Leverantör AB');
    expect(p?.deliveryOutDate).toBe('2026-03-01');
    expect(p?.rows.map((r) => r.noOfItems)).toEqual([100, 50]);
    expect(p?.rows.every((r) => r.rowId !== '')).toBe(true);
    const one = await client.getPurchase('3001');
    expect(one?.purchaseId).toBe('3001');
  });

  it('reads the full stock of a stock site across pages; no stock record → null', async () => {
    const { client, sim } = await setup({ responseMaxLimit: 5 });
    const stock = await client.getStock('1');
    expect(stock).toHaveLength(12);
    expect(stock.find((s) => s.articleNo === 'A-003')?.noItemsInStock).toBe(20);
    expect(stock.find((s) => s.articleNo === 'A-004')?.noItemsInStock).toBeNull();
    expect(sim.callsFor('getStock')).toHaveLength(3);
  });

  it('an unknown stock site is a validation error naming it', async () => {
    const { client } = await setup();
    const error = await expectRemoteError(client.getStock('9'));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('Stock site 9');
  });
});

describe('SpecterClient: writes', () => {
  it('delivery submit partial then full: status P then D, tracking and invoice recorded', async () => {
    const { client, sim } = await setup();
    const first = await client.submitDelivery({
      orderId: '5521',
      orderNo: '1001',
      reference: '',
      deliveryDate: '2026-02-02',
      rows: [{ rowNo: '1', noOfItems: 3 }],
      packetNo: '00370712345678901234',
      sendDeliveryEmail: true,
      createInvoice: false,
    });
    expect(first.id).not.toBe('');
    expect(first.invoiceId).toBeUndefined();
    let order = await client.getOrder('5521');
    expect(order?.deliveryStatus).toBe('P');
    expect(order?.rows.map((r) => r.deliveredNoOfItems)).toEqual([3, 0]);
    expect(order?.deliveries?.[0]).toMatchObject({ deliveryId: first.id, trackingNo: '00370712345678901234' });

    const second = await client.submitDelivery({
      orderId: '5521',
      orderNo: '1001',
      reference: '',
      deliveryDate: '2026-02-03',
      rows: [
        { rowNo: '1', noOfItems: 1 },
        { rowNo: '2', noOfItems: 1 },
      ],
      packetNo: 'PKT-2',
      sendDeliveryEmail: false,
      createInvoice: true,
    });
    expect(second.invoiceId).toMatch(/^\d+$/);
    order = await client.getOrder('5521');
    expect(order?.deliveryStatus).toBe('D');
    expect(order?.deliveries).toHaveLength(2);
    expect(sim.state.deliveries.map((d) => [d.sendDeliveryEmail, d.createInvoice, d.invoiceId])).toEqual([
      [true, false, ''],
      [false, true, second.invoiceId],
    ]);
  });

  it('over-delivery is refused with a message naming the row; nothing is applied or retried', async () => {
    const { client, sim } = await setup();
    const error = await expectRemoteError(
      client.submitDelivery({
        orderId: '5521',
        orderNo: '1001',
        reference: '',
        deliveryDate: '2026-02-02',
        rows: [
          { rowNo: '1', noOfItems: 1 },
          { rowNo: '2', noOfItems: 5 },
        ],
        packetNo: '',
        sendDeliveryEmail: false,
        createInvoice: false,
      }),
    );
    expect(error.kind).toBe('validation');
    expect(error.inDoubt).toBe(false);
    expect(error.message).toContain('Row 2 (row no 2) of order 5521: 5 items delivered but only 1 remain');
    expect(sim.state.deliveries).toHaveLength(0);
    expect(sim.state.orders.get('5521')?.rows.map((r) => r.deliveredNoOfItems)).toEqual([0, 0]);
    expect(sim.callsFor('deliverySubmit')).toHaveLength(1);
  });

  it('unknown row no and unknown order are refused clearly', async () => {
    const { client } = await setup();
    const base = { deliveryDate: '2026-02-02', packetNo: '', sendDeliveryEmail: false, createInvoice: false };
    const badRow = await expectRemoteError(
      client.submitDelivery({
        ...base,
        orderId: '5521',
        orderNo: '1001',
        reference: '',
        rows: [{ rowNo: '9', noOfItems: 1 }],
      }),
    );
    expect(badRow.message).toContain('order 5521 has no row with row no "9"');
    const badOrder = await expectRemoteError(
      client.submitDelivery({
        ...base,
        orderId: '1',
        orderNo: '1',
        reference: '',
        rows: [{ rowNo: '1', noOfItems: 1 }],
      }),
    );
    expect(badOrder.kind).toBe('validation');
    expect(badOrder.message).toContain('Order 1 does not exist');
  });

  it('bad input is refused before anything is sent', async () => {
    const { client, sim } = await setup();
    const base = {
      orderId: '5521',
      orderNo: '1001',
      reference: '',
      packetNo: '',
      sendDeliveryEmail: false,
      createInvoice: false,
    };
    const noRows = await expectRemoteError(client.submitDelivery({ ...base, deliveryDate: '2026-02-02', rows: [] }));
    expect(noRows.message).toMatch(/no rows/);
    const badDate = await expectRemoteError(
      client.submitDelivery({ ...base, deliveryDate: '02/02/2026', rows: [{ rowNo: '1', noOfItems: 1 }] }),
    );
    expect(badDate.message).toMatch(/yyyy-MM-dd/);
    const negative = await expectRemoteError(
      client.submitDelivery({ ...base, deliveryDate: '2026-02-02', rows: [{ rowNo: '1', noOfItems: -1 }] }),
    );
    expect(negative.message).toMatch(/Row 1 \(rowNo 1\)/);
    expect(sim.calls).toHaveLength(0);
  });

  it('purchase delivery by row id: partial then full, over-receipt refused', async () => {
    const { client, sim } = await setup();
    const purchase = await client.getPurchase('3001');
    const [r1, r2] = purchase?.rows ?? [];
    expect(r1 && r2).toBeTruthy();
    await client.submitPurchaseDelivery({
      orderId: '3001',
      purchaseNo: 'P-3001',
      reference: '',
      deliveryDate: '2026-03-01',
      rows: [{ rowId: r1?.rowId ?? '', noOfItems: 60 }],
      sendEmail: false,
    });
    expect((await client.getPurchase('3001'))?.deliveryStatus).toBe('P');
    const over = await expectRemoteError(
      client.submitPurchaseDelivery({
        orderId: '3001',
        purchaseNo: 'P-3001',
        reference: '',
        deliveryDate: '2026-03-02',
        rows: [{ rowId: r1?.rowId ?? '', noOfItems: 41 }],
        sendEmail: false,
      }),
    );
    expect(over.kind).toBe('validation');
    expect(over.message).toContain(`row id ${r1?.rowId}`);
    await client.submitPurchaseDelivery({
      orderId: '3001',
      purchaseNo: 'P-3001',
      reference: '',
      deliveryDate: '2026-03-02',
      rows: [
        { rowId: r1?.rowId ?? '', noOfItems: 40 },
        { rowId: r2?.rowId ?? '', noOfItems: 50 },
      ],
      sendEmail: true,
    });
    const done = await client.getPurchase('3001');
    expect(done?.deliveryStatus).toBe('D');
    expect(done?.rows.map((r) => r.receivedNoOfItems)).toEqual([100, 50]);
    expect(sim.state.purchaseDeliveries).toHaveLength(2);
    expect(sim.state.purchaseDeliveries[1]?.sendEmail).toBe(true);
  });

  it('stock update sets absolute stock in chunks of at most 100 rows', async () => {
    const { client, sim } = await setup();
    for (let i = 13; i <= 250; i++)
      sim.upsertArticle({ articleNo: `A-${String(i).padStart(3, '0')}`, name: `Artikel ${i}` });
    const rows = Array.from({ length: 250 }, (_, i) => ({
      articleNo: `A-${String(i + 1).padStart(3, '0')}`,
      noItemsInStock: i % 7,
    }));
    const result = await client.updateStock('1', rows);
    expect(result).toEqual({ updated: 250, calls: 3 });
    const calls = sim.callsFor('stockUpdateSubmit');
    expect(calls.map((c) => Object.keys(c.params).filter((k) => k.startsWith('articleNo_')).length)).toEqual([
      100, 100, 50,
    ]);
    expect(sim.state.getStock('1', 'A-250')).toBe(249 % 7);
    expect(sim.state.stockUpdates).toHaveLength(3);
    // Absolute, not a delta: sending again leaves the same value.
    await client.updateStock('1', [{ articleNo: 'A-250', noItemsInStock: 5 }]);
    await client.updateStock('1', [{ articleNo: 'A-250', noItemsInStock: 5 }]);
    expect(sim.state.getStock('1', 'A-250')).toBe(5);
  });

  it('a stock update for an unknown article names the row', async () => {
    const { client } = await setup();
    const error = await expectRemoteError(client.updateStock('1', [{ articleNo: 'NOPE', noItemsInStock: 1 }]));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('Row 1: article "NOPE" does not exist');
  });

  it('a cancelled order is listed with statusId 5 and cannot be delivered', async () => {
    const { client, sim } = await setup();
    sim.cancelOrder('5522');
    const order = await client.getOrder('5522');
    expect(order?.statusId).toBe('5');
    const error = await expectRemoteError(
      client.submitDelivery({
        orderId: '5522',
        orderNo: '1002',
        reference: '',
        deliveryDate: '2026-02-02',
        rows: [{ rowNo: '1', noOfItems: 1 }],
        packetNo: '',
        sendDeliveryEmail: false,
        createInvoice: false,
      }),
    );
    expect(error.message).toContain('deleted');
  });
});
