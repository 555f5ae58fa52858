/**
 * Odd answers from Ongoing, one case per kind, each with the asserted outcome: the failure class and
 * its message (only network failures "could not be reached"; a refusal keeps Ongoing's own words;
 * "work has started" only when the status read back confirms it), what synced and what was not
 * written, how long a Retry-After holds the run (never the write queue), and that a job-level
 * problem of any job clears once a run succeeds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { syncExitCode } from '../../src/main/headless/cli';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import { createReceiptsJob } from '../../src/main/core/flows/receipts';
import { createStockJob } from '../../src/main/core/flows/stock';
import { pendingOngoingWrites } from '../../src/main/core/ongoing/write-queue';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { ONGOING_DEMO_USER } from '../../src/main/simulators/ongoing';
import { baseFixture, type CorpusCase, type ProxyAnswer, type ProxyRequest, startCorpusCase } from './corpus-harness';

let current: CorpusCase | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

function fixture(): SpecterFixture {
  return baseFixture({
    orders: [
      {
        orderId: '7001',
        orderNo: '1001',
        customerId: '200',
        deliveryDate: '2026-03-01',
        lastChanged: '2026-02-01 10:00:00',
        rows: [{ articleNo: 'A-1', noOfItems: 2, rowId: '9001' }],
      },
      {
        orderId: '7002',
        orderNo: '1002',
        customerId: '200',
        deliveryDate: '2026-03-02',
        lastChanged: '2026-02-01 10:01:00',
        rows: [{ articleNo: 'A-2', noOfItems: 1, rowId: '9002' }],
      },
    ],
  });
}

async function start(): Promise<CorpusCase> {
  current = await startCorpusCase(fixture());
  return current;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): ProxyAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: Buffer.from(JSON.stringify(body)),
});
const putOf = (what: string, number?: string) => (req: ProxyRequest) =>
  req.method === 'PUT' &&
  req.url.split('?')[0]?.endsWith(`/${what}`) === true &&
  (number === undefined || req.body.toString('utf8').includes(`"${number}"`));
const ongoingPuts = (c: CorpusCase, what: string) =>
  c.harness.env.ongoing.calls.filter((call) => call.method === 'PUT' && call.path.endsWith(`/${what}`));

describe('Ongoing answers that cannot be used are protocol problems', () => {
  it.each([
    [
      'an HTML error page (502)',
      {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>'),
      },
    ],
    ['an empty 200 body', { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.alloc(0) }],
    [
      'malformed JSON',
      { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"articleSystemId": 1') },
    ],
    ['HTTP 500 with a JSON message', json(500, { message: 'An error has occurred.' })],
    ['HTTP 413 request too large', json(413, { message: 'Request Entity Too Large' })],
  ] as [string, ProxyAnswer][])('%s: the run stops honestly, not "could not be reached"', async (_name, answer) => {
    const c = await start();
    c.ongoingProxy.set((req) => (putOf('articles')(req) ? answer : undefined));
    const result = await c.articles();
    expect(c.ongoingProxy.rewritten.length).toBeGreaterThan(0);
    expect(result.status).toBe('failed');
    expect(result.unreachable).toBe(true);
    expect(result.error).toMatch(/Ongoing answered with something the app cannot use/);
    expect(result.error).not.toMatch(/could not be reached/);
    expect(c.open('articles')).toEqual([expect.objectContaining({ recordKey: '*', class: 'connection' })]);
    // The batch stays open in Specter: nothing was acknowledged.
    expect(c.harness.env.specter.state.feeds.articles.open).not.toBeNull();
  });

  it('HTTP 413 says the request was too large', async () => {
    const c = await start();
    c.ongoingProxy.set((req) => (putOf('articles')(req) ? json(413, {}) : undefined));
    const result = await c.articles();
    expect(result.error).toMatch(/too large \(HTTP 413\)/);
  });

  it('Ongoing not answering at all is "could not be reached"', async () => {
    const c = await start();
    await c.ongoingProxy.close();
    const result = await c.articles();
    expect(result.error).toMatch(/Ongoing could not be reached/);
  });
});

describe("refusals keep Ongoing's own words", () => {
  it("a 400 on one article: that article is refused with Ongoing's message, the rest syncs", async () => {
    const c = await start();
    c.ongoingProxy.set((req) =>
      putOf('articles', 'A-2')(req) ? json(400, { message: 'Article name contains forbidden text XYZ' }) : undefined,
    );
    const result = await c.articles();
    expect(result.status).toBe('partial');
    expect(c.harness.deps.records.get('articles', 'A-1')?.state).toBe('synced');
    expect(c.harness.deps.records.get('articles', 'A-2')?.state).toBe('failed');
    const entry = c.open('articles').find((e) => e.recordKey === 'A-2');
    expect(entry?.class).toBe('remote_refusal');
    expect(entry?.message).toContain('Article name contains forbidden text XYZ');
  });

  it('a 400 that sounds like a lock on a NEW order is a refusal with Ongoing\'s text, not "work has started"', async () => {
    const c = await start();
    await c.articles();
    c.ongoingProxy.set((req) =>
      putOf('orders', '1002')(req) ? json(400, { message: 'Order cannot be updated: customer blocked' }) : undefined,
    );
    const result = await c.orders();
    expect(result.counts).toMatchObject({ created: 1, failed: 1, conflicts: 0 });
    const entry = c.open('orders').find((e) => e.recordKey === '1002');
    expect(entry?.class).toBe('remote_refusal');
    expect(entry?.message).toContain('Order cannot be updated: customer blocked');
    expect(entry?.message).not.toMatch(/started/);
    expect(c.harness.deps.records.get('orders', '1002')?.state).toBe('failed');
  });

  it('a 409 on an existing order whose status read back is not started is a refusal, not a conflict', async () => {
    const c = await start();
    await c.articles();
    await c.orders();
    c.harness.env.specter.updateOrder('7001', { deliveryDate: '2026-03-20' });
    c.ongoingProxy.set((req) =>
      putOf('orders', '1001')(req) ? json(409, { message: 'Order is locked by another user' }) : undefined,
    );
    const result = await c.orders();
    expect(result.counts.conflicts).toBe(0);
    const entry = c.open('orders').find((e) => e.recordKey === '1001');
    expect(entry?.class).toBe('remote_refusal');
    expect(entry?.message).toContain('Order is locked by another user');
  });

  it('an existing order the warehouse has started (status read back ≥ 300) becomes a conflict and is not replaced', async () => {
    const c = await start();
    await c.articles();
    await c.orders();
    const id = c.harness.env.ongoing.warehouse.orderIdByNumber('1001');
    c.harness.env.ongoing.warehouse.release(id);
    c.harness.env.specter.updateOrder('7001', { rows: [{ articleNo: 'A-1', noOfItems: 5, rowId: '9001' }] });
    c.harness.env.ongoing.clearCalls();
    const result = await c.orders();
    expect(result.counts.conflicts).toBe(1);
    expect(ongoingPuts(c, 'orders')).toHaveLength(0);
    const entry = c.open('orders').find((e) => e.recordKey === '1001');
    expect(entry?.class).toBe('conflict');
    expect(entry?.message).toMatch(/warehouse started working on it/);
  });
});

describe('Retry-After', () => {
  it.each([
    ['3600 seconds', () => '3600', 3600],
    ['an HTTP date three hours ahead', () => new Date(Date.now() + 3 * 3_600_000).toUTCString(), 10_800],
  ])(
    '%s: the run ends at once saying how long Ongoing asked to wait and when the next try is',
    async (_name, header, seconds) => {
      const c = await start();
      c.ongoingProxy.set((req) =>
        putOf('articles')(req) ? json(429, { message: 'Too many requests' }, { 'retry-after': header() }) : undefined,
      );
      const result = await c.articles();
      expect(c.ongoingProxy.rewritten).toHaveLength(1);
      expect(result.status).toBe('failed');
      // The English text writes the number as en-GB does (3,600).
      const waited = Number(/asked to wait ([\d,]+) s/.exec(result.error ?? '')?.[1]?.replaceAll(',', ''));
      expect(Math.abs(waited - seconds)).toBeLessThanOrEqual(2);
      expect(result.error).toMatch(/next try at \d{2}:\d{2}/);
      expect(result.retryAfterMs).toBeGreaterThan(120_000);
      // No wait holds the goods owner's write queue.
      expect(pendingOngoingWrites(ONGOING_DEMO_USER.goodsOwnerId)).toBe(0);
    },
  );

  it('a short Retry-After is honoured and the write goes through', async () => {
    const c = await start();
    let refused = 0;
    c.ongoingProxy.set((req) => {
      if (!putOf('articles', 'A-1')(req) || refused > 0) return undefined;
      refused++;
      return json(429, { message: 'Slow down' }, { 'retry-after': '1' });
    });
    const result = await c.articles();
    expect(refused).toBe(1);
    expect(result.status).toBe('ok');
    expect(c.harness.deps.records.get('articles', 'A-1')?.state).toBe('synced');
  });
});

describe('one failure model for every job: auth problems clear once a run succeeds', () => {
  const jobs = {
    deliveries: (c: CorpusCase) => createDeliveriesJob(c.harness.deps, c.harness.context.sync.postings),
    receipts: (c: CorpusCase) => createReceiptsJob(c.harness.deps, c.harness.context.sync.postings),
    stock: (c: CorpusCase) => createStockJob(c.harness.deps, c.harness.context.sync.stock),
  } as const;
  it.each(Object.keys(jobs) as (keyof typeof jobs)[])('%s', async (name) => {
    const c = await start();
    c.harness.updateSettings({ sync: { stock: { enabled: true, mode: 'after_review' } } });
    await c.harness.env.secrets.set('ongoing.password', 'wrong');
    const failed = await c.run(jobs[name](c));
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/refused the API user|refused the credentials/);
    expect(c.open(name)).toEqual([expect.objectContaining({ class: 'auth', recordKey: '*' })]);
    await c.harness.env.secrets.set('ongoing.password', ONGOING_DEMO_USER.password);
    const ok = await c.run(jobs[name](c));
    expect(ok.status).not.toBe('failed');
    expect(c.open(name).filter((e) => e.class === 'auth')).toHaveLength(0);
  });
});

describe('sync exit codes', () => {
  it.each([
    [['ok', 'ok'], 0],
    [['ok', 'partial'], 3],
    [['partial', 'failed'], 1],
    [['ok', 'interrupted'], 1],
  ] as [string[], number][])('%j → %i', (statuses, code) => {
    expect(syncExitCode(statuses)).toBe(code);
  });
});
