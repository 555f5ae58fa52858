import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import { createReceiptsJob } from '../../src/main/core/flows/receipts';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import { linkOrder, linkPurchase, pickAndShip, startPostingsHarness } from '../helpers/postings-setup';
import type { SyncHarness } from '../helpers/sync-harness';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

describe('what the warehouse said when a proposal was built', () => {
  it('keeps the shipped time and the order status of a delivery, and the arrival and status of a receipt', async () => {
    harness = await startPostingsHarness();
    const h = harness;
    const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
    const order = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 2 }]);
    pickAndShip(h, order, { waybill: 'W-1' });
    await createDeliveriesJob(h.deps, postings).run(ctx);
    const sim = h.env.ongoing.state.orders.get(order.ongoingOrderId);
    const [delivery] = postings.list('delivery');
    expect(sim?.shippedTime).toBeTruthy();
    expect(delivery).toMatchObject({
      shippedAt: sim?.shippedTime,
      warehouseStatus: h.env.ongoing.state.orderStatusText(sim?.status as number),
    });

    const purchase = await linkPurchase(h, [{ articleNo: 'ART-2', noOfItems: 5 }]);
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, { [purchase.rows[0]?.rowId as string]: 5 });
    await createReceiptsJob(h.deps, postings).run(ctx);
    const po = h.env.ongoing.state.purchaseOrders.get(purchase.ongoingPurchaseOrderId);
    const [receipt] = postings.list('receipt');
    expect(receipt?.shippedAt).toBeTruthy();
    expect(receipt?.warehouseStatus).toBe(h.env.ongoing.state.purchaseOrderStatusText(po?.status as number));
  });
});
