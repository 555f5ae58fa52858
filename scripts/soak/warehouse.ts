/**
 * The warehouse day: Specter gets the planned sales and purchase orders (Specter simulator's control
 * API); once the app has sent them to Ongoing, the soak acts as the warehouse through the Ongoing
 * simulator's control API: release, pick in steps, ship or collect, receive in steps, sometimes right
 * after the app showed the previous receipt's posting.
 */
import { type SoakContext, sleep, waitFor } from './context';
import type { PlannedOrder, PlannedPurchase } from './plan';

/** How long a record may take to reach Ongoing (the app is killed and restarted meanwhile). */
const REACH_ONGOING_MS = 6 * 60_000;
/** How long a quick receipt waits for the app to show the previous step's posting. */
const QUICK_WAIT_MS = 90_000;

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function untilDayTime(dayStart: number, atMs: number): Promise<void> {
  const wait = dayStart + atMs - Date.now();
  if (wait > 0) await sleep(wait);
}

async function runOrder(ctx: SoakContext, plan: PlannedOrder, dayStart: number): Promise<void> {
  await untilDayTime(dayStart, plan.createAtMs);
  const created = await ctx.specter.createOrder({
    customerId: plan.customerId,
    deliveryDate: today(),
    externalOrderNo: `SOAK-${ctx.options.seed}-${plan.key}`,
    rows: plan.rows.map((r) => ({ articleNo: r.articleNo, noOfItems: r.noOfItems, noOfItems2: r.noOfItems2 })),
  });
  ctx.orders.push({
    key: plan.key,
    orderId: created.id,
    orderNo: created.number,
    rows: plan.rows.map((r, i) => ({
      rowId: created.rows[i]?.rowId ?? '',
      rowNo: created.rows[i]?.rowNo ?? '',
      articleNo: r.articleNo,
      noOfItems: r.noOfItems,
      noOfItems2: r.noOfItems2,
    })),
  });
  ctx.figures.ordersCreated++;
  const rowIds = created.rows.map((r) => r.rowId);
  await waitFor(
    `order ${created.number} (${plan.key}) to reach Ongoing with all its lines`,
    async () => {
      const order = (await ctx.ongoingState()).orders.find((o) => o.orderInfo?.orderNumber === created.number);
      return order && rowIds.every((id) => order.orderLines?.some((l) => l.rowNumber === id));
    },
    REACH_ONGOING_MS,
  );
  await ctx.ongoing.release(created.number);
  for (const [step, quantities] of plan.picks.entries()) {
    await sleep(plan.pauseMs[step] ?? 0);
    const byRow: Record<string, number> = {};
    quantities.forEach((q, i) => {
      if (q > 0) byRow[rowIds[i] as string] = q;
    });
    await ctx.ongoing.pick(created.number, byRow);
  }
  await sleep(plan.pauseMs[plan.picks.length] ?? 0);
  await ctx.ongoing.ship(created.number, plan.shipStatus);
  ctx.figures.ordersShipped++;
  if (plan.collectLater) {
    await sleep(plan.pauseMs[plan.picks.length + 1] ?? 0);
    await ctx.ongoing.ship(created.number, 500);
  }
}

/** Postings the app shows for a purchase order (any state). */
async function receiptPostingCount(ctx: SoakContext, purchaseNo: string): Promise<number | undefined> {
  const bridge = ctx.bridge();
  if (!bridge) return undefined;
  const postings = await bridge.call('listPostings', { kind: 'receipt' }, 10_000);
  return postings.filter((p) => p.number === purchaseNo).length;
}

async function runPurchase(ctx: SoakContext, plan: PlannedPurchase, dayStart: number): Promise<void> {
  await untilDayTime(dayStart, plan.createAtMs);
  const created = await ctx.specter.createPurchase({
    supplierNo: plan.supplierNo,
    deliveryOutDate: today(),
    rows: plan.rows.map((r) => ({ articleNo: r.articleNo, noOfItems: r.noOfItems })),
  });
  ctx.purchases.push({
    key: plan.key,
    purchaseId: created.id,
    purchaseNo: created.number,
    rows: plan.rows.map((r, i) => ({
      rowId: created.rows[i]?.rowId ?? '',
      rowNo: created.rows[i]?.rowNo ?? '',
      articleNo: r.articleNo,
      noOfItems: r.noOfItems,
    })),
  });
  ctx.figures.purchasesCreated++;
  const rowIds = created.rows.map((r) => r.rowId);
  await waitFor(
    `purchase ${created.number} (${plan.key}) to reach Ongoing with all its lines`,
    async () => {
      const po = (await ctx.ongoingState()).purchaseOrders.find(
        (p) => p.purchaseOrderInfo?.purchaseOrderNumber === created.number,
      );
      return po && rowIds.every((id) => po.purchaseOrderLines?.some((l) => l.rowNumber === id));
    },
    REACH_ONGOING_MS,
  );
  let postingsBefore = 0;
  for (const receipt of plan.receipts) {
    if (receipt.quick) {
      ctx.figures.quickPairsPlanned++;
      // Let the previous step's proposal appear, then receive more at once.
      const seen = await waitFor(
        `a new receipt posting for ${created.number}`,
        async () => {
          const n = await receiptPostingCount(ctx, created.number);
          return n !== undefined && n > postingsBefore ? n : undefined;
        },
        QUICK_WAIT_MS,
        100,
      ).catch(() => undefined);
      if (seen !== undefined) ctx.figures.quickPairsMade++;
    } else {
      await sleep(receipt.pauseMs);
    }
    postingsBefore = (await receiptPostingCount(ctx, created.number).catch(() => undefined)) ?? postingsBefore;
    const byRow: Record<string, number> = {};
    receipt.quantities.forEach((q, i) => {
      if (q > 0) byRow[rowIds[i] as string] = q;
    });
    await ctx.ongoing.receive(created.number, byRow);
    ctx.figures.receiptSteps++;
  }
}

/**
 * A problem put in on purpose: a Specter order naming an article Specter's catalogue does not have, so
 * Ongoing refuses it. The app must show it in the exceptions inbox (and nothing else must be there).
 */
export async function injectBadOrder(
  ctx: SoakContext,
  customerId: string,
): Promise<{ flow: string; recordKey: string }> {
  const created = await ctx.specter.createOrder({
    customerId,
    deliveryDate: today(),
    externalOrderNo: `SOAK-${ctx.options.seed}-BAD`,
    rows: [{ articleNo: 'SOAK-NO-SUCH-ARTICLE', articleName: 'Not in the catalogue', noOfItems: 1 }],
  });
  ctx.log(`injected problem: order ${created.number} names an article that does not exist`);
  return { flow: 'orders', recordKey: created.number };
}

/** Run the whole day's plan; every record's story runs on its own. Failures become warehouse notes. */
export async function runWarehouseDay(
  ctx: SoakContext,
  plan: { orders: PlannedOrder[]; purchases: PlannedPurchase[] },
  dayStart: number,
): Promise<void> {
  const note = (key: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    ctx.figures.warehouseNotes.push(`${key}: ${message}`);
    ctx.log(`warehouse: ${key}: ${message}`);
  };
  await Promise.all([
    ...plan.orders.map((o) => runOrder(ctx, o, dayStart).catch(note(o.key))),
    ...plan.purchases.map((p) => runPurchase(ctx, p, dayStart).catch(note(p.key))),
  ]);
}
