/**
 * The scheduled purchase order job against both simulators over real HTTP and a real SQLite file:
 * create/update/unchanged with a persisted watermark, conflicts once receiving has started,
 * cancellation, the status filter and dry runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createArticlesJob } from '../../src/main/core/flows/articles';
import { createPurchaseOrdersJob } from '../../src/main/core/flows/purchase-orders';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import type { SimPurchase } from '../../src/main/simulators/specter/state';
import type { GetPurchaseOrderModel } from '../../src/shared/ongoing/models';
import { type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

const ctx = (dryRun = false): JobContext => ({ runId: 0, dryRun, progress: () => {} });

function fixture(): SpecterFixture {
  return {
    articles: ['A-1', 'A-2'].map((articleNo, i) => ({
      articleNo,
      articleId: String(20 + i),
      name: `Artikel ${i + 1}`,
      buyPrice: 10,
      lastChanged: '2026-01-01 09:00:00',
    })),
    suppliers: [{ supplierNo: '10', name: 'Ullspinneriet AB', city: 'Borås', countryCode: 'SE' }],
    purchases: [
      {
        purchaseId: '3001',
        purchaseNo: 'P-3001',
        supplierNo: '10',
        orderDate: '2026-01-20',
        deliveryOutDate: '2026-02-10',
        lastChanged: '2026-01-25 08:00:00',
        rows: [
          { articleNo: 'A-1', noOfItems: 10, rowId: '7101' },
          { articleNo: 'A-2', noOfItems: 4, rowId: '7102' },
        ],
      },
      {
        purchaseId: '3002',
        purchaseNo: 'P-3002',
        supplierNo: '10',
        orderDate: '2026-01-21',
        deliveryOutDate: '2026-02-12',
        lastChanged: '2026-01-25 09:00:00',
        rows: [{ articleNo: 'A-2', noOfItems: 6, rowId: '7103' }],
      },
      {
        // Fully delivered in Specter: nothing left for the warehouse to receive.
        purchaseId: '3003',
        purchaseNo: 'P-3003',
        supplierNo: '10',
        orderDate: '2026-01-02',
        deliveryOutDate: '2026-01-10',
        lastChanged: '2026-01-25 07:00:00',
        rows: [{ articleNo: 'A-1', noOfItems: 3, receivedNoOfItems: 3, rowId: '7104' }],
      },
    ],
    customers: [],
    orders: [],
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
  expect((await createArticlesJob(h.deps).run(ctx())).status).toBe('ok');
  h.env.ongoing.clearCalls();
  return h;
}

const runPurchases = (h: SyncHarness, dryRun = false) => createPurchaseOrdersJob(h.deps).run(ctx(dryRun));
const writes = (h: SyncHarness) => h.env.ongoing.calls.filter((c) => c.method !== 'GET');
const poId = (h: SyncHarness, no: string) => h.env.ongoing.warehouse.purchaseOrderIdByNumber(no);
const ongoingPo = (h: SyncHarness, no: string): GetPurchaseOrderModel =>
  h.env.ongoing.state.renderPurchaseOrder(h.env.ongoing.state.requirePurchaseOrder(poId(h, no)));
const open = (h: SyncHarness) => h.deps.exceptions.list({ state: 'open', flow: 'purchaseOrders' });

/** Edit a purchase as a user would in Specter: the change gets a new change time. */
function editPurchase(h: SyncHarness, purchaseId: string, edit: (p: SimPurchase) => void): void {
  const purchase = h.env.specter.state.purchases.get(purchaseId);
  if (!purchase) throw new Error(`no purchase ${purchaseId} in the Specter simulator`);
  edit(purchase);
  purchase.lastChanged = h.env.specter.state.stamp();
}

describe('purchase orders job', () => {
  it('creates purchase orders not yet delivered, records them and persists its own watermark', async () => {
    const h = await setup();
    const result = await runPurchases(h);
    expect(result).toMatchObject({ status: 'ok', counts: { fetched: 2, created: 2 } });
    expect(
      writes(h).map((c) => [c.method, c.path, (c.body as { purchaseOrderNumber: string }).purchaseOrderNumber]),
    ).toEqual([
      ['PUT', '/api/v1/purchaseOrders', 'P-3001'],
      ['PUT', '/api/v1/purchaseOrders', 'P-3002'],
    ]);
    expect(h.deps.records.get('purchaseOrders', 'P-3001')).toMatchObject({
      state: 'synced',
      specterId: '3001',
      ongoingId: poId(h, 'P-3001'),
      summary: { purchaseNo: 'P-3001', supplier: 'Ullspinneriet AB', inDate: '2026-02-10', rows: 2 },
    });
    expect(h.deps.records.get('purchaseOrders', 'P-3003')).toBeNull();
    expect(h.deps.watermarks.get('purchaseOrders')).toBe('2026-01-25 09:00:00');

    // The watermark survives a restart and the next run starts two minutes before it.
    h.reopen();
    const before = h.env.specter.callsFor('getPurchases').length;
    h.env.ongoing.clearCalls();
    const again = await runPurchases(h);
    expect(again.counts).toMatchObject({ fetched: 1, unchanged: 1, created: 0, updated: 0 });
    expect(writes(h)).toHaveLength(0);
    expect(
      h.env.specter
        .callsFor('getPurchases')
        .slice(before)
        .map((c) => [c.params.deliveryStatus, c.params.changedFrom]),
    ).toEqual([
      ['N', '2026-01-25 08:50:00'],
      ['P', '2026-01-25 08:50:00'],
    ]);
  });

  it('sends a changed purchase as an update of the same purchase order', async () => {
    const h = await setup();
    await runPurchases(h);
    const id = poId(h, 'P-3002');
    h.env.ongoing.clearCalls();
    editPurchase(h, '3002', (p) => {
      p.deliveryOutDate = '2026-02-20';
      p.rows[0]!.noOfItems = 8;
    });

    const result = await runPurchases(h);
    expect(result.counts).toMatchObject({ updated: 1, created: 0 });
    expect(writes(h).map((c) => c.method)).toEqual(['PUT']);
    expect(poId(h, 'P-3002')).toBe(id);
    const po = ongoingPo(h, 'P-3002');
    expect(po.purchaseOrderInfo?.inDate?.slice(0, 10)).toBe('2026-02-20');
    expect(po.purchaseOrderLines?.[0]?.advisedNumberOfItems).toBe(8);
  });

  it('once receiving has started, a change becomes a conflict with the differences and is not sent', async () => {
    const h = await setup();
    await runPurchases(h);
    h.env.ongoing.warehouse.receive(poId(h, 'P-3001'), { '7101': 2 });
    editPurchase(h, '3001', (p) => {
      p.rows[1]!.noOfItems = 5;
    });
    h.env.ongoing.clearCalls();

    const result = await runPurchases(h);
    expect(result.counts.conflicts).toBe(1);
    expect(writes(h)).toHaveLength(0);
    const [conflict] = open(h);
    expect(conflict).toMatchObject({ class: 'conflict', recordKey: 'P-3001' });
    expect(conflict?.differences).toEqual([
      { field: 'purchaseOrderLines[7102].numberOfItems', specter: '5', ongoing: '4' },
    ]);
    expect(conflict?.message).toContain('status Inbound (300)');
    expect(h.deps.records.get('purchaseOrders', 'P-3001')).toMatchObject({ state: 'conflict', ongoingStatus: 300 });
  });

  it('cancels a purchase cancelled in Specter while not received; a started one becomes a conflict', async () => {
    const h = await setup();
    await runPurchases(h);
    h.env.ongoing.warehouse.receive(poId(h, 'P-3001'), { '7101': 1 });
    editPurchase(h, '3001', (p) => {
      p.statusId = '5';
    });
    editPurchase(h, '3002', (p) => {
      p.statusId = '5';
    });

    const result = await runPurchases(h);
    expect(result.counts).toMatchObject({ updated: 1, conflicts: 1 });
    expect(ongoingPo(h, 'P-3002').purchaseOrderInfo?.purchaseOrderStatus?.number).toBe(900);
    expect(ongoingPo(h, 'P-3001').purchaseOrderInfo?.purchaseOrderStatus?.number).toBe(300);
    expect(h.deps.records.get('purchaseOrders', 'P-3002')?.state).toBe('cancelled');
    expect(open(h).find((e) => e.recordKey === 'P-3001')?.differences).toEqual([
      { field: 'status', specter: 'cancelled', ongoing: 'Inbound (300)' },
    ]);
  });

  it('a dry run writes nothing, keeps the watermark and returns the plan', async () => {
    const h = await setup();
    await runPurchases(h);
    editPurchase(h, '3002', (p) => {
      p.deliveryOutDate = '2026-03-01';
    });
    h.env.specter.createPurchase({
      purchaseNo: 'P-3009',
      supplierNo: '10',
      rows: [{ articleNo: 'A-1', noOfItems: 2 }],
    });
    h.env.ongoing.clearCalls();
    const watermark = h.deps.watermarks.get('purchaseOrders');

    const dry = await runPurchases(h, true);
    expect(writes(h)).toHaveLength(0);
    expect(h.deps.watermarks.get('purchaseOrders')).toBe(watermark);
    expect(h.deps.records.get('purchaseOrders', 'P-3009')).toBeNull();
    expect(Object.fromEntries((dry.plan ?? []).map((p) => [p.key, p.action]))).toEqual({
      'P-3002': 'update',
      'P-3009': 'create',
    });
    expect(dry.plan?.find((p) => p.key === 'P-3002')?.payload).toMatchObject({ inDate: '2026-03-01T00:00:00Z' });
  });
});
