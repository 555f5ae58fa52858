import { afterEach, describe, expect, it } from 'vitest';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import { createStockService } from '../../src/main/core/stock/stock-service';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import { createStockJob } from '../../src/main/core/flows/stock';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { StockDifference } from '../../src/shared/domain/postings';
import { ensureArticles, linkOrder, linkPurchase, pickAndShip, startPostingsHarness } from '../helpers/postings-setup';
import type { SyncHarness } from '../helpers/sync-harness';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

/**
 * One article per kind of difference (Ongoing starts every article at 40, Specter as in the fixture):
 * ART-1 shipped not reported, ART-2 received not reported, ART-3 picked not sent, ART-4 no stock record
 * in Specter, ART-5 only in Specter, ART-6 counted differently (unexplained), OG-ONLY only in Ongoing.
 */
async function warehouseWithDifferences(settings?: Parameters<typeof startPostingsHarness>[0]) {
  harness = await startPostingsHarness(settings);
  const h = harness;
  h.env.specter.upsertArticle({ articleNo: 'ART-5', name: 'Mössa grön' });
  h.env.specter.setStock('1', 'ART-5', 7);
  h.env.specter.upsertArticle({ articleNo: 'ART-6', name: 'Halsduk grå' });
  h.env.specter.setStock('1', 'ART-6', 10);
  await ensureArticles(h, ['ART-1', 'ART-2', 'ART-3', 'ART-4', 'ART-6']);
  h.env.ongoing.warehouse.adjustStock('ART-6', 12);
  await h.clients.ongoing().upsertArticle({ articleNumber: 'OG-ONLY', articleName: 'Endast i lagret' });

  const shipped = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 2 }]);
  pickAndShip(h, shipped, { waybill: 'STOCK-1' });
  const picked = await linkOrder(h, [{ articleNo: 'ART-3', noOfItems: 3 }]);
  h.env.ongoing.warehouse.release(picked.ongoingOrderId);
  h.env.ongoing.warehouse.pick(picked.ongoingOrderId);
  const purchase = await linkPurchase(h, [{ articleNo: 'ART-2', noOfItems: 5 }]);
  h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId);
  return { h, shipped, picked, purchase };
}

const row = (rows: StockDifference[], articleNo: string) => rows.find((r) => r.articleNo === articleNo);
const kinds = (r: StockDifference | undefined) => r?.explanations.map((e) => [e.kind, e.quantity]);

describe('stock sync Ongoing → Specter', () => {
  it('explains every difference and stores the comparison', async () => {
    const { h, shipped, purchase } = await warehouseWithDifferences();
    const stock = createStockService(h.deps);
    expect(stock.report()).toEqual({ generatedAt: null, stockSiteId: '1', rows: [] });

    const report = await stock.refresh();
    expect(report.stockSiteId).toBe('1');
    const rows = report.rows;
    expect(row(rows, 'ART-1')).toMatchObject({ ongoingPhysical: 38, specterStock: 40, difference: -2, heldBack: true });
    expect(kinds(row(rows, 'ART-1'))).toEqual([['shipped_not_reported', -2]]);
    expect(row(rows, 'ART-1')?.explanations[0]?.ref).toEqual({
      code: 'stock.shipped',
      params: { count: 2, refs: String(shipped.orderNo) },
    });
    expect(row(rows, 'ART-2')).toMatchObject({ ongoingPhysical: 45, specterStock: 40, difference: 5, heldBack: true });
    expect(kinds(row(rows, 'ART-2'))).toEqual([['received_not_reported', 5]]);
    expect(row(rows, 'ART-2')?.heldBackReason).toContain(`purchase order ${purchase.purchaseNo} has 5 received`);
    expect(row(rows, 'ART-3')).toMatchObject({ ongoingPhysical: 37, difference: -3, heldBack: true });
    expect(kinds(row(rows, 'ART-3'))).toEqual([['picked_not_collected', -3]]);
    expect(row(rows, 'ART-4')).toMatchObject({
      ongoingPhysical: 40,
      specterStock: null,
      difference: 40,
      heldBack: false,
    });
    expect(kinds(row(rows, 'ART-4'))).toEqual([['missing_in_specter', 40]]);
    expect(row(rows, 'ART-4')?.explanations[0]?.text).toMatch(/no stock record/);
    expect(row(rows, 'ART-5')).toMatchObject({ ongoingPhysical: null, specterStock: 7, difference: -7 });
    expect(kinds(row(rows, 'ART-5'))).toEqual([['missing_in_ongoing', -7]]);
    expect(row(rows, 'ART-6')).toMatchObject({ ongoingPhysical: 12, specterStock: 10, difference: 2, heldBack: false });
    expect(kinds(row(rows, 'ART-6'))).toEqual([['unexplained', 2]]);
    expect(kinds(row(rows, 'OG-ONLY'))).toEqual([['missing_in_specter', 40]]);
    expect(row(rows, 'OG-ONLY')?.explanations[0]?.text).toMatch(/not in Specter/);
    // Explanations always add up to the difference.
    for (const r of rows) {
      const sum = r.explanations.reduce((s, e) => s + e.quantity, 0);
      expect(Math.round(sum * 1e6) / 1e6).toBe(r.difference);
    }
    const stored = stock.report();
    expect(stored.generatedAt).toBe(report.generatedAt);
    expect(stored.rows).toEqual(rows);
  });

  it('pushes Ongoing’s physical stock, holding back articles with unreported deliveries or receipts', async () => {
    const { h } = await warehouseWithDifferences();
    const stock = createStockService(h.deps);
    const result = await stock.push('all', 'operator');
    expect(result.pushed).toEqual(['ART-4', 'ART-6']);
    expect(result.heldBack.map((b) => b.articleNo)).toEqual(['ART-1', 'ART-2', 'ART-3', 'OG-ONLY']);
    expect(result.heldBack.find((b) => b.articleNo === 'ART-1')?.reason).toMatch(/has 2 picked but not reported/);
    expect(result.heldBack.find((b) => b.articleNo === 'OG-ONLY')?.reason).toMatch(/does not exist in Specter/);

    const specter = h.env.specter.state;
    expect(specter.stockUpdates).toEqual([
      expect.objectContaining({
        stockSiteId: '1',
        rows: [
          { articleNo: 'ART-4', noItemsInStock: 40 },
          { articleNo: 'ART-6', noItemsInStock: 12 },
        ],
      }),
    ]);
    expect(['ART-1', 'ART-2', 'ART-3'].map((a) => specter.getStock('1', a))).toEqual([40, 40, 40]);
    const audit = h.deps.audit.recent(20).find((e) => e.action === 'stock.push');
    expect(audit).toMatchObject({ actor: 'operator', details: { stockSiteId: '1' } });
    expect(audit?.details.rows).toEqual([
      { articleNo: 'ART-4', from: null, to: 40 },
      { articleNo: 'ART-6', from: 10, to: 12 },
    ]);
    const after = stock.report().rows;
    expect(row(after, 'ART-6')).toMatchObject({ specterStock: 12, difference: 0, explanations: [] });

    // Asked by name: held back, not in Ongoing, or pushed.
    const named = await stock.push(['ART-1', 'ART-5', 'ART-6'], 'operator');
    expect(named.pushed).toEqual(['ART-6']);
    expect(named.heldBack).toEqual([
      {
        articleNo: 'ART-1',
        reason: expect.stringMatching(/^Not pushed until reported: order \d+ has 2 picked/),
        ref: { code: 'stock.held.unreported', params: { articleNo: 'ART-1' } },
      },
      {
        articleNo: 'ART-5',
        reason: expect.stringMatching(/not in Ongoing/),
        ref: { code: 'stock.held.notInOngoing', params: { articleNo: 'ART-5' } },
      },
    ]);
  });

  it('holds an article back while its delivery posting is open, and releases it once reported', async () => {
    const { h, shipped } = await warehouseWithDifferences();
    const stock = createStockService(h.deps);
    const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
    await createDeliveriesJob(h.deps, postings).run(ctx);
    const [proposal] = postings.list('delivery');
    const held = row((await stock.refresh()).rows, 'ART-1');
    expect(held?.heldBackReason).toContain(`delivery #${proposal?.id} (${shipped.orderNo}) is proposed`);
    expect((await stock.push(['ART-1'], 'operator')).pushed).toEqual([]);

    await postings.decide([proposal?.id as number], 'confirm', 'operator');
    const released = row((await stock.refresh()).rows, 'ART-1');
    expect(released).toMatchObject({ heldBack: false, heldBackReason: '' });
    expect((await stock.push(['ART-1'], 'operator')).pushed).toEqual(['ART-1']);
    expect(h.env.specter.state.getStock('1', 'ART-1')).toBe(38);
  });

  it('the stock job compares when enabled and pushes only in automatic mode', async () => {
    const { h } = await warehouseWithDifferences();
    const job = createStockJob(h.deps, createStockService(h.deps));

    const off = await job.run(ctx);
    expect(off).toMatchObject({ status: 'ok', counts: { fetched: 0 } });
    expect(h.env.specter.callsFor('getStock')).toHaveLength(0);

    h.updateSettings({ sync: { stock: { enabled: true, mode: 'after_review' } } });
    const review = await job.run(ctx);
    expect(review.status).toBe('ok');
    expect(review.counts).toMatchObject({ fetched: 7, conflicts: 3, updated: 0 });
    expect(h.env.specter.state.stockUpdates).toHaveLength(0);

    h.updateSettings({ sync: { stock: { enabled: true, mode: 'automatic' } } });
    const automatic = await job.run(ctx);
    expect(automatic.counts).toMatchObject({ updated: 2, proposed: 2 });
    expect(h.env.specter.state.stockUpdates[0]?.rows.map((r) => r.articleNo)).toEqual(['ART-4', 'ART-6']);
    expect(h.deps.audit.recent(10).find((e) => e.action === 'stock.push')?.actor).toBe('auto');
  });
});
