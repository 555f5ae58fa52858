/**
 * Exactly once where it used to break: a purchase order received in several steps while a receipt is
 * in doubt, an acknowledgement racing the warehouse, the operator's decisions on a posting in doubt,
 * and quantities in Specter's unit for rows sent as no items × no items2. Each test checks the three
 * numbers that must agree per row: reported to Specter, received/picked in Ongoing, marked reported
 * in Ongoing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import { createReceiptsJob } from '../../src/main/core/flows/receipts';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { Posting } from '../../src/shared/domain/postings';
import {
  type LinkedPurchase,
  linkOrder,
  linkPurchase,
  pickAndShip,
  specterWrites,
  startPostingsHarness,
} from '../helpers/postings-setup';
import type { SyncHarness } from '../helpers/sync-harness';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

async function receipts() {
  harness = await startPostingsHarness({ timeoutMs: 600 });
  const h = harness;
  const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
  const job = createReceiptsJob(h.deps, postings);
  const purchase = await linkPurchase(h, [
    { articleNo: 'ART-1', noOfItems: 10 },
    { articleNo: 'ART-2', noOfItems: 6 },
  ]);
  return { h, postings, job, purchase };
}

/** Per Specter row id: [received in Specter, received in Ongoing, reported in Ongoing]. */
function threeNumbers(h: SyncHarness, purchase: LinkedPurchase): [string, number, number, number][] {
  const specter = h.env.specter.state.purchases.get(purchase.purchaseId);
  const ongoing = h.env.ongoing.state.purchaseOrders.get(purchase.ongoingPurchaseOrderId);
  return purchase.rows.map((r) => {
    const line = ongoing?.lines.find((l) => l.rowNumber === r.rowId);
    const inSpecter = specter?.rows.find((x) => x.rowId === r.rowId)?.receivedNoOfItems ?? Number.NaN;
    return [r.rowId, inSpecter, line?.received ?? Number.NaN, line?.reported ?? Number.NaN];
  });
}

const confirmAll = async (postings: ReturnType<typeof createPostingService>, list: Posting[]) =>
  postings.decide(
    list.map((p) => p.id),
    'confirm',
    'operator',
  );

describe('receipts received in several steps, with faults', () => {
  it('a receipt in doubt is resolved (not stuck) when the warehouse receives more meanwhile; the later one waits for it', async () => {
    const { h, postings, job, purchase } = await receipts();
    const [row1, row2] = purchase.rows;
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, { [row1?.rowId as string]: 4 });
    await job.run(ctx);
    const [first] = postings.list('receipt', ['proposed']);
    // The send never arrives and its answer is lost.
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'before', match: 'purchaseDeliverySubmit' });
    expect((await confirmAll(postings, [first as Posting]))[0]?.posting?.state).toBe('in_doubt');

    // More arrives while the first is in doubt: it is proposed on top of the first and waits for it.
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, {
      [row1?.rowId as string]: 6,
      [row2?.rowId as string]: 6,
    });
    const grace = createPostingService(h.deps, { inDoubtGraceMs: 60_000 });
    await createReceiptsJob(h.deps, grace).run(ctx);
    const [second] = grace.list('receipt', ['proposed']);
    expect(second?.rows.map((r) => [r.rowRef, r.previouslyReported, r.quantity])).toEqual([
      [row1?.rowId, 4, 6],
      [row2?.rowId, 0, 6],
    ]);
    const [waiting] = await grace.decide([second?.id as number], 'confirm', 'operator');
    expect(waiting?.posting).toMatchObject({
      state: 'confirmed',
      waitingFor: { postingId: first?.id, state: 'in_doubt', reason: 'in_flight' },
    });
    expect(specterWrites(h, 'purchaseDeliverySubmit')).toEqual({ sent: 1, applied: 0 });

    // The next run checks the first (not in Specter), sends it once more, then sends the second.
    await job.run(ctx);
    expect(postings.list('receipt').map((p) => [p.id, p.state, p.ackState])).toEqual([
      [second?.id, 'done', 'done'],
      [first?.id, 'done', 'done'],
    ]);
    expect(threeNumbers(h, purchase)).toEqual([
      [row1?.rowId, 10, 10, 10],
      [row2?.rowId, 6, 6, 6],
    ]);
    expect(specterWrites(h, 'purchaseDeliverySubmit')).toEqual({ sent: 3, applied: 2 });
    expect(h.deps.exceptions.list({ state: 'open', flow: 'receipts' })).toEqual([]);
  });

  it('a later receipt’s delivery is never taken as proof that an earlier receipt in doubt arrived', async () => {
    const { h, postings, job, purchase } = await receipts();
    const [row1] = purchase.rows;
    // An earlier receipt went through: reading it back shows Specter keeps the app's references.
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, { [row1?.rowId as string]: 2 });
    await job.run(ctx);
    await confirmAll(postings, postings.list('receipt', ['proposed']));
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, { [row1?.rowId as string]: 3 });
    await job.run(ctx);
    const [first] = postings.list('receipt', ['proposed']);
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'before', match: 'purchaseDeliverySubmit' });
    await confirmAll(postings, [first as Posting]);
    // Someone books 3 of the same row in Specter meanwhile (a delivery the app did not make).
    h.env.specter.state.applyPurchaseDelivery({
      purchaseId: purchase.purchaseNo,
      deliveryDate: '2026-12-02',
      rows: [{ param: 'noOfItems_1', rowId: row1?.rowId as string, noOfItems: '3' }],
      sendEmail: false,
    });
    await job.run(ctx);
    // Exact quantities and one new delivery, but Specter keeps references and this one is not ours.
    const judged = postings.list('receipt')[0];
    expect(judged).toMatchObject({ id: first?.id, state: 'in_doubt' });
    expect(judged?.evidence).toMatchObject({ outcome: 'unknown', matchedDeliveryId: null });
    expect(judged?.lastError).toMatch(/mark done.*send again/);
    // Ongoing was not acknowledged beyond the first receipt: nothing is lost silently.
    expect(threeNumbers(h, purchase)[0]).toEqual([row1?.rowId, 5, 5, 2]);
  });

  it('acknowledges exactly what Specter accepted when more is received between the read and the acknowledgement', async () => {
    const { h, postings, job, purchase } = await receipts();
    const [row1] = purchase.rows;
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, { [row1?.rowId as string]: 4 });
    await job.run(ctx);
    const [first] = postings.list('receipt', ['proposed']);
    // The acknowledgement fails; then the warehouse receives 3 more before it is retried.
    h.env.ongoing.warehouse.enqueueFault({ kind: 'error', phase: 'before', match: '/reportedNumberOfItems', count: 4 });
    expect((await confirmAll(postings, [first as Posting]))[0]?.posting).toMatchObject({
      state: 'done',
      ackState: 'failed',
    });
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, { [row1?.rowId as string]: 3 });
    await job.run(ctx);
    // 4 marked reported (what Specter has), not 7 (what Ongoing received).
    expect(threeNumbers(h, purchase)[0]).toEqual([row1?.rowId, 4, 7, 4]);
    const [second] = postings.list('receipt', ['proposed']);
    expect(second?.rows.map((r) => [r.previouslyReported, r.quantity])).toEqual([[4, 3]]);
    await confirmAll(postings, [second as Posting]);
    expect(threeNumbers(h, purchase)[0]).toEqual([row1?.rowId, 7, 7, 7]);
  });

  it('no operator decision on a receipt in doubt leads to two purchase deliveries', async () => {
    const { h, postings, job, purchase } = await receipts();
    const [row1] = purchase.rows;
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, { [row1?.rowId as string]: 5 });
    await job.run(ctx);
    const [first] = postings.list('receipt', ['proposed']);
    // Applied in Specter, reply lost.
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'after', match: 'purchaseDeliverySubmit' });
    await confirmAll(postings, [first as Posting]);
    const id = first?.id as number;
    // The old advice ("reject it if it is there") is no longer possible...
    expect((await postings.decide([id], 'reject', 'operator', 'it is in Specter'))[0]).toMatchObject({ ok: false });
    // ...and "send again" checks Specter first: it finds the receipt by its reference and refuses.
    const [again] = await postings.decide([id], 'send_again', 'operator');
    expect(again).toMatchObject({ ok: false, posting: { state: 'done', ackState: 'done' } });
    expect(again?.message).toMatch(/Not sent again: Specter already shows it/);
    // The next run proposes nothing new.
    await job.run(ctx);
    expect(postings.list('receipt')).toHaveLength(1);
    expect(specterWrites(h, 'purchaseDeliverySubmit')).toEqual({ sent: 1, applied: 1 });
    expect(threeNumbers(h, purchase)[0]).toEqual([row1?.rowId, 5, 5, 5]);
  });

  it('"it is in Specter: mark done" records Specter’s evidence and acknowledges Ongoing exactly', async () => {
    const { h, postings, job, purchase } = await receipts();
    const [row1] = purchase.rows;
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId, { [row1?.rowId as string]: 2 });
    await job.run(ctx);
    const [first] = postings.list('receipt', ['proposed']);
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'after', match: 'purchaseDeliverySubmit' });
    await confirmAll(postings, [first as Posting]);
    const [done] = await postings.decide([first?.id as number], 'mark_done', 'operator');
    expect(done).toMatchObject({ ok: true, posting: { state: 'done', ackState: 'done', decidedBy: 'operator' } });
    expect(done?.posting?.evidence?.matchedDeliveryId).toBe(
      h.env.specter.state.purchaseDeliveries[0]?.purchaseDeliveryId,
    );
    expect(done?.message).toMatch(/Specter's evidence/);
    expect(threeNumbers(h, purchase)[0]).toEqual([row1?.rowId, 2, 2, 2]);
  });
});

describe('quantities in Specter’s unit', () => {
  async function orderWithFactor(noOfItems2: number | null, picked: number) {
    harness = await startPostingsHarness({ timeoutMs: 600 });
    const h = harness;
    const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
    const job = createDeliveriesJob(h.deps, postings);
    const order = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 3, noOfItems2 }]);
    const rowId = order.rows[0]?.rowId as string;
    pickAndShip(h, order, { pick: { [rowId]: picked }, waybill: 'U-1' });
    await job.run(ctx);
    const line = () => h.env.ongoing.state.orders.get(order.ongoingOrderId)?.lines[0];
    return { h, postings, job, order, line };
  }

  for (const [factor, ongoingCount] of [
    [2, 6],
    [1, 3],
    [null, 3],
    [0, 3],
  ] as const) {
    it(`no items2 = ${factor}: Ongoing holds ${ongoingCount}, Specter is told 3, Ongoing is acknowledged ${ongoingCount}`, async () => {
      const { h, postings, order, line } = await orderWithFactor(factor, ongoingCount);
      expect(line()).toMatchObject({ ordered: ongoingCount, picked: ongoingCount });
      const [proposal] = postings.list('delivery', ['proposed']);
      expect(proposal?.rows.map((r) => [r.quantity, r.ordered])).toEqual([[3, 3]]);
      const [result] = await postings.decide([proposal?.id as number], 'confirm', 'operator');
      expect(result).toMatchObject({ ok: true, posting: { state: 'done', ackState: 'done' } });
      expect(h.env.specter.state.orders.get(order.specterOrderId)?.rows[0]?.deliveredNoOfItems).toBe(3);
      expect(line()).toMatchObject({ picked: ongoingCount, reported: ongoingCount });
    });
  }

  it('a pick that is not a whole multiple of no items2 is held with a message naming the row and the numbers', async () => {
    const { h, postings, order } = await orderWithFactor(2, 5);
    expect(postings.list('delivery')).toHaveLength(0);
    const [problem] = h.deps.exceptions.list({ state: 'open', flow: 'deliveries' });
    expect(problem).toMatchObject({ class: 'validation', recordKey: order.orderNo });
    expect(problem?.message).toMatch(
      /row no 1: 5 items picked is not a whole multiple of the row's second quantity \(no items2 = 2\)/,
    );
    // The operator reads it in the UI language from its code and parameters.
    expect(problem?.ref).toEqual({
      code: 'posting.notWholeMultiple',
      params: { number: order.orderNo, rowNo: '1', count: 5, factor: 2 },
    });
    expect(specterWrites(h, 'deliverySubmit').sent).toBe(0);
  });
});
