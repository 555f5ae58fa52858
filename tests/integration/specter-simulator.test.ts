import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { specterKey } from '../../src/main/core/specter/key';
import { encodeLatin1Form } from '../../src/main/core/specter/latin1';
import { runSpecterSimulatorCli } from '../../src/main/simulators/specter/cli';
import { SPECTER_DEMO_CREDENTIALS } from '../../src/main/simulators/specter/demo-fixture';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { isLoopback, type SpecterSimulator, startSpecterSimulator } from '../../src/main/simulators/specter/server';
import type { SpecterCredentials } from '../../src/shared/domain/specter';

// The credentials of the test vectors in docs/specter-api.md ("Authentication").
const CREDS: SpecterCredentials = {
  sbmId: '1234',
  apiUserId: 'api1',
  apiUserKey: 'testUserKey123',
  integrationKey: 'testIntegrationKey456',
};

const FIXTURE: SpecterFixture = {
  articles: [
    { articleNo: 'ART-001', name: 'Ullsocka grå 39-42', priceExclVat: 99 },
    { articleNo: 'ART-002', name: 'Kökshandduk randig', priceExclVat: 49.5 },
    { articleNo: 'ART-003', name: 'Mössa röd' },
  ],
  customers: [{ customerId: '109', firstName: 'Åsa', surName: 'Öberg' }],
  orders: [{ orderId: '5521', customerId: '109', rows: [{ articleNo: 'ART-001', noOfItems: 2 }] }],
};

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function start(options: { responseMaxLimit?: number } = {}): Promise<SpecterSimulator> {
  const sim = await startSpecterSimulator({ fixture: FIXTURE, credentials: CREDS, ...options });
  cleanup.push(() => sim.close());
  return sim;
}

const key = (primary: string) => specterKey(CREDS.apiUserKey, CREDS.integrationKey, CREDS.sbmId, primary);

async function get(sim: SpecterSimulator, query: string): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(`${sim.url}/getInfo.asp?${query}`);
  return {
    status: res.status,
    text: Buffer.from(await res.arrayBuffer()).toString('latin1'),
    type: res.headers.get('content-type') ?? '',
  };
}

async function post(sim: SpecterSimulator, query: string, body: string, contentType?: string): Promise<string> {
  const res = await fetch(`${sim.url}/putInfo.asp?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType ?? 'application/x-www-form-urlencoded' },
    body,
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer()).toString('latin1');
}

async function control(
  sim: SpecterSimulator,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${sim.url}/_control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('Specter simulator wire format', () => {
  it('accepts the documented key vector over a Latin-1 primary value ("Åsa Öberg" as batchNo)', async () => {
    const sim = await start();
    const query = encodeLatin1Form([
      ['Action', 'getArticleInfoExternalNeedUpdate'],
      ['sbmId', '1234'],
      ['apiUserId', 'api1'],
      ['useXML', '2'],
      ['batchNo', 'Åsa Öberg'],
      ['key', '8b707271b7da9662907e23741d35003f'],
    ]);
    expect(query).toContain('batchNo=%C5sa%20%D6berg');
    const res = await get(sim, query);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml; charset=ISO-8859-1');
    expect(res.text.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
    expect(res.text).toContain('<result>1</result>');
    // Names go out as Latin-1 bytes: "å" is the single byte 0xE5.
    expect(res.text).toContain('<name>Ullsocka grå 39-42</name>');
    const utf8Query = query.replace('%C5sa%20%D6berg', encodeURIComponent('Åsa Öberg'));
    const wrong = await get(sim, utf8Query);
    expect(wrong.text).toContain('<code>1</code>');
  });

  it('matches parameter names case-insensitively and merges query and form', async () => {
    const sim = await start();
    const res = await get(
      sim,
      `ACTION=getOrder&SBMID=1234&APIUSERID=api1&usexml=2&ORDERID=5521&Key=${key('5521').toUpperCase()}`,
    );
    expect(res.text).toContain('orderId="5521"');
    expect(res.text).toContain('firstName="Åsa"');
    const text = await post(
      sim,
      'action=stockUpdateSubmit&sbmId=1234&apiUserId=api1&useXML=1',
      `StockSiteId=1&ArticleNo_1=ART-002&NOITEMSINSTOCK_1=17&key=${key('ART-002')}`,
    );
    expect(text).toBe('1;1;OK');
    expect(sim.state.getStock('1', 'ART-002')).toBe(17);
  });

  it('decodes a form declared as UTF-8 when the client says so', async () => {
    const sim = await start();
    const orderNo = sim.state.orders.get('5521')?.orderNo ?? '';
    expect(orderNo).not.toBe('');
    const text = await post(
      sim,
      'action=deliverySubmit&sbmId=1234&apiUserId=api1&useXML=1',
      // The submit's order id carries the order number (the spec's "goods owner order number").
      `orderId=${orderNo}&rowNo_1=1&noOfItems_1=1&packetNo=${encodeURIComponent('Åsa')}&key=${key(orderNo)}`,
      'application/x-www-form-urlencoded; charset=UTF-8',
    );
    expect(text).toMatch(/^1;\d+;OK$/);
    expect(sim.state.deliveries[0]?.packetNo).toBe('Åsa');
  });

  it('answers errors with HTTP 200 and the envelope, as text or XML', async () => {
    const sim = await start();
    const base = 'sbmId=1234&apiUserId=api1';
    expect(await post(sim, `action=deliverySubmit&${base}&useXML=1`, `orderId=5521&key=${'0'.repeat(32)}`)).toBe(
      '0;1;Invalid key',
    );
    expect(await post(sim, `action=deliverySubmit&sbmId=9&apiUserId=api1`, 'orderId=1&key=x')).toBe(
      '0;2;Unknown sbmId 9',
    );
    expect(await post(sim, `action=deliverySubmit&${base}`, `key=${key('5521')}`)).toBe(
      '0;3;Missing parameter orderId',
    );
    expect(await post(sim, `action=dance&${base}`, 'key=x')).toBe('0;4;Unknown action dance for putInfo.asp');
    // Reads are not served on putInfo.asp.
    expect(await post(sim, `action=getOrder&${base}`, `orderId=5521&key=${key('5521')}`)).toMatch(/^0;4;/);
    const xml = await get(sim, `action=getOrder&${base}&useXML=2&orderId=1&key=${key('1')}`);
    expect(xml.status).toBe(200);
    expect(xml.text).toContain('<result>0</result><code>5</code><message>Order 1 does not exist.</message>');
    const textRead = await get(sim, `action=getOrder&${base}&orderId=5521&key=${key('5521')}`);
    expect(textRead.text).toBe('0;6;getOrder answers in XML only: add useXML=2');
  });

  it('keeps one open batch per feed: same batchNo → same records, another → 99 with the old number, ack clears', async () => {
    const sim = await start({ responseMaxLimit: 2 });
    const read = (b: string) =>
      get(sim, `action=getArticleInfoExternalNeedUpdate&sbmId=1234&apiUserId=api1&useXML=2&batchNo=${b}&key=${key(b)}`);
    const ack = (b: string) =>
      get(sim, `action=updateArticleInfosFromBatch&sbmId=1234&apiUserId=api1&batchNo=${b}&key=${key(b)}`);
    const first = await read('b1');
    expect(first.text).toContain('<articleNo>ART-001</articleNo>');
    expect(first.text).toContain('<articleNo>ART-002</articleNo>');
    expect(first.text).not.toContain('ART-003');
    expect(first.text).toContain('<responseMaxLimit>2</responseMaxLimit>');
    expect((await read('b1')).text).toBe(first.text);
    const blocked = await read('b2');
    expect(blocked.text).toContain("<code>99</code><message>Batch 'b1' is not finished</message>");
    // The stock feed has its own batch.
    const stock = await get(
      sim,
      `action=getArticleExternalNeedUpdate&getMultipleStocksites=1&sbmId=1234&apiUserId=api1&useXML=2&batchNo=s1&key=${key('s1')}`,
    );
    expect(stock.text).toContain('<result>1</result>');
    expect((await ack('b1')).text).toBe('1;2;OK');
    expect((await ack('b1')).text).toMatch(/^1;0;/);
    const next = await read('b2');
    expect(next.text).toContain('<articleNo>ART-003</articleNo>');
  });

  it('records every call with the key redacted', async () => {
    const sim = await start();
    await get(sim, `action=getOrder&sbmId=1234&apiUserId=api1&useXML=2&orderId=5521&key=${key('5521')}`);
    expect(sim.calls).toHaveLength(1);
    expect(sim.calls[0]).toMatchObject({
      method: 'GET',
      script: 'getInfo.asp',
      action: 'getOrder',
      ok: true,
      code: 0,
      params: { orderId: '5521', key: '[redacted]' },
    });
    expect(JSON.stringify(sim.calls)).not.toContain(key('5521'));
  });

  it('rejects unknown paths and methods', async () => {
    const sim = await start();
    expect((await fetch(`${sim.url}/other.asp`)).status).toBe(404);
    expect((await fetch(`${sim.url}/getInfo.asp`, { method: 'PUT' })).status).toBe(405);
  });
});

describe('control API', () => {
  it('creates an order, lists deliveries and resets', async () => {
    const sim = await start();
    const created = await control(sim, 'orders', {
      customerId: '109',
      customerReference: 'Åsa',
      rows: [{ articleNo: 'ART-002', noOfItems: 3 }],
    });
    expect(created.status).toBe(201);
    const { orderId, orderNo, rows } = created.json as {
      orderId: string;
      orderNo: string;
      rows: { rowNo: string; rowId: string }[];
    };
    expect(rows[0]?.rowNo).toBe('1');
    const read = await get(
      sim,
      `action=getOrder&sbmId=1234&apiUserId=api1&useXML=2&orderId=${orderId}&key=${key(orderId)}`,
    );
    expect(read.text).toContain('articleName>Kökshandduk randig<');

    await post(
      sim,
      'action=deliverySubmit&sbmId=1234&apiUserId=api1&useXML=1',
      `orderId=${orderNo}&rowNo_1=1&noOfItems_1=2&packetNo=P1&createInvoice=1&deliveryReference=REF-1&key=${key(orderNo)}`,
    );
    const deliveries = (await control(sim, 'deliveries')).json as {
      orderId: string;
      packetNo: string;
      invoiceId: string;
    }[];
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ orderId, packetNo: 'P1', reference: 'REF-1' });
    expect(deliveries[0]?.invoiceId).not.toBe('');
    expect(((await control(sim, `orders/${orderId}`)).json as { deliveryStatus: string }).deliveryStatus).toBe('P');

    const cancelled = await control(sim, `orders/${orderId}/cancel`, {});
    expect((cancelled.json as { statusId: string }).statusId).toBe('5');

    const reset = await control(sim, 'reset', {});
    expect((reset.json as { counts: { orders: number; deliveries: number } }).counts).toMatchObject({
      orders: 1,
      deliveries: 0,
    });
  });

  it('sets faults: a queued one-shot fault hits the next matching call only', async () => {
    const sim = await start();
    const set = await control(sim, 'faults', { enqueue: { kind: 'html', match: 'getOrder' } });
    expect(set.json).toEqual({ ok: true, queued: 1 });
    const q = `action=getOrder&sbmId=1234&apiUserId=api1&useXML=2&orderId=5521&key=${key('5521')}`;
    expect((await get(sim, q)).status).toBe(502);
    expect((await get(sim, q)).status).toBe(200);
    const bad = await control(sim, 'faults', { spec: 'explode=1' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(/Unknown fault "explode"/);
    const badKind = await control(sim, 'faults', { enqueue: [{ kind: 'boom' }] });
    expect((badKind.json as { error: string }).error).toMatch(/enqueue\[0\]\.kind "boom" is unknown/);
  });

  it('explains bad input with the field to fix', async () => {
    const sim = await start();
    const bad = await control(sim, 'orders', { customerId: '109', rows: [{ articleNo: 'ART-001', noOfItems: -1 }] });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(/rows\[0\]\.noOfItems/);
    const notJson = await fetch(`${sim.url}/_control/orders`, { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not valid JSON/);
    expect((await control(sim, 'nothing-here')).status).toBe(404);
    expect((await control(sim, 'orders/424242')).status).toBe(404);
  });

  it('changes settings and stock', async () => {
    const sim = await start();
    await control(sim, 'settings', { responseMaxLimit: 1, decimalComma: true, latencyMs: 5 });
    expect(sim.responseMaxLimit).toBe(1);
    expect(sim.decimalComma).toBe(true);
    await control(sim, 'stock', { rows: [{ articleNo: 'ART-003', noItemsInStock: 4 }] });
    const stock = (await control(sim, 'stock?stockSiteId=1')).json as { articleNo: string; noItemsInStock: number }[];
    expect(stock.find((s) => s.articleNo === 'ART-003')?.noItemsInStock).toBe(4);
    const res = await get(sim, `action=getOrder&sbmId=1234&apiUserId=api1&useXML=2&orderId=5521&key=${key('5521')}`);
    expect(res.text).toContain('priceExclVAT="99,00"');
  });

  it('treats only loopback peers as local', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('192.168.1.20')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});

describe('CLI and fixture files', () => {
  it('starts with the demo data and prints the URL and the demo credentials', async () => {
    const lines: string[] = [];
    const sim = await runSpecterSimulatorCli(['--port', '0', '--latency', '1', '--faults', 'error=0'], (l) =>
      lines.push(l),
    );
    expect(sim).toBeDefined();
    if (!sim) return;
    cleanup.push(() => sim.close());
    const out = lines.join('\n');
    expect(out).toContain(`listening on ${sim.url}`);
    expect(out).toContain(SPECTER_DEMO_CREDENTIALS.apiUserKey);
    expect(out).toContain(SPECTER_DEMO_CREDENTIALS.sbmId);
    expect(sim.state.articles.size).toBe(300);
    expect(sim.latencyMs).toBe(1);
  });

  it('prints usage for --help and explains bad options', async () => {
    const lines: string[] = [];
    await expect(runSpecterSimulatorCli(['--help'], (l) => lines.push(l))).resolves.toBeUndefined();
    expect(lines.join('\n')).toContain('--fixture <file.json>');
    await expect(runSpecterSimulatorCli(['--port', 'abc'])).rejects.toThrow(/--port must be a whole number/);
    await expect(runSpecterSimulatorCli(['--bogus'])).rejects.toThrow(/Unknown option "--bogus"/);
    await expect(runSpecterSimulatorCli(['--faults', 'nope=1'])).rejects.toThrow(/Unknown fault "nope"/);
  });

  it('loads a fixture file and reports what is wrong with a bad one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'specter-fixture-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(FIXTURE), 'utf8');
    const sim = await runSpecterSimulatorCli(['--fixture', good, '--sbm-id', '77', '--api-user-id', 'u2'], () => {});
    if (!sim) throw new Error('expected a simulator');
    cleanup.push(() => sim.close());
    expect(sim.state.orders.get('5521')?.customer.firstName).toBe('Åsa');
    expect(sim.credentials.sbmId).toBe('77');
    expect(sim.credentials.apiUserId).toBe('u2');

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ orders: [{ customerId: '1', rows: [{ noOfItems: 'two' }] }] }), 'utf8');
    await expect(runSpecterSimulatorCli(['--fixture', bad], () => {})).rejects.toThrow(
      /bad\.json is not valid:[\s\S]*orders\[0\]\.rows\[0\]\.articleNo/,
    );
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "articles": [', 'utf8');
    await expect(runSpecterSimulatorCli(['--fixture', broken], () => {})).rejects.toThrow(/is not valid JSON/);
  });
});
