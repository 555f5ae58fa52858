/**
 * The recorded Specter exchanges (tests/wire/specter/) against both sides:
 * - the client, talking to a server that answers the recorded bytes, must send exactly the recorded
 *   requests (only a fresh batch number and its key may differ) and return what the replies hold;
 * - the simulator, sent each recorded request, must answer the recorded bytes (only the values of the
 *   fields an exchange declares as varying may differ).
 * Neither side shares wire names with the other, so a renamed action, parameter or element on one
 * side fails here.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRemoteError } from '../../src/main/core/net/remote-error';
import { SpecterClient } from '../../src/main/core/specter/client';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { type SpecterSimulator, startSpecterSimulator } from '../../src/main/simulators/specter/server';
import type { SpecterCredentials } from '../../src/shared/domain/specter';
import {
  listExchanges,
  maskVarying,
  rawParams,
  readExchange,
  SPECTER_WIRE_DIR,
  type WireExchange,
  type WireRequest,
} from '../helpers/wire-exchange';

interface SimulatorSettings {
  credentials: SpecterCredentials;
  now: string;
  responseMaxLimit: number;
  fixture: SpecterFixture;
}

const settings = JSON.parse(
  fs.readFileSync(path.join(SPECTER_WIRE_DIR, 'simulator.json'), 'utf8'),
) as SimulatorSettings;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

// ---------------------------------------------------------------------------------------------
// Client side
// ---------------------------------------------------------------------------------------------

interface Captured {
  method: string;
  script: string;
  query: string;
  contentType: string;
  body: string;
}

/** A server that answers the given exchanges' replies in order and records what it was sent. */
async function replay(names: string[]): Promise<{ url: string; captured: Captured[] }> {
  const replies = names.map((name) => readExchange(name).reply);
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      captured.push({
        method: req.method ?? '',
        script: (q < 0 ? url : url.slice(0, q)).replace(/^\//, ''),
        query: q < 0 ? '' : url.slice(q + 1),
        contentType: String(req.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks).toString('latin1'),
      });
      const reply = replies[captured.length - 1];
      if (!reply) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('More requests than recorded exchanges');
        return;
      }
      res.writeHead(reply.status, { 'Content-Type': reply.headers['content-type'] ?? 'text/plain' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, captured };
}

function clientFor(url: string, apiUserKey = settings.credentials.apiUserKey): SpecterClient {
  return new SpecterClient({
    baseUrl: url,
    credentials: async () => ({ ...settings.credentials, apiUserKey }),
    retry: { maxAttempts: 1 },
  });
}

/** Raw parameters with the values of `masked` names replaced by '*'. */
function masked(request: Pick<WireRequest, 'query' | 'body'>, names: readonly string[]): string[] {
  return rawParams({ method: 'GET', script: '', headers: {}, ...request }).map(([name, value]) =>
    names.includes(name) ? `${name}=*` : `${name}=${value}`,
  );
}

function expectRecordedRequest(actual: Captured | undefined, name: string, maskedNames: readonly string[] = []) {
  const recorded = readExchange(name).request;
  expect(actual, `${name}: the client did not send this request`).toBeDefined();
  if (!actual) return;
  expect(`${actual.method} ${actual.script}`, name).toBe(`${recorded.method} ${recorded.script}`);
  expect(masked(actual, maskedNames), name).toEqual(masked(recorded, maskedNames));
  if (recorded.method === 'POST') expect(actual.contentType, name).toBe(recorded.headers['content-type']);
}

/** A fresh batch number is random, and the key is computed over it. */
const FRESH_BATCH = ['batchNo', 'key'];

async function remoteError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isRemoteError(error)) throw new Error(`expected a RemoteError, got ${String(error)}`);
  return error;
}

describe('Specter client against the recorded exchanges', () => {
  it('article feed: a full batch says more are waiting; the acknowledgement sends its batch number', async () => {
    const feed = await replay(['article-feed.http']);
    const batch = await clientFor(feed.url).fetchChangedArticles();
    expectRecordedRequest(feed.captured[0], 'article-feed.http', FRESH_BATCH);
    expect(batch.articles.map((a) => a.articleNo)).toEqual(['ART-001', 'ART-002', 'ART-003']);
    expect(batch.more).toBe(true);

    const recordedBatch = rawParams(readExchange('article-feed.http').request).find(([n]) => n === 'batchNo')?.[1];
    const ack = await replay(['article-feed-ack.http']);
    await clientFor(ack.url).acknowledgeArticles(recordedBatch ?? '');
    expectRecordedRequest(ack.captured[0], 'article-feed-ack.http');
  });

  it('article feed with a batch still open: error 99, then the open batch by its number', async () => {
    const server = await replay(['article-feed-batch-open.http', 'article-feed-reread.http']);
    const batch = await clientFor(server.url).fetchChangedArticles();
    expect(server.captured).toHaveLength(2);
    expectRecordedRequest(server.captured[0], 'article-feed-batch-open.http', FRESH_BATCH);
    expectRecordedRequest(server.captured[1], 'article-feed-reread.http');
    const opened = rawParams(readExchange('article-feed.http').request).find(([n]) => n === 'batchNo')?.[1];
    expect(batch.batchNo).toBe(opened);
    expect(batch.more).toBe(true);
  });

  it('order list, connection test, one order, an unknown order', async () => {
    const list = await replay(['get-orders.http']);
    const orders = await clientFor(list.url).listOrders({ deliveryStatus: 'N', changedFrom: '2026-01-01' });
    expectRecordedRequest(list.captured[0], 'get-orders.http');
    expect(orders.map((o) => o.orderNo)).toEqual(['1001', '1002']);

    const probe = await replay(['get-orders-far-future.http']);
    await expect(clientFor(probe.url).testConnection()).resolves.toEqual({ ok: true });
    expectRecordedRequest(probe.captured[0], 'get-orders-far-future.http');

    const one = await replay(['get-order.http']);
    expect((await clientFor(one.url).getOrder('5521'))?.customer.surName).toBe('Öberg');
    expectRecordedRequest(one.captured[0], 'get-order.http');

    const delivered = await replay(['get-order-delivered.http']);
    const order = await clientFor(delivered.url).getOrder('5521');
    expect(order?.deliveries?.map((d) => d.reference)).toEqual(['delivery:o-77:3f2a']);

    const unknown = await replay(['get-order-not-found.http']);
    await expect(clientFor(unknown.url).getOrder('9999')).resolves.toBeNull();
    expectRecordedRequest(unknown.captured[0], 'get-order-not-found.http');
  });

  it('purchase list and one purchase', async () => {
    const list = await replay(['get-purchases.http']);
    const purchases = await clientFor(list.url).listPurchases({
      deliveryStatus: 'N',
      changedFrom: '2026-01-01 00:00:00',
    });
    expectRecordedRequest(list.captured[0], 'get-purchases.http');
    expect(purchases.map((p) => p.purchaseNo)).toEqual(['P-3001']);

    const one = await replay(['get-purchase.http']);
    expect((await clientFor(one.url).getPurchase('3001'))?.supplier.city).toBe('Borås');
    expectRecordedRequest(one.captured[0], 'get-purchase.http');
  });

  it('stock of a site over two pages', async () => {
    const server = await replay(['get-stock.http', 'get-stock-page-2.http']);
    const stock = await clientFor(server.url).getStock('1');
    expect(server.captured).toHaveLength(2);
    expectRecordedRequest(server.captured[0], 'get-stock.http');
    expectRecordedRequest(server.captured[1], 'get-stock-page-2.http');
    expect(stock.map((s) => [s.articleNo, s.noItemsInStock])).toEqual([
      ['ART-001', 12],
      ['ART-002', null],
      ['ART-003', 0],
      ['ART-004', 5.5],
    ]);
  });

  it('delivery submits: order number in orderId, reference, invoice id, a refusal', async () => {
    const partial = await replay(['delivery-submit.http']);
    const result = await clientFor(partial.url).submitDelivery({
      orderId: '5521',
      orderNo: '1001',
      reference: 'delivery:o-77:3f2a',
      deliveryDate: '2026-02-10',
      rows: [{ rowNo: '1', noOfItems: 2 }],
      packetNo: '00370712345678901234',
      sendDeliveryEmail: true,
      createInvoice: false,
    });
    expectRecordedRequest(partial.captured[0], 'delivery-submit.http');
    expect(result).toEqual({ id: '7001', message: 'OK' });

    const invoiced = await replay(['delivery-submit-invoice.http']);
    const withInvoice = await clientFor(invoiced.url).submitDelivery({
      orderId: '5522',
      orderNo: '1002',
      reference: 'delivery:o-78:9c1d',
      deliveryDate: '2026-02-11',
      rows: [{ rowNo: '1', noOfItems: 4 }],
      packetNo: '',
      sendDeliveryEmail: false,
      createInvoice: true,
    });
    expectRecordedRequest(invoiced.captured[0], 'delivery-submit-invoice.http');
    expect(withInvoice.invoiceId).toBe('9001');

    const refused = await replay(['delivery-submit-too-many.http']);
    const error = await remoteError(
      clientFor(refused.url).submitDelivery({
        orderId: '5521',
        orderNo: '1001',
        reference: 'delivery:o-77:aa00',
        deliveryDate: '2026-02-10',
        rows: [{ rowNo: '2', noOfItems: 5 }],
        packetNo: '',
        sendDeliveryEmail: false,
        createInvoice: false,
      }),
    );
    expectRecordedRequest(refused.captured[0], 'delivery-submit-too-many.http');
    expect(error.kind).toBe('validation');
    expect(error.code).toBe(6);
  });

  it('purchase delivery submit and stock update', async () => {
    const receipt = await replay(['purchase-delivery-submit.http']);
    const result = await clientFor(receipt.url).submitPurchaseDelivery({
      orderId: '3001',
      purchaseNo: 'P-3001',
      reference: 'receipt:p-12:77e0',
      deliveryDate: '2026-02-09',
      rows: [
        { rowId: '91001', noOfItems: 100 },
        { rowId: '91002', noOfItems: 15 },
      ],
      sendEmail: false,
    });
    expectRecordedRequest(receipt.captured[0], 'purchase-delivery-submit.http');
    expect(result.id).toBe('7001');

    const stock = await replay(['stock-update-submit.http']);
    const updated = await clientFor(stock.url).updateStock('1', [
      { articleNo: 'ART-001', noItemsInStock: 14 },
      { articleNo: 'ART-004', noItemsInStock: 2.5 },
    ]);
    expectRecordedRequest(stock.captured[0], 'stock-update-submit.http');
    expect(updated).toEqual({ updated: 2, calls: 1 });
  });

  it('a wrong key is refused as an authentication error, in XML and in text', async () => {
    const read = await replay(['error-invalid-key-xml.http']);
    expect((await remoteError(clientFor(read.url, 'not-the-key').getOrder('5521'))).kind).toBe('auth');
    expectRecordedRequest(read.captured[0], 'error-invalid-key-xml.http');

    const write = await replay(['error-invalid-key-text.http']);
    const error = await remoteError(
      clientFor(write.url, 'not-the-key').updateStock('1', [{ articleNo: 'ART-003', noItemsInStock: 1 }]),
    );
    expect(error.kind).toBe('auth');
    expectRecordedRequest(write.captured[0], 'error-invalid-key-text.http');
  });
});

// ---------------------------------------------------------------------------------------------
// Simulator side
// ---------------------------------------------------------------------------------------------

async function freshSimulator(): Promise<SpecterSimulator> {
  const sim = await startSpecterSimulator({
    fixture: settings.fixture,
    credentials: settings.credentials,
    responseMaxLimit: settings.responseMaxLimit,
    now: () => new Date(settings.now),
  });
  cleanup.push(() => sim.close());
  return sim;
}

async function send(sim: SpecterSimulator, request: WireRequest) {
  const res = await fetch(`${sim.url}/${request.script}${request.query ? `?${request.query}` : ''}`, {
    method: request.method,
    headers: request.method === 'POST' ? { 'Content-Type': request.headers['content-type'] ?? '' } : {},
    body: request.method === 'POST' ? Buffer.from(request.body, 'latin1') : undefined,
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

async function expectReproduced(sim: SpecterSimulator, exchange: WireExchange) {
  const actual = await send(sim, exchange.request);
  expect(actual.status, exchange.name).toBe(exchange.reply.status);
  expect(actual.contentType, exchange.name).toBe(exchange.reply.headers['content-type']);
  // Latin-1 keeps one character per byte, so comparing the strings compares the bytes.
  expect(maskVarying(actual.body.toString('latin1'), exchange.varying), exchange.name).toBe(
    maskVarying(exchange.reply.body.toString('latin1'), exchange.varying),
  );
}

const recordedFromSimulator = listExchanges().filter((e) => e.source === 'simulator');

describe('Specter simulator reproduces the recorded exchanges', () => {
  it('has exchanges recorded from the simulator', () => {
    expect(recordedFromSimulator.length).toBeGreaterThanOrEqual(20);
  });

  it.each(recordedFromSimulator.map((e) => [e.name, e] as const))('%s', async (_name, exchange) => {
    const sim = await freshSimulator();
    for (const before of exchange.after) await expectReproduced(sim, readExchange(before));
    await expectReproduced(sim, exchange);
  });
});
