/**
 * Exactly once under faults: a submit whose reply is lost, a submit that never arrived, a 5xx after
 * applying, Specter changed by hand meanwhile, and an Ongoing acknowledgement that fails after Specter
 * accepted. Each test counts the submits the client sent against the deliveries Specter recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPostingService, type PostingServiceOptions } from '../../src/main/core/postings/posting-service';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import { createReceiptsJob } from '../../src/main/core/flows/receipts';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { SyncHarness } from '../helpers/sync-harness';
import {
  linkOrder,
  linkPurchase,
  pickAndShip,
  shipRest,
  specterWrites,
  startPostingsHarness,
} from '../helpers/postings-setup';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

async function shippedProposal(options: PostingServiceOptions = { inDoubtGraceMs: 0 }) {
  harness = await startPostingsHarness({ timeoutMs: 600 });
  const h = harness;
  const postings = createPostingService(h.deps, options);
  const job = createDeliveriesJob(h.deps, postings);
  const order = await linkOrder(h, [
    { articleNo: 'ART-1', noOfItems: 2 },
    { articleNo: 'ART-2', noOfItems: 1 },
  ]);
  pickAndShip(h, order, { waybill: '00370712345000000777' });
  await job.run(ctx);
  const [proposal] = postings.list('delivery', ['proposed']);
  if (!proposal) throw new Error('no proposal');
  return { h, postings, job, order, id: proposal.id };
}

describe('delivery submits under faults', () => {
  it('Specter applies the delivery but the reply is lost (timeout after): resolved as done without a second submit', async () => {
    const { h, postings, job, id } = await shippedProposal();
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'after', match: 'deliverySubmit' });

    const [outcome] = await postings.decide([id], 'confirm', 'operator');
    expect(outcome?.ok).toBe(false);
    expect(outcome?.posting).toMatchObject({ state: 'in_doubt', attempts: 1, ackState: 'pending' });
    expect(outcome?.message).toMatch(/No clear answer from Specter/);
    expect(h.env.specter.state.deliveries).toHaveLength(1);

    const run = await job.run(ctx);
    expect(run.counts).toMatchObject({ updated: 1, created: 0 });
    const posting = postings.list('delivery')[0];
    expect(posting).toMatchObject({
      state: 'done',
      ackState: 'done',
      attempts: 1,
      specterResultId: h.env.specter.state.deliveries[0]?.deliveryId,
    });
    const writes = specterWrites(h, 'deliverySubmit');
    const recorded = h.env.specter.state.deliveries.length;
    console.info(
      `[figures] timeout after applying: submits sent ${writes.sent}, applied ${writes.applied}, deliveries recorded ${recorded}`,
    );
    expect(writes).toEqual({ sent: 1, applied: 1 });
    expect(recorded).toBe(writes.applied);
    const checked = h.deps.audit.recent(50).find((e) => e.action === 'delivery.checked');
    expect(checked?.details).toMatchObject({ outcome: 'applied' });
    // Further runs change nothing.
    await job.run(ctx);
    expect(specterWrites(h, 'deliverySubmit').sent).toBe(1);
  });

  it('the submit never reached Specter (timeout before): exactly one more submit applies it', async () => {
    const { h, postings, job, id } = await shippedProposal();
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'before', match: 'deliverySubmit' });

    const [outcome] = await postings.decide([id], 'confirm', 'operator');
    expect(outcome?.posting?.state).toBe('in_doubt');
    expect(h.env.specter.state.deliveries).toHaveLength(0);

    await job.run(ctx);
    const posting = postings.list('delivery')[0];
    expect(posting).toMatchObject({ state: 'done', ackState: 'done', attempts: 2 });
    const writes = specterWrites(h, 'deliverySubmit');
    const recorded = h.env.specter.state.deliveries.length;
    console.info(
      `[figures] timeout before applying: submits sent ${writes.sent}, applied ${writes.applied}, deliveries recorded ${recorded}`,
    );
    expect(writes).toEqual({ sent: 2, applied: 1 });
    expect(recorded).toBe(1);
    expect(h.env.specter.state.deliveries[0]?.rows).toEqual([
      { rowNo: '1', noOfItems: 2 },
      { rowNo: '2', noOfItems: 1 },
    ]);
    const checked = h.deps.audit.recent(50).find((e) => e.action === 'delivery.checked');
    expect(checked?.details).toMatchObject({ outcome: 'not_applied' });
  });

  it('a 5xx after applying and a reset after applying are both resolved from Specter’s state', async () => {
    const { h, postings, job, order, id } = await shippedProposal();
    h.env.specter.faults.enqueue({ kind: 'error', phase: 'after', match: 'deliverySubmit' });
    expect((await postings.decide([id], 'confirm', 'operator'))[0]?.posting?.state).toBe('in_doubt');
    await job.run(ctx);
    expect(postings.list('delivery')[0]?.state).toBe('done');

    // A second order, reply cut by a reset.
    const other = await linkOrder(h, [{ articleNo: 'ART-3', noOfItems: 1 }]);
    pickAndShip(h, other);
    await job.run(ctx);
    const next = postings.list('delivery', ['proposed'])[0];
    h.env.specter.faults.enqueue({ kind: 'reset', phase: 'after', match: 'deliverySubmit' });
    expect((await postings.decide([next?.id as number], 'confirm', 'operator'))[0]?.posting?.state).toBe('in_doubt');
    await job.run(ctx);
    expect(postings.list('delivery').map((p) => p.state)).toEqual(['done', 'done']);
    const writes = specterWrites(h, 'deliverySubmit');
    console.info(
      `[figures] 5xx / reset after applying: submits sent ${writes.sent}, applied ${writes.applied}, deliveries recorded ${h.env.specter.state.deliveries.length}`,
    );
    expect(writes).toEqual({ sent: 2, applied: 2 });
    expect(h.env.specter.state.deliveries.map((d) => d.orderId)).toEqual([order.specterOrderId, other.specterOrderId]);
  });

  it('never asks Specter (nor re-sends) before the grace period for a slow Specter has passed', async () => {
    const { h, postings, job, id } = await shippedProposal({ inDoubtGraceMs: 60_000 });
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'before', match: 'deliverySubmit' });
    await postings.decide([id], 'confirm', 'operator');
    const readsBefore = h.env.specter.callsFor('getOrder').length;
    const run = await job.run(ctx);
    expect(run.counts).toMatchObject({ conflicts: 1 });
    expect(postings.list('delivery')[0]?.state).toBe('in_doubt');
    expect(h.env.specter.callsFor('getOrder')).toHaveLength(readsBefore);
    const [again] = await postings.decide([id], 'confirm', 'operator');
    expect(again).toMatchObject({ ok: false, message: expect.stringMatching(/Specter is checked in about \d+ s/) });
    expect(specterWrites(h, 'deliverySubmit')).toEqual({ sent: 1, applied: 0 });
  });

  it('stays in doubt with the evidence when Specter changed in a way that does not match', async () => {
    const { h, postings, job, order, id } = await shippedProposal();
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'before', match: 'deliverySubmit' });
    await postings.decide([id], 'confirm', 'operator');
    // Meanwhile someone delivered one item of row 1 by hand in Specter.
    h.env.specter.state.applyDelivery({
      orderId: order.orderNo,
      deliveryDate: '2026-12-01',
      rows: [{ param: 'noOfItems_1', rowNo: '1', noOfItems: '1' }],
      packetNo: '',
      sendDeliveryEmail: false,
      createInvoice: false,
    });
    const run = await job.run(ctx);
    expect(run.status).toBe('partial');
    const posting = postings.list('delivery')[0];
    expect(posting?.state).toBe('in_doubt');
    expect(posting?.lastError).toMatch(/row no 1: 0 → 1 \(this posting 2\)/);
    expect(posting?.lastError).toMatch(/It is in Specter: mark done.*It is not in Specter: send again/);
    expect(posting?.evidence).toMatchObject({
      outcome: 'unknown',
      rows: [
        { rowRef: '1', before: 0, now: 1, posting: 2 },
        { rowRef: '2', before: 0, now: 0, posting: 1 },
      ],
    });
    expect(h.deps.exceptions.list({ state: 'open', flow: 'deliveries' })).toEqual([
      expect.objectContaining({ class: 'conflict', recordKey: order.orderNo }),
    ]);
    expect(specterWrites(h, 'deliverySubmit')).toEqual({ sent: 1, applied: 0 });
    // A posting in doubt cannot be rejected (it may be in Specter).
    const [refused] = await postings.decide([id], 'reject', 'operator', 'delivered by hand in Specter');
    expect(refused).toMatchObject({ ok: false, posting: { state: 'in_doubt' } });
    expect(refused?.message).toMatch(/cannot be rejected/);
    // The operator looks in Specter, sees it is not there, and sends again: Specter refuses it (only 1 remains),
    // so it fails with Specter's reason and can be rejected then; nothing reaches Specter twice.
    const [again] = await postings.decide([id], 'send_again', 'operator');
    expect(again?.posting?.state).toBe('failed');
    expect(again?.message).toMatch(/2 items delivered but only 1 remain/);
    const [rejected] = await postings.decide([id], 'reject', 'operator', 'delivered by hand in Specter');
    expect(rejected?.posting?.state).toBe('rejected');
    await job.run(ctx);
    expect(specterWrites(h, 'deliverySubmit')).toEqual({ sent: 2, applied: 0 });
  });

  it('Ongoing’s acknowledgement fails after Specter accepted: only the acknowledgement is retried', async () => {
    const { h, postings, job, order, id } = await shippedProposal();
    const ack = '/reportedNumberOfItems';
    h.env.ongoing.warehouse.enqueueFault({ kind: 'error', phase: 'before', match: ack, count: 4 });

    const [outcome] = await postings.decide([id], 'confirm', 'operator');
    expect(outcome?.ok).toBe(true);
    expect(outcome?.message).toMatch(/Specter has it, but Ongoing could not be told/);
    expect(outcome?.posting).toMatchObject({ state: 'done', ackState: 'failed' });
    const lines = () => h.env.ongoing.state.orders.get(order.ongoingOrderId)?.lines ?? [];
    expect(lines().every((l) => l.reported === 0)).toBe(true);

    // The order still has lines to report in Ongoing, yet the run proposes and sends nothing new.
    const run = await job.run(ctx);
    expect(run.counts).toMatchObject({ created: 0 });
    expect(postings.list('delivery')).toHaveLength(1);
    expect(postings.list('delivery')[0]).toMatchObject({ state: 'done', ackState: 'done', attempts: 1 });
    expect(lines().every((l) => l.reported === l.picked)).toBe(true);
    const writes = specterWrites(h, 'deliverySubmit');
    const ackCalls = h.env.ongoing.calls.filter((c) => c.path.includes(ack));
    console.info(
      `[figures] acknowledge fails after accept: submits sent ${writes.sent}, applied ${writes.applied}, deliveries recorded ${h.env.specter.state.deliveries.length}, acknowledge calls ${ackCalls.length} (4 failed + 2 lines ok)`,
    );
    expect(writes).toEqual({ sent: 1, applied: 1 });
    expect(h.env.specter.state.deliveries).toHaveLength(1);
    // Four failures on the first line, then each line set once to its exact count.
    expect(ackCalls.map((c) => c.status)).toEqual([500, 500, 500, 500, 200, 200]);
  });
});

describe('acknowledging without losing or doubling items', () => {
  it('acknowledges exactly what Specter accepted, even when more was picked before the retry', async () => {
    harness = await startPostingsHarness({ timeoutMs: 600 });
    const h = harness;
    const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
    const job = createDeliveriesJob(h.deps, postings);
    const order = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 5 }]);
    const rowId = order.rows[0]?.rowId as string;
    pickAndShip(h, order, { pick: { [rowId]: 2 }, waybill: 'ACK-1' });
    await job.run(ctx);
    const [first] = postings.list('delivery');
    h.env.ongoing.warehouse.enqueueFault({ kind: 'error', phase: 'before', match: '/reportedNumberOfItems', count: 4 });
    expect((await postings.decide([first?.id as number], 'confirm', 'operator'))[0]?.posting).toMatchObject({
      state: 'done',
      ackState: 'failed',
    });

    // Three more are picked and shipped before Ongoing was told about the first two.
    shipRest(h, order, { pick: { [rowId]: 3 }, waybill: 'ACK-2' });
    const line = () => h.env.ongoing.state.orders.get(order.ongoingOrderId)?.lines[0];
    expect(line()).toMatchObject({ picked: 5, reported: 0 });
    await job.run(ctx);
    // The retried acknowledgement sets exactly the 2 Specter has, not "reported = picked" (5).
    expect(h.deps.postings.get(first?.id as number)).toMatchObject({ state: 'done', ackState: 'done' });
    expect(line()).toMatchObject({ picked: 5, reported: 2 });
    const [second] = postings.list('delivery', ['proposed']);
    expect(second?.rows.map((r) => [r.previouslyReported, r.quantity])).toEqual([[2, 3]]);

    await postings.decide([second?.id as number], 'confirm', 'operator');
    expect(postings.list('delivery').map((p) => [p.state, p.ackState])).toEqual([
      ['done', 'done'],
      ['done', 'done'],
    ]);
    expect(line()).toMatchObject({ picked: 5, reported: 5 });
    expect(h.env.specter.state.deliveries.map((d) => d.rows[0]?.noOfItems)).toEqual([2, 3]);
    expect(specterWrites(h, 'deliverySubmit')).toEqual({ sent: 2, applied: 2 });
  });
});

describe('receipt submits under faults', () => {
  it('a purchase delivery applied with its reply lost is resolved as done without a second submit', async () => {
    harness = await startPostingsHarness({ timeoutMs: 600 });
    const h = harness;
    const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
    const job = createReceiptsJob(h.deps, postings);
    const purchase = await linkPurchase(h, [{ articleNo: 'ART-1', noOfItems: 10 }]);
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId);
    await job.run(ctx);
    const [proposal] = postings.list('receipt');
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'after', match: 'purchaseDeliverySubmit' });
    expect((await postings.decide([proposal?.id as number], 'confirm', 'operator'))[0]?.posting?.state).toBe(
      'in_doubt',
    );
    await job.run(ctx);
    expect(postings.list('receipt')[0]).toMatchObject({ state: 'done', ackState: 'done', attempts: 1 });
    const writes = specterWrites(h, 'purchaseDeliverySubmit');
    console.info(
      `[figures] receipt, timeout after applying: submits sent ${writes.sent}, applied ${writes.applied}, purchase deliveries recorded ${h.env.specter.state.purchaseDeliveries.length}`,
    );
    expect(writes).toEqual({ sent: 1, applied: 1 });
    expect(h.env.specter.state.purchaseDeliveries).toHaveLength(1);
    expect(h.env.specter.state.purchases.get(purchase.purchaseId)?.rows[0]?.receivedNoOfItems).toBe(10);
  });
});
