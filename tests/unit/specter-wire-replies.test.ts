/**
 * The client's parser against the recorded Specter replies in tests/wire/specter/ (format in the
 * README there). Each known exchange has its parsed values asserted; any other file dropped into the
 * folder (e.g. a reply saved from a real Specter) must at least parse and yield records with ids.
 */
import { describe, expect, it } from 'vitest';
import {
  batchNoFromMessage,
  parseSpecterReply,
  readArticles,
  readOrders,
  readPurchases,
  readStock,
  type SpecterReply,
} from '../../src/main/core/specter/parse';
import { decodeSpecterBytes } from '../../src/main/core/specter/latin1';
import { ACTION } from '../../src/main/core/specter/wire';
import { actionOf, listExchanges, paramValue, readExchange, type WireExchange } from '../helpers/wire-exchange';

const exchanges = listExchanges();

/** Decode and parse a reply the way the client does (decodeSpecterBytes, then parseSpecterReply). */
function parse(exchange: WireExchange): SpecterReply {
  return parseSpecterReply(decodeSpecterBytes(exchange.reply.body).text);
}

function xml(name: string) {
  const reply = parse(readExchange(name));
  if (reply.format !== 'xml') throw new Error(`${name}: expected an XML reply, got text`);
  return reply;
}

function text(name: string) {
  const reply = parse(readExchange(name));
  if (reply.format !== 'text') throw new Error(`${name}: expected a text reply, got XML`);
  return reply;
}

const READERS: Record<string, (body: Extract<SpecterReply, { format: 'xml' }>['body']) => { length: number }> = {
  [ACTION.articleFeed]: readArticles,
  [ACTION.getArticles]: readArticles,
  [ACTION.getOrders]: readOrders,
  [ACTION.getOrder]: readOrders,
  [ACTION.orderFeed]: readOrders,
  [ACTION.getPurchases]: readPurchases,
  [ACTION.getPurchase]: readPurchases,
  [ACTION.getStock]: readStock,
  [ACTION.stockFeed]: readStock,
};

describe('recorded Specter exchanges: the folder', () => {
  it('covers every action the client sends', () => {
    const actions = new Set(exchanges.map((e) => actionOf(e.request)));
    for (const action of [
      ACTION.articleFeed,
      ACTION.articleFeedAck,
      ACTION.getOrders,
      ACTION.getOrder,
      ACTION.getPurchases,
      ACTION.getPurchase,
      ACTION.getStock,
      ACTION.deliverySubmit,
      ACTION.purchaseDeliverySubmit,
      ACTION.stockUpdateSubmit,
    ]) {
      expect(actions, `no recorded exchange for ${action}`).toContain(action);
    }
  });

  it('names only existing exchanges in "after"', () => {
    const names = new Set(exchanges.map((e) => e.name));
    for (const exchange of exchanges) for (const before of exchange.after) expect(names).toContain(before);
  });

  it.each(exchanges.map((e) => [e.name, e] as const))('%s parses, and its records have ids', (_name, exchange) => {
    expect(exchange.reply.status).toBe(200);
    const reply = parse(exchange);
    const read = READERS[actionOf(exchange.request)];
    if (!reply.ok || !read) return;
    if (reply.format !== 'xml') throw new Error(`${exchange.name}: a read answered in text`);
    const records = read(reply.body) as unknown as Record<string, unknown>[];
    for (const record of records) {
      const id = record.articleNo ?? record.orderId ?? record.purchaseId;
      expect(typeof id === 'string' && id !== '', `${exchange.name}: a record without id`).toBe(true);
    }
  });
});

describe('recorded Specter exchanges: parsed values', () => {
  it('article feed: three articles of a full batch, every field', () => {
    const reply = xml('article-feed.http');
    expect(reply.ok).toBe(true);
    expect(reply.responseMaxLimit).toBe(3);
    const articles = readArticles(reply.body);
    expect(articles.map((a) => a.articleNo)).toEqual(['ART-001', 'ART-002', 'ART-003']);
    expect(articles[0]).toEqual({
      articleId: '101',
      articleNo: 'ART-001',
      name: 'Ullsocka grå 39-42',
      articleComment: 'Tvättas i 40°',
      articleGroup: 'Strumpor',
      barCode: '7350000000001',
      suppliers: [
        {
          supplierNo: '10',
          supplierName: 'Ullspinneriet AB',
          supplierArticleNo: 'U-1',
          supplierBuyPrice: 33.5,
          isDefault: true,
        },
      ],
      manufacturingCountryCode: 'SE',
      commodityCode: '61159500',
      buyPrice: 33.5,
      priceExclVat: 95.2,
      stockPrice: 34,
      vatPercent: 25,
      productVolume: 0.0004,
      productWeight: 0.08,
      lastChanged: '2026-01-05 08:01:00',
    });
    expect(articles[1]).toMatchObject({
      name: 'Kökshandduk randig',
      articleGroup: 'Kök',
      vatPercent: 12,
      stockPrice: 12.25,
      manufacturingCountryCode: 'PT',
    });
    // Fields Specter left empty are null, not 0.
    expect(articles[2]).toMatchObject({ name: 'Mössa röd', stockPrice: null, productWeight: null, suppliers: [] });
  });

  it('article feed acknowledgement: the id is the number of changes cleared', () => {
    expect(xml('article-feed-ack.http')).toMatchObject({ ok: true, code: 0, id: '3' });
  });

  it('batch error 99 names the open batch, which reads back the same articles', () => {
    const open = xml('article-feed-batch-open.http');
    expect(open).toMatchObject({ ok: false, code: 99 });
    const opened = paramValue(readExchange('article-feed.http').request, 'batchNo');
    expect(opened).toMatch(/^[0-9a-f]{32}$/);
    expect(batchNoFromMessage(open.message)).toBe(opened);
    const again = xml('article-feed-reread.http');
    expect(paramValue(readExchange('article-feed-reread.http').request, 'batchNo')).toBe(opened);
    expect(readArticles(again.body).map((a) => a.articleNo)).toEqual(['ART-001', 'ART-002', 'ART-003']);
  });

  it('order list: a person and a company, rows, addresses and notification', () => {
    const reply = xml('get-orders.http');
    expect(reply.responseMaxLimit).toBe(3);
    const orders = readOrders(reply.body);
    expect(orders.map((o) => [o.orderId, o.orderNo, o.deliveryStatus])).toEqual([
      ['5521', '1001', 'N'],
      ['5522', '1002', 'N'],
    ]);
    const [person, company] = orders;
    expect(person).toMatchObject({
      externalOrderNo: 'WEB-778',
      customerId: '109',
      currency: 'SEK',
      deliveryDate: '2026-02-12',
      lastChanged: '2026-02-01 10:00:00',
      stockSiteId: '1',
      statusId: '1',
      customerReference: 'Åsa',
      customerOrderReference: 'Julklappar',
      internalComment: 'Ring före',
      publishedComment: 'Tack för din beställning!',
      notifyDeliveryByMobile: true,
      notifyDeliveryMobileNo: '070-123 45 67',
      deliveries: [],
    });
    expect(person?.customer).toMatchObject({
      customerId: '109',
      firstName: 'Åsa',
      surName: 'Öberg',
      name: '',
      mobileNo: '070-123 45 67',
      emailAddress: 'asa@example.se',
      invoiceAddress: { address: 'Åsögatan 12', zipCode: '116 24', city: 'Stockholm', countryCode: 'SE' },
      deliveryAddress: { attention: 'Åsa', address: 'Ringvägen 1', address2: '3 tr', zipCode: '118 60' },
    });
    expect(person?.rows).toEqual([
      {
        rowId: '88001',
        rowNo: '1',
        articleNo: 'ART-001',
        articleName: 'Ullsocka grå 39-42',
        noOfItems: 3,
        noOfItems2: 0,
        deliveredNoOfItems: 0,
        priceExclVat: 95.2,
        vatPercent: 25,
        rowSumExclVat: 285.6,
        rowSumVat: 71.4,
      },
      {
        rowId: '88002',
        rowNo: '2',
        articleNo: 'ART-002',
        articleName: 'Kökshandduk randig',
        noOfItems: 2,
        noOfItems2: 0,
        deliveredNoOfItems: 0,
        priceExclVat: 45,
        vatPercent: 12,
        rowSumExclVat: 90,
        rowSumVat: 10.8,
      },
    ]);
    expect(company).toMatchObject({
      currency: 'NOK',
      externalOrderNo: '',
      preparedShipmentId: 'PS-9',
      agentNo: '7',
      bulkId: 'B-2',
      notifyDeliveryByMobile: false,
    });
    expect(company?.customer).toMatchObject({
      name: 'Lådfabriken AB',
      firstName: '',
      orgNo: '556677-8899',
      vatNo: 'SE556677889901',
      phoneNo: '031-700 00 00',
      deliveryAddress: {
        attention: 'Godsmottagningen',
        companyName: 'Lådfabriken AB',
        city: 'Oslo',
        countryCode: 'NO',
      },
    });
    expect(company?.rows[0]).toMatchObject({ rowNo: '1', noOfItems: 4, noOfItems2: 2 });
  });

  it('the connection test reads an empty order list', () => {
    const reply = xml('get-orders-far-future.http');
    expect(reply.ok).toBe(true);
    expect(readOrders(reply.body)).toEqual([]);
    expect(paramValue(readExchange('get-orders-far-future.http').request, 'changedFrom')).toBe('9999-12-31 23:59:59');
  });

  it('one order, before and after a partial delivery with a reference', () => {
    const before = readOrders(xml('get-order.http').body);
    expect(before.map((o) => [o.orderId, o.deliveryStatus, o.deliveries?.length])).toEqual([['5521', 'N', 0]]);
    const [after] = readOrders(xml('get-order-delivered.http').body);
    expect(after?.deliveryStatus).toBe('P');
    expect(after?.rows.map((r) => [r.rowNo, r.deliveredNoOfItems])).toEqual([
      ['1', 2],
      ['2', 0],
    ]);
    expect(after?.deliveries).toEqual([
      {
        deliveryId: '7001',
        deliveryDate: '2026-02-10',
        trackingNo: '00370712345678901234',
        invoiceId: '',
        reference: 'delivery:o-77:3f2a',
      },
    ]);
  });

  it('an unknown order is error 5 in the XML envelope', () => {
    expect(xml('get-order-not-found.http')).toMatchObject({
      ok: false,
      code: 5,
      message: 'Order 9999 does not exist.',
    });
  });

  it('purchase list and one purchase: supplier, rows, received quantities', () => {
    const list = readPurchases(xml('get-purchases.http').body);
    expect(list.map((p) => [p.purchaseId, p.purchaseNo, p.deliveryStatus])).toEqual([['3001', 'P-3001', 'N']]);
    const [purchase] = readPurchases(xml('get-purchase.http').body);
    expect(purchase).toMatchObject({
      purchaseId: '3001',
      purchaseNo: 'P-3001',
      orderDate: '2026-01-25',
      deliveryOutDate: '2026-02-14',
      lastChanged: '2026-01-25 14:00:00',
      stockSiteId: '1',
      currency: 'SEK',
      statusId: '1',
      deliveries: [],
    });
    expect(purchase?.supplier).toEqual({
      supplierNo: '10',
      name: 'Ullspinneriet AB',
      address: 'Fabriksgatan 3',
      address2: '',
      address3: '',
      zipCode: '503 38',
      city: 'Borås',
      countryCode: 'SE',
      phoneNo: '033-12 34 56',
      emailAddress: 'order@ullspinneriet.se',
    });
    expect(purchase?.rows.map((r) => [r.rowId, r.rowNo, r.articleNo, r.noOfItems, r.receivedNoOfItems])).toEqual([
      ['91001', '1', 'ART-001', 100, 0],
      ['91002', '2', 'ART-002', 50, 0],
    ]);
    const [received] = readPurchases(xml('get-purchase-received.http').body);
    expect(received?.rows.map((r) => r.receivedNoOfItems)).toEqual([100, 15]);
    expect(received?.deliveryStatus).toBe('P');
    expect(received?.deliveries?.map((d) => [d.deliveryDate, d.reference])).toEqual([
      ['2026-02-09', 'receipt:p-12:77e0'],
    ]);
  });

  it('stock pages: noItemsAvailable is no stock record (null), 0 is zero', () => {
    const first = xml('get-stock.http');
    expect(first.responseMaxLimit).toBe(3);
    expect(readStock(first.body)).toEqual([
      { stockSiteId: '1', articleNo: 'ART-001', noItemsInStock: 12 },
      { stockSiteId: '1', articleNo: 'ART-002', noItemsInStock: null },
      { stockSiteId: '1', articleNo: 'ART-003', noItemsInStock: 0 },
    ]);
    expect(paramValue(readExchange('get-stock-page-2.http').request, 'afterArticleNo')).toBe('ART-003');
    expect(readStock(xml('get-stock-page-2.http').body)).toEqual([
      { stockSiteId: '1', articleNo: 'ART-004', noItemsInStock: 5.5 },
    ]);
  });

  it('writes answer in text: delivery id, invoice id, rows updated, refusals with their code', () => {
    expect(text('delivery-submit.http')).toEqual({ format: 'text', ok: true, code: 0, id: '7001', message: 'OK' });
    expect(text('delivery-submit-invoice.http')).toEqual({
      format: 'text',
      ok: true,
      code: 0,
      id: '7001',
      message: '9001',
    });
    expect(text('purchase-delivery-submit.http')).toMatchObject({ ok: true, id: '7001', message: 'OK' });
    expect(text('stock-update-submit.http')).toMatchObject({ ok: true, id: '2', message: 'OK' });
    expect(text('delivery-submit-too-many.http')).toMatchObject({ ok: false, code: 6 });
    expect(text('delivery-submit-too-many.http').message).toContain('row no 2');
    expect(text('error-invalid-key-text.http')).toMatchObject({ ok: false, code: 1, message: 'Invalid key' });
    expect(xml('error-invalid-key-xml.http')).toMatchObject({ ok: false, code: 1, message: 'Invalid key' });
  });

  it('the delivery submits carry the order and purchase NUMBER in orderId and the reference', () => {
    const delivery = readExchange('delivery-submit.http').request;
    expect(paramValue(delivery, 'orderId')).toBe('1001');
    expect(paramValue(delivery, 'deliveryReference')).toBe('delivery:o-77:3f2a');
    const receipt = readExchange('purchase-delivery-submit.http').request;
    expect(paramValue(receipt, 'orderId')).toBe('P-3001');
    expect(paramValue(receipt, 'deliveryReference')).toBe('receipt:p-12:77e0');
  });
});
