/**
 * Bad or odd input from Specter, one case per kind: each case is a fixture (and, where the simulator
 * never sends such bytes, a rewrite of its reply) plus the asserted outcome: which records synced,
 * which exception names which record, field and raw value, and what was not written to Ongoing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import {
  baseFixture,
  type CorpusCase,
  isAction,
  type ProxyAnswer,
  replaceLatin1,
  startCorpusCase,
} from './corpus-harness';

let current: CorpusCase | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

async function start(fixture: SpecterFixture): Promise<CorpusCase> {
  current = await startCorpusCase(fixture);
  return current;
}

const xmlAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const articlePuts = (c: CorpusCase) =>
  c.harness.env.ongoing.calls
    .filter((call) => call.method === 'PUT' && call.path.endsWith('/articles'))
    .map((call) => (call.body as { articleNumber: string }).articleNumber);
const state = (c: CorpusCase, flow: 'articles' | 'orders' | 'purchaseOrders', key: string) =>
  c.harness.deps.records.get(flow, key)?.state;

// ---------------------------------------------------------------------------------------------
// Unreadable article values: only that article is invalid, the rest syncs, the batch is acknowledged
// ---------------------------------------------------------------------------------------------

type ArticleField = 'priceExclVat' | 'buyPrice' | 'stockPrice' | 'vatPercent' | 'productWeight' | 'productVolume';
/** The value the fixture gives A-2 and how the simulator writes it; the proxy swaps in the raw text. */
const SENTINEL: Record<ArticleField, { value: number; rendered: string }> = {
  priceExclVat: { value: 777.77, rendered: '777.77' },
  buyPrice: { value: 666.66, rendered: '666.66' },
  stockPrice: { value: 555.55, rendered: '555.55' },
  vatPercent: { value: 77.7, rendered: '77.7' },
  productWeight: { value: 7.777, rendered: '7.777' },
  productVolume: { value: 0.7777, rendered: '0.7777' },
};

const ARTICLE_VALUES: [ArticleField, string][] = [
  ['priceExclVat', 'abc'],
  ['priceExclVat', '1E5'],
  ['priceExclVat', '1.234,50'],
  ['priceExclVat', 'många'],
  ['priceExclVat', 'NaN'],
  ['buyPrice', 'abc'],
  ['buyPrice', '1.234,50'],
  ['buyPrice', 'Infinity'],
  ['stockPrice', '1E5'],
  ['stockPrice', '--3'],
  ['vatPercent', '25%'],
  ['vatPercent', 'många'],
  ['productWeight', '1E5'],
  ['productWeight', '1.234,50'],
  ['productWeight', '0x10'],
  ['productVolume', 'abc'],
  ['productVolume', '1/2'],
];

describe('unreadable article values', () => {
  it.each(ARTICLE_VALUES)('%s "%s" makes only that article invalid', async (field, raw) => {
    const fixture = baseFixture();
    const bad = fixture.articles?.[1];
    if (!bad) throw new Error('fixture');
    Object.assign(bad, { [field]: SENTINEL[field].value });
    const c = await start(fixture);
    c.specterProxy.set((req, answer) =>
      isAction(req, 'getArticleInfoExternalNeedUpdate')
        ? replaceLatin1(answer, `${field}="${SENTINEL[field].rendered}"`, `${field}="${xmlAttr(raw)}"`)
        : undefined,
    );

    const result = await c.articles();

    expect(c.specterProxy.rewritten.length).toBeGreaterThan(0);
    expect(result.status).toBe('partial');
    expect(result.counts).toMatchObject({ created: 2, failed: 1 });
    expect(state(c, 'articles', 'A-1')).toBe('synced');
    expect(state(c, 'articles', 'A-3')).toBe('synced');
    expect(state(c, 'articles', 'A-2')).toBe('invalid');
    expect(articlePuts(c).sort()).toEqual(['A-1', 'A-3']);
    const [entry] = c.open('articles');
    expect(entry).toMatchObject({ recordKey: 'A-2', class: 'validation' });
    expect(entry?.message).toContain('Article A-2');
    expect(entry?.message).toContain(`${field}: "${raw}" is not a number`);
    expect(entry?.message).toContain('Correct it in Specter');
    // The operator reads it in the UI language: the field and the raw value travel as parameters.
    expect(entry?.ref).toEqual({
      code: 'record.unreadableValue',
      params: { kind: 'article', key: 'A-2', field, raw },
    });
    // Every article of the batch is recorded (synced or invalid): Specter may forget the batch.
    expect(c.harness.env.specter.state.feeds.articles.open).toBeNull();
    expect(c.harness.env.specter.state.feeds.articles.pending.size).toBe(0);
  });

  it('an article corrected in Specter is sent on the next run and its exception clears', async () => {
    const fixture = baseFixture();
    Object.assign(fixture.articles?.[1] ?? {}, { priceExclVat: SENTINEL.priceExclVat.value });
    const c = await start(fixture);
    c.specterProxy.set((req, answer) =>
      isAction(req, 'getArticleInfoExternalNeedUpdate')
        ? replaceLatin1(answer, 'priceExclVat="777.77"', 'priceExclVat="abc"')
        : undefined,
    );
    await c.articles();
    expect(c.open('articles')).toHaveLength(1);
    c.specterProxy.set(null);
    c.harness.env.specter.upsertArticle({ articleNo: 'A-2', articleId: '11', name: 'Artikel 2', priceExclVat: 12.5 });
    const again = await c.articles();
    expect(again.status).toBe('ok');
    expect(state(c, 'articles', 'A-2')).toBe('synced');
    expect(c.open('articles')).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Unreadable order and purchase values
// ---------------------------------------------------------------------------------------------

function orderFixture(): SpecterFixture {
  const row = (articleNo: string, noOfItems: number, rowId: string) => ({ articleNo, noOfItems, rowId });
  return baseFixture({
    orders: [
      {
        orderId: '7001',
        orderNo: '1001',
        customerId: '200',
        deliveryDate: '2026-03-01',
        lastChanged: '2026-02-01 10:00:00',
        rows: [row('A-1', 2, '9001')],
      },
      {
        orderId: '7002',
        orderNo: '1002',
        customerId: '200',
        deliveryDate: '2026-03-02',
        lastChanged: '2026-02-01 10:01:00',
        rows: [row('A-2', 7777, '9002')],
        statusId: '77',
      },
      {
        orderId: '7003',
        orderNo: '1003',
        customerId: '200',
        deliveryDate: '2026-03-03',
        lastChanged: '2026-02-01 10:02:00',
        rows: [row('A-3', 3, '9003')],
      },
    ],
  });
}

function purchaseFixture(): SpecterFixture {
  return baseFixture({
    purchases: [
      {
        purchaseId: '3001',
        purchaseNo: 'P-1',
        supplierNo: '10',
        orderDate: '2026-01-25',
        deliveryOutDate: '2026-02-14',
        lastChanged: '2026-01-25 09:00:00',
        rows: [{ articleNo: 'A-1', noOfItems: 5 }],
      },
      {
        purchaseId: '3002',
        purchaseNo: 'P-2',
        supplierNo: '10',
        orderDate: '2026-01-25',
        deliveryOutDate: '2026-02-14',
        lastChanged: '2026-01-25 09:01:00',
        rows: [{ articleNo: 'A-2', noOfItems: 7777 }],
        statusId: '77',
      },
      {
        purchaseId: '3003',
        purchaseNo: 'P-3',
        supplierNo: '10',
        orderDate: '2026-01-25',
        deliveryOutDate: '2026-02-14',
        lastChanged: '2026-01-25 09:02:00',
        rows: [{ articleNo: 'A-3', noOfItems: 6 }],
      },
    ],
  });
}

type Rewrite = (answer: ProxyAnswer) => ProxyAnswer;
const rowQuantity =
  (raw: string): Rewrite =>
  (a) =>
    replaceLatin1(a, 'noOfItems="7777"', `noOfItems="${xmlAttr(raw)}"`);
const deliveryStatus =
  (raw: string): Rewrite =>
  (a) =>
    replaceLatin1(a, 'deliveryStatus="N" statusId="77"', `deliveryStatus="${xmlAttr(raw)}" statusId="1"`);
const changeTime =
  (from: string, raw: string): Rewrite =>
  (a) =>
    replaceLatin1(a, `lastChanged="${from}"`, `lastChanged="${raw}"`);

const DOCUMENT_CASES: [string, 'orders' | 'purchaseOrders', Rewrite, string, string][] = [
  ['order row quantity "många"', 'orders', rowQuantity('många'), 'noOfItems', 'många'],
  ['order row quantity "abc"', 'orders', rowQuantity('abc'), 'noOfItems', 'abc'],
  ['order row quantity "1E5"', 'orders', rowQuantity('1E5'), 'noOfItems', '1E5'],
  ['order row quantity "1.234,50"', 'orders', rowQuantity('1.234,50'), 'noOfItems', '1.234,50'],
  ['order unknown delivery status "X"', 'orders', deliveryStatus('X'), 'deliveryStatus', '"X"'],
  ['order unknown delivery status "Levererad"', 'orders', deliveryStatus('Levererad'), 'deliveryStatus', '"Levererad"'],
  [
    'order change time "2026-12-99 99:99:99"',
    'orders',
    changeTime('2026-02-01 10:01:00', '2026-12-99 99:99:99'),
    'lastChanged',
    '2026-12-99 99:99:99',
  ],
  [
    'order change time "2026-02-30 10:00:00"',
    'orders',
    changeTime('2026-02-01 10:01:00', '2026-02-30 10:00:00'),
    'lastChanged',
    '2026-02-30 10:00:00',
  ],
  ['order change time "igår"', 'orders', changeTime('2026-02-01 10:01:00', 'igår'), 'lastChanged', 'igår'],
  ['purchase row quantity "många"', 'purchaseOrders', rowQuantity('många'), 'noOfItems', 'många'],
  ['purchase row quantity "1.234,50"', 'purchaseOrders', rowQuantity('1.234,50'), 'noOfItems', '1.234,50'],
  ['purchase unknown delivery status "Z"', 'purchaseOrders', deliveryStatus('Z'), 'deliveryStatus', '"Z"'],
  [
    'purchase change time "2026-13-01 00:00:00"',
    'purchaseOrders',
    changeTime('2026-01-25 09:01:00', '2026-13-01 00:00:00'),
    'lastChanged',
    '2026-13-01 00:00:00',
  ],
];

describe('unreadable order and purchase values', () => {
  it.each(DOCUMENT_CASES)('%s makes only that document invalid', async (_name, flow, rewrite, field, raw) => {
    const c = await start(flow === 'orders' ? orderFixture() : purchaseFixture());
    await c.articles();
    const action = flow === 'orders' ? 'getOrders' : 'getPurchases';
    c.specterProxy.set((req, answer) => (isAction(req, action) ? rewrite(answer) : undefined));

    const result = flow === 'orders' ? await c.orders() : await c.purchases();

    expect(c.specterProxy.rewritten.length).toBeGreaterThan(0);
    expect(result.status).toBe('partial');
    const [good1, bad, good2] = flow === 'orders' ? ['1001', '1002', '1003'] : ['P-1', 'P-2', 'P-3'];
    expect(state(c, flow, good1)).toBe('synced');
    expect(state(c, flow, good2)).toBe('synced');
    expect(state(c, flow, bad)).toBe('invalid');
    const writes = c.harness.env.ongoing.calls.filter(
      (call) => call.method === 'PUT' && call.path.endsWith(flow === 'orders' ? '/orders' : '/purchaseOrders'),
    );
    expect(writes).toHaveLength(2);
    const entry = c.open(flow).find((e) => e.recordKey === bad);
    expect(entry?.class).toBe('validation');
    expect(entry?.message).toContain(`[`);
    expect(entry?.message).toContain(field);
    expect(entry?.message).toContain(raw);
    expect(entry?.message).toMatch(/Specter/);
  });
});

// ---------------------------------------------------------------------------------------------
// Watermarks: times in the future, the overlap as a setting
// ---------------------------------------------------------------------------------------------

describe('watermarks', () => {
  it.each([
    ['orders', '2031-01-01 00:00:00'],
    ['purchaseOrders', '2031-01-01 00:00:00'],
    ['orders', '2099-12-31 23:59:59'],
  ] as const)(
    '%s: a change time of %s is handled but never moves the watermark; the operator is told',
    async (flow, future) => {
      const c = await start(flow === 'orders' ? orderFixture() : purchaseFixture());
      await c.articles();
      const from = flow === 'orders' ? '2026-02-01 10:01:00' : '2026-01-25 09:01:00';
      const action = flow === 'orders' ? 'getOrders' : 'getPurchases';
      c.specterProxy.set((req, answer) => (isAction(req, action) ? changeTime(from, future)(answer) : undefined));

      const result = flow === 'orders' ? await c.orders() : await c.purchases();

      expect(result.counts.created).toBe(3);
      const watermark = c.harness.deps.watermarks.get(flow);
      expect(watermark).not.toBeNull();
      expect((watermark ?? '') < '2027-01-01 00:00:00').toBe(true);
      const notice = c.open(flow).find((e) => e.recordKey.startsWith('future:'));
      expect(notice?.message).toContain(future);
      expect(notice?.message).toMatch(/does not trust that time/);
    },
  );

  it('the overlap is a setting: 30 minutes reach back 30 minutes', async () => {
    const c = await start(orderFixture());
    c.harness.updateSettings({ sync: { watermarkOverlapMinutes: 30 } });
    await c.articles();
    await c.orders();
    const before = c.harness.env.specter.callsFor('getOrders').length;
    await c.orders();
    const from = c.harness.env.specter.callsFor('getOrders').slice(before)[0]?.params.changedFrom;
    expect(from).toBe('2026-02-01 09:32:00');
  });

  it("a Specter clock far from this computer's raises a warning on the run", async () => {
    const c = await start(orderFixture());
    await c.articles();
    c.specterProxy.set((req, answer) =>
      isAction(req, 'getOrders')
        ? { ...answer, headers: { ...answer.headers, date: new Date(Date.now() - 3 * 3_600_000).toUTCString() } }
        : undefined,
    );
    const result = await c.orders();
    expect(result.error).toMatch(/clock and Specter's differ by 180 minutes/);
  });
});

// ---------------------------------------------------------------------------------------------
// Duplicates in one feed or list
// ---------------------------------------------------------------------------------------------

describe('duplicates', () => {
  it.each([
    ['the same number', 'A-2'],
    ['a trailing space', 'A-2 '],
    ['a leading space', ' A-2'],
  ])('two articles with %s: the newest wins and the exception names both', async (_name, number) => {
    const fixture = baseFixture();
    // The simulator keeps one article per exact number: an exact twin is written into its reply.
    const stored = number === 'A-2' ? 'A-2-TWIN' : number;
    fixture.articles?.push({
      articleNo: stored,
      articleId: '99',
      name: 'Dubblett',
      lastChanged: '2026-01-01 11:00:00',
    });
    const c = await start(fixture);
    c.specterProxy.set((req, answer) =>
      isAction(req, 'getArticleInfoExternalNeedUpdate') && stored !== number
        ? replaceLatin1(answer, '<articleNo>A-2-TWIN</articleNo>', '<articleNo>A-2</articleNo>')
        : undefined,
    );
    await c.articles();
    const puts = c.harness.env.ongoing.calls.filter((call) => call.method === 'PUT' && call.path.endsWith('/articles'));
    const a2 = puts.filter((call) => (call.body as { articleNumber: string }).articleNumber.trim() === 'A-2');
    expect(a2).toHaveLength(1);
    expect((a2[0]?.body as { articleName?: string } | undefined)?.articleName).toBe('Dubblett');
    const entry = c.open('articles').find((e) => e.recordKey === 'duplicate:A-2');
    expect(entry?.message).toContain('ids 99');
    expect(entry?.message).toContain('and 11');
  });

  it('two orders with the same number: the newest wins and the exception names both', async () => {
    const fixture = orderFixture();
    fixture.orders?.push({
      orderId: '7009',
      orderNo: '1001',
      customerId: '200',
      deliveryDate: '2026-03-09',
      lastChanged: '2026-02-01 10:09:00',
      rows: [{ articleNo: 'A-3', noOfItems: 9, rowId: '9009' }],
    });
    const c = await start(fixture);
    await c.articles();
    await c.orders();
    const puts = c.harness.env.ongoing.calls.filter((call) => call.method === 'PUT' && call.path.endsWith('/orders'));
    const numbered = puts.filter((call) => (call.body as { orderNumber: string }).orderNumber === '1001');
    expect(numbered).toHaveLength(1);
    expect(c.harness.deps.records.get('orders', '1001')?.specterId).toBe('7009');
    const entry = c.open('orders').find((e) => e.recordKey === 'duplicate:1001');
    expect(entry?.message).toContain('Specter ids 7009 and 7001');
  });

  it('two purchases with the same number: the newest wins and the exception names both', async () => {
    const fixture = purchaseFixture();
    fixture.purchases?.push({
      purchaseId: '3009',
      purchaseNo: 'P-1',
      supplierNo: '10',
      orderDate: '2026-01-25',
      deliveryOutDate: '2026-02-20',
      lastChanged: '2026-01-25 09:09:00',
      rows: [{ articleNo: 'A-3', noOfItems: 1 }],
    });
    const c = await start(fixture);
    await c.articles();
    await c.purchases();
    expect(c.harness.deps.records.get('purchaseOrders', 'P-1')?.specterId).toBe('3009');
    expect(c.open('purchaseOrders').find((e) => e.recordKey === 'duplicate:P-1')?.message).toContain('3009');
  });
});

// ---------------------------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------------------------

describe('characters', () => {
  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b'],
    ['a character reference to NUL', '&#0;'],
    ['a character reference to 0x1F', '&#x1F;'],
  ])('%s in an article name is removed with a warning on the record', async (_name, inserted) => {
    const c = await start(baseFixture());
    c.specterProxy.set((req, answer) =>
      isAction(req, 'getArticleInfoExternalNeedUpdate')
        ? replaceLatin1(answer, '<name>Artikel 2</name>', `<name>Artikel${inserted} 2</name>`)
        : undefined,
    );
    const result = await c.articles();
    expect(result.status).toBe('ok');
    const put = c.harness.env.ongoing.calls.find(
      (call) => call.method === 'PUT' && (call.body as { articleNumber: string }).articleNumber === 'A-2',
    );
    expect((put?.body as { articleName: string } | undefined)?.articleName).toBe('Artikel 2');
    const record = c.harness.deps.records.get('articles', 'A-2');
    expect(record?.state).toBe('synced');
    expect(record?.message).toMatch(/\[name\] name: control characters were removed/);
  });

  it('UTF-8 bytes under an ISO-8859-1 prolog are read as UTF-8, with a warning', async () => {
    const fixture = baseFixture();
    Object.assign(fixture.articles?.[1] ?? {}, { name: 'Kökshandduk Åsa' });
    const c = await start(fixture);
    c.specterProxy.set((req, answer) =>
      isAction(req, 'getArticleInfoExternalNeedUpdate')
        ? { ...answer, body: Buffer.from(answer.body.toString('latin1'), 'utf8') }
        : undefined,
    );
    await c.articles();
    const put = c.harness.env.ongoing.calls.find(
      (call) => call.method === 'PUT' && (call.body as { articleNumber: string }).articleNumber === 'A-2',
    );
    expect((put?.body as { articleName: string } | undefined)?.articleName).toBe('Kökshandduk Åsa');
    expect(c.harness.deps.records.get('articles', 'A-2')?.message).toMatch(/declared ISO-8859-1 but sent UTF-8 bytes/);
  });

  it('Latin-1 bytes under a UTF-8 prolog are read as Latin-1, with a warning', async () => {
    const fixture = baseFixture();
    Object.assign(fixture.articles?.[1] ?? {}, { name: 'Ullsocka grå' });
    const c = await start(fixture);
    c.specterProxy.set((req, answer) =>
      isAction(req, 'getArticleInfoExternalNeedUpdate')
        ? replaceLatin1(answer, /encoding="[^"]*"/i, 'encoding="UTF-8"')
        : undefined,
    );
    await c.articles();
    const put = c.harness.env.ongoing.calls.find(
      (call) => call.method === 'PUT' && (call.body as { articleNumber: string }).articleNumber === 'A-2',
    );
    expect((put?.body as { articleName: string } | undefined)?.articleName).toBe('Ullsocka grå');
    expect(c.harness.deps.records.get('articles', 'A-2')?.message).toMatch(/declared UTF-8 but sent Latin-1 bytes/);
  });

  it('plain Latin-1 under its own declaration gives no warning', async () => {
    const fixture = baseFixture();
    Object.assign(fixture.articles?.[1] ?? {}, { name: 'Ullsocka grå' });
    const c = await start(fixture);
    await c.articles();
    expect(c.harness.deps.records.get('articles', 'A-2')?.message).toBe('');
  });
});

// ---------------------------------------------------------------------------------------------
// Honest classes for Specter's answers
// ---------------------------------------------------------------------------------------------

describe('Specter answers that cannot be used', () => {
  const html = (_answer: ProxyAnswer): ProxyAnswer => ({
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: Buffer.from('<html><body>Bad Gateway</body></html>'),
  });
  const empty = (a: ProxyAnswer): ProxyAnswer => ({ ...a, body: Buffer.alloc(0) });
  const cut = (a: ProxyAnswer): ProxyAnswer => ({ ...a, body: a.body.subarray(0, Math.floor(a.body.length / 2)) });
  const page200 = (a: ProxyAnswer): ProxyAnswer => ({
    ...a,
    headers: { 'content-type': 'text/html' },
    body: Buffer.from('<!DOCTYPE html><html><body>Logga in</body></html>'),
  });
  it.each([
    ['an HTML error page', html],
    ['an empty body', empty],
    ['a body cut in half', cut],
    ['a login page with 200', page200],
  ])('%s is a protocol problem, not "could not be reached"; nothing is written', async (_name, rewrite) => {
    const c = await start(orderFixture());
    await c.articles();
    c.specterProxy.set((req, answer) => (isAction(req, 'getOrders') ? rewrite(answer) : undefined));
    const result = await c.orders();
    expect(result.status).toBe('failed');
    expect(result.unreachable).toBe(true);
    expect(result.error).toMatch(/Specter answered with something the app cannot use/);
    expect(result.error).not.toMatch(/could not be reached/);
    expect(c.open('orders')).toEqual([expect.objectContaining({ recordKey: '*', class: 'connection' })]);
    expect(
      c.harness.env.ongoing.calls.filter((call) => call.path.endsWith('/orders') && call.method === 'PUT'),
    ).toHaveLength(0);
  });

  it('Specter not answering at all is "could not be reached"', async () => {
    const c = await start(orderFixture());
    await c.articles();
    await c.specterProxy.close();
    const result = await c.orders();
    expect(result.error).toMatch(/Specter could not be reached/);
  });

  it('a refused Specter key is an auth problem that clears once a run succeeds', async () => {
    const c = await start(orderFixture());
    await c.articles();
    await c.harness.env.secrets.set('specter.integrationKey', 'wrong');
    const failed = await c.orders();
    expect(failed.error).toMatch(/Specter refused the credentials/);
    expect(c.open('orders')).toEqual([expect.objectContaining({ class: 'auth', recordKey: '*' })]);
    await c.harness.env.secrets.set('specter.integrationKey', 'demo-integration-key');
    const ok = await c.orders();
    expect(ok.status).toBe('ok');
    expect(c.open('orders')).toHaveLength(0);
  });
});
