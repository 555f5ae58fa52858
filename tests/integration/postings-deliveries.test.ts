import { afterEach, describe, expect, it } from 'vitest';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import { createStatusCatalog } from '../../src/main/core/sync/status-catalog';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { SyncHarness } from '../helpers/sync-harness';
import { linkOrder, pickAndShip, shipRest, specterWrites, startPostingsHarness } from '../helpers/postings-setup';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ctx = (dryRun = false): JobContext => ({ runId: 0, dryRun, progress: () => {} });

async function setup(settings?: Parameters<typeof startPostingsHarness>[0]) {
  harness = await startPostingsHarness(settings);
  const postings = createPostingService(harness.deps, { inDoubtGraceMs: 0 });
  const job = createDeliveriesJob(harness.deps, postings);
  return { h: harness, postings, job };
}

function ongoingLines(h: SyncHarness, ongoingOrderId: number) {
  const order = h.env.ongoing.state.orders.get(ongoingOrderId);
  return (order?.lines ?? []).map((l) => ({ rowNumber: l.rowNumber, picked: l.picked, reported: l.reported }));
}

describe('outbound deliveries', () => {
  it('proposes a shipped order once, sends it on confirm with the chosen options and acknowledges it in Ongoing', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [
      { articleNo: 'ART-1', noOfItems: 2 },
      { articleNo: 'ART-2', noOfItems: 3 },
    ]);
    pickAndShip(h, order, { waybill: '00370712345678900011' });

    const first = await job.run(ctx());
    expect(first.status).toBe('ok');
    expect(first.counts).toMatchObject({ fetched: 1, created: 1 });
    const again = await job.run(ctx());
    expect(again.counts).toMatchObject({ fetched: 1, created: 0, unchanged: 1 });

    const [proposal, ...more] = postings.list('delivery');
    expect(more).toHaveLength(0);
    expect(proposal).toMatchObject({
      state: 'proposed',
      ongoingId: order.ongoingOrderId,
      specterId: order.specterOrderId,
      number: order.orderNo,
      counterpart: 'Åsa Öberg',
      deliveryDate: '2026-12-01',
      packetNo: '00370712345678900011',
      trackingUrl: 'https://tracking.example.com/?id=00370712345678900011',
      sendEmail: true,
      createInvoice: false,
    });
    expect(proposal?.idempotencyKey).toMatch(new RegExp(`^delivery:${order.ongoingOrderId}:[0-9a-f]{16}$`));
    expect(proposal?.rows).toMatchObject([
      {
        rowRef: '1',
        articleNo: 'ART-1',
        articleName: 'Ullsocka grå 39-42',
        ordered: 2,
        previouslyReported: 0,
        quantity: 2,
      },
      {
        rowRef: '2',
        articleNo: 'ART-2',
        articleName: 'Kökshandduk randig',
        ordered: 3,
        previouslyReported: 0,
        quantity: 3,
      },
    ]);
    expect(h.env.specter.state.deliveries).toHaveLength(0);

    const id = proposal?.id as number;
    const changed = postings.setOptions(id, { createInvoice: true, sendEmail: false });
    expect(changed).toMatchObject({ createInvoice: true, sendEmail: false });

    const [result] = await postings.decide([id], 'confirm', 'operator');
    expect(result?.ok).toBe(true);
    expect(result?.message).toMatch(/Reported to Specter \(id \d+, invoice \d+\)\. Acknowledged in Ongoing\./);
    const deliveries = h.env.specter.state.deliveries;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      orderId: order.specterOrderId,
      deliveryDate: '2026-12-01',
      packetNo: '00370712345678900011',
      rows: [
        { rowNo: '1', noOfItems: 2 },
        { rowNo: '2', noOfItems: 3 },
      ],
      sendDeliveryEmail: false,
      createInvoice: true,
    });
    expect(deliveries[0]?.invoiceId).not.toBe('');
    expect(h.env.specter.state.orders.get(order.specterOrderId)?.deliveryStatus).toBe('D');
    expect(result?.posting).toMatchObject({
      state: 'done',
      ackState: 'done',
      attempts: 1,
      decidedBy: 'operator',
      specterResultId: deliveries[0]?.deliveryId,
    });
    expect(ongoingLines(h, order.ongoingOrderId).every((l) => l.reported === l.picked)).toBe(true);

    // The exact payload is in the audit log, and options can no longer change.
    const send = h.deps.audit.recent(50).find((e) => e.action === 'delivery.send');
    expect(send?.details.payload).toMatchObject({
      orderId: order.specterOrderId,
      rows: [
        { rowNo: '1', noOfItems: 2 },
        { rowNo: '2', noOfItems: 3 },
      ],
      createInvoice: true,
      sendDeliveryEmail: false,
    });
    const confirm = h.deps.audit.recent(50).find((e) => e.action === 'delivery.confirm');
    expect(confirm).toMatchObject({
      actor: 'operator',
      details: { payload: { sendDeliveryEmail: false, createInvoice: true } },
    });
    expect(() => postings.setOptions(id, { sendEmail: true })).toThrow(/is done: its options can only be changed/);

    // Nothing is left to report, and a repeated confirm does not send again.
    const after = await job.run(ctx());
    expect(after.counts).toMatchObject({ fetched: 0, created: 0 });
    const [repeat] = await postings.decide([id], 'confirm', 'operator');
    expect(repeat).toMatchObject({ ok: false, message: expect.stringMatching(/already reported/) });
    expect(specterWrites(h, 'deliverySubmit')).toEqual({ sent: 1, applied: 1 });
    expect(h.env.specter.state.deliveries).toHaveLength(1);
  });

  it('reports two shipments of one order as two submits with the right quantities and tracking numbers', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [
      { articleNo: 'ART-1', noOfItems: 5 },
      { articleNo: 'ART-3', noOfItems: 1 },
    ]);
    const [row1, row2] = order.rows;
    pickAndShip(h, order, { pick: { [row1?.rowId as string]: 2 }, waybill: 'W-FIRST-0001' });

    await job.run(ctx());
    const [first] = postings.list('delivery', ['proposed']);
    expect(first?.rows).toMatchObject([
      {
        rowRef: '1',
        articleNo: 'ART-1',
        articleName: 'Ullsocka grå 39-42',
        ordered: 5,
        previouslyReported: 0,
        quantity: 2,
      },
    ]);
    expect((await postings.decide([first?.id as number], 'confirm', 'operator'))[0]?.ok).toBe(true);
    expect(h.env.specter.state.orders.get(order.specterOrderId)?.deliveryStatus).toBe('P');

    shipRest(h, order, {
      pick: { [row1?.rowId as string]: 3, [row2?.rowId as string]: 1 },
      waybill: 'W-REST-0002',
    });
    const second = await job.run(ctx());
    expect(second.counts).toMatchObject({ created: 1 });
    const [rest] = postings.list('delivery', ['proposed']);
    expect(rest?.idempotencyKey).not.toBe(first?.idempotencyKey);
    expect(rest?.packetNo).toBe('W-REST-0002');
    expect(rest?.rows).toMatchObject([
      {
        rowRef: '1',
        articleNo: 'ART-1',
        articleName: 'Ullsocka grå 39-42',
        ordered: 5,
        previouslyReported: 2,
        quantity: 3,
      },
      {
        rowRef: '2',
        articleNo: 'ART-3',
        articleName: 'Fleecefilt blå',
        ordered: 1,
        previouslyReported: 0,
        quantity: 1,
      },
    ]);
    expect((await postings.decide([rest?.id as number], 'confirm', 'operator'))[0]?.ok).toBe(true);

    const deliveries = h.env.specter.state.deliveries;
    expect(deliveries.map((d) => ({ packetNo: d.packetNo, rows: d.rows }))).toEqual([
      { packetNo: 'W-FIRST-0001', rows: [{ rowNo: '1', noOfItems: 2 }] },
      {
        packetNo: 'W-REST-0002',
        rows: [
          { rowNo: '1', noOfItems: 3 },
          { rowNo: '2', noOfItems: 1 },
        ],
      },
    ]);
    const specterOrder = h.env.specter.state.orders.get(order.specterOrderId);
    expect(specterOrder?.deliveryStatus).toBe('D');
    expect(specterOrder?.deliveries.map((d) => d.trackingNo)).toEqual(['W-FIRST-0001', 'W-REST-0002']);
    expect(specterWrites(h, 'deliverySubmit')).toEqual({ sent: 2, applied: 2 });
    expect(postings.list('delivery').map((p) => [p.state, p.ackState])).toEqual([
      ['done', 'done'],
      ['done', 'done'],
    ]);
    expect((await job.run(ctx())).counts).toMatchObject({ fetched: 0, created: 0 });
  });

  it('gives a second shipment of the same size a key of its own', async () => {
    const { h, postings, job } = await setup({ settings: { sync: { autoConfirm: { deliveries: true } } } });
    const order = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 4 }]);
    const rowId = order.rows[0]?.rowId as string;
    pickAndShip(h, order, { pick: { [rowId]: 2 }, waybill: 'HALF-1' });
    await job.run(ctx());
    shipRest(h, order, { pick: { [rowId]: 2 }, waybill: 'HALF-2' });
    await job.run(ctx());
    const all = postings.list('delivery');
    expect(all).toHaveLength(2);
    expect(new Set(all.map((p) => p.idempotencyKey)).size).toBe(2);
    expect(h.env.specter.state.deliveries.map((d) => [d.packetNo, d.rows])).toEqual([
      ['HALF-1', [{ rowNo: '1', noOfItems: 2 }]],
      ['HALF-2', [{ rowNo: '1', noOfItems: 2 }]],
    ]);
  });

  it('replaces an undecided proposal when more is shipped before it was confirmed', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [{ articleNo: 'ART-2', noOfItems: 5 }]);
    const rowId = order.rows[0]?.rowId as string;
    pickAndShip(h, order, { pick: { [rowId]: 2 }, waybill: 'PART-1' });
    await job.run(ctx());
    const [older] = postings.list('delivery');
    shipRest(h, order, { pick: { [rowId]: 3 }, waybill: 'PART-2' });
    await job.run(ctx());
    const [newer] = postings.list('delivery', ['proposed']);
    expect(newer?.rows.map((r) => [r.previouslyReported, r.quantity])).toEqual([[0, 5]]);
    expect(postings.list('delivery').find((p) => p.id === older?.id)).toMatchObject({
      state: 'rejected',
      decidedBy: 'system',
      reason: `Replaced by #${newer?.id}: Ongoing now shows other quantities to report.`,
    });
    await postings.decide([newer?.id as number], 'confirm', 'operator');
    expect(h.env.specter.state.deliveries.map((d) => d.rows)).toEqual([[{ rowNo: '1', noOfItems: 5 }]]);
  });

  it('confirms automatically when the settings say so (actor auto) and sends in the same run', async () => {
    const { h, postings, job } = await setup({ settings: { sync: { autoConfirm: { deliveries: true } } } });
    const order = await linkOrder(h, [{ articleNo: 'ART-2', noOfItems: 4 }]);
    pickAndShip(h, order, { status: 500, waybill: 'COLLECTED-1' });
    const result = await job.run(ctx());
    expect(result).toMatchObject({ status: 'ok', counts: { created: 1, updated: 1 } });
    const [posting] = postings.list('delivery');
    expect(posting).toMatchObject({ state: 'done', ackState: 'done', decidedBy: 'auto', packetNo: 'COLLECTED-1' });
    expect(h.env.specter.state.deliveries).toHaveLength(1);
    expect(h.deps.audit.recent(50).some((e) => e.action === 'delivery.confirm' && e.actor === 'auto')).toBe(true);
  });

  it('holds and rejects on the operator’s word: a rejected proposal is never sent nor proposed again', async () => {
    const { h, postings, job } = await setup();
    const a = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 1 }]);
    const b = await linkOrder(h, [{ articleNo: 'ART-2', noOfItems: 1 }]);
    pickAndShip(h, a);
    pickAndShip(h, b);
    await job.run(ctx());
    const byOrder = (ongoingId: number) =>
      postings.list('delivery').find((p) => p.ongoingId === ongoingId) as {
        id: number;
      };
    const idA = byOrder(a.ongoingOrderId).id;
    const idB = byOrder(b.ongoingOrderId).id;

    const held = await postings.decide([idA, idB], 'hold', 'operator', 'waiting for the customer');
    expect(held.map((r) => r.posting?.state)).toEqual(['held', 'held']);
    const noReason = await postings.decide([idB], 'reject', 'operator');
    expect(noReason[0]).toMatchObject({ ok: false, message: expect.stringMatching(/needs a reason/) });
    const rejected = await postings.decide([idB], 'reject', 'operator', 'reported by hand in Specter');
    expect(rejected[0]?.posting).toMatchObject({ state: 'rejected', reason: 'reported by hand in Specter' });

    // Options change while undecided; a job run sends nothing that is held or rejected.
    expect(postings.setOptions(idA, { sendEmail: false }).sendEmail).toBe(false);
    const run = await job.run(ctx());
    expect(run.counts).toMatchObject({ created: 0 });
    expect(h.env.specter.state.deliveries).toHaveLength(0);

    const [confirmed] = await postings.decide([idA], 'confirm', 'operator');
    expect(confirmed?.posting?.state).toBe('done');
    expect(h.env.specter.state.deliveries).toEqual([
      expect.objectContaining({ orderId: a.specterOrderId, sendDeliveryEmail: false }),
    ]);
    expect((await postings.decide([idB], 'confirm', 'operator'))[0]).toMatchObject({ ok: false });
    expect(h.env.specter.state.deliveries).toHaveLength(1);
    expect(h.deps.audit.recent(100).filter((e) => e.action === 'delivery.reject')).toHaveLength(1);
  });

  it('marks a refusal by Specter as failed with Specter’s message and lets the operator retry after fixing it', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [{ articleNo: 'ART-3', noOfItems: 2 }]);
    pickAndShip(h, order);
    await job.run(ctx());
    const [proposal] = postings.list('delivery');
    // Someone delivered the order by hand in Specter meanwhile.
    h.env.specter.state.applyDelivery({
      orderId: order.orderNo,
      deliveryDate: '2026-12-01',
      rows: [{ param: 'noOfItems_1', rowNo: '1', noOfItems: '2' }],
      packetNo: '',
      sendDeliveryEmail: false,
      createInvoice: false,
    });
    const [result] = await postings.decide([proposal?.id as number], 'confirm', 'operator');
    expect(result?.ok).toBe(false);
    expect(result?.posting?.state).toBe('failed');
    expect(result?.posting?.lastError).toMatch(/Specter refused .*2 items delivered but only 0 remain/);
    expect(h.deps.exceptions.list({ state: 'open', flow: 'deliveries' })).toEqual([
      expect.objectContaining({ class: 'remote_refusal', recordKey: order.orderNo }),
    ]);
    // The next run neither re-proposes nor re-sends it.
    await job.run(ctx());
    expect(postings.list('delivery')).toHaveLength(1);
    expect(specterWrites(h, 'deliverySubmit')).toEqual({ sent: 1, applied: 0 });
  });

  it('explains an Ongoing order it cannot link to Specter instead of proposing it', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 1 }]);
    const orphan = await linkOrder(h, [{ articleNo: 'ART-2', noOfItems: 1 }]);
    // Without a synced record the Specter id still comes from Ongoing (goodsOwnerOrderId)...
    h.deps.db.prepare('DELETE FROM records WHERE key = ?').run(order.orderNo);
    // ...but an order that has neither cannot be reported.
    h.deps.db.prepare('DELETE FROM records WHERE key = ?').run(orphan.orderNo);
    const sim = h.env.ongoing.state.orders.get(orphan.ongoingOrderId);
    if (sim) sim.data = { ...sim.data, goodsOwnerOrderId: null };
    pickAndShip(h, order);
    pickAndShip(h, orphan);
    const run = await job.run(ctx());
    expect(run.status).toBe('partial');
    expect(run.counts).toMatchObject({ fetched: 2, created: 1, failed: 1 });
    expect(postings.list('delivery').map((p) => p.specterId)).toEqual([order.specterOrderId]);
    const [problem] = h.deps.exceptions.list({ state: 'open', flow: 'deliveries' });
    expect(problem).toMatchObject({ class: 'validation', recordKey: orphan.orderNo });
    expect(problem?.message).toMatch(/Specter order id is missing\. Sync orders again/);
  });

  it('reads the warehouse’s status lists and reports only orders in the statuses chosen as shipped', async () => {
    const { h, postings, job } = await setup({ settings: { sync: { shippedStatuses: [500] } } });
    const catalog = createStatusCatalog(h.deps);
    const orderStatuses = await catalog.orderStatuses();
    expect(orderStatuses).toContainEqual({ number: 450, text: 'Sent' });
    expect(orderStatuses).toContainEqual({ number: 500, text: 'Collected' });
    expect(orderStatuses.map((s) => s.number)).toEqual([...orderStatuses.map((s) => s.number)].sort((a, b) => a - b));
    expect(await catalog.purchaseOrderStatuses()).toContainEqual({ number: 500, text: 'Received' });

    const sent = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 1 }]);
    const collected = await linkOrder(h, [{ articleNo: 'ART-2', noOfItems: 1 }]);
    pickAndShip(h, sent, { status: 450 });
    pickAndShip(h, collected, { status: 500 });
    await job.run(ctx());
    expect(postings.list('delivery').map((p) => p.ongoingId)).toEqual([collected.ongoingOrderId]);
  });

  it('lists what a dry run would propose without storing anything', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 3 }]);
    pickAndShip(h, order, { waybill: 'DRY-1' });
    const dry = await job.run(ctx(true));
    expect(dry.plan).toEqual([
      expect.objectContaining({
        key: order.orderNo,
        action: 'create',
        payload: expect.objectContaining({ orderId: order.specterOrderId, packetNo: 'DRY-1' }),
      }),
    ]);
    expect(postings.list('delivery')).toHaveLength(0);
    expect(h.env.specter.callsFor('deliverySubmit')).toHaveLength(0);
  });
});
