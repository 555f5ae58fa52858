import { afterEach, describe, expect, it } from 'vitest';
import { ongoingDateToLocalDate } from '../../src/shared/mapping';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import { createReceiptsJob } from '../../src/main/core/flows/receipts';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import { linkPurchase, specterWrites, startPostingsHarness } from '../helpers/postings-setup';
import type { SyncHarness } from '../helpers/sync-harness';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

describe('inbound receipts', () => {
  it('reports a partial receipt and then the rest as two purchase delivery submits by row id', async () => {
    harness = await startPostingsHarness();
    const h = harness;
    const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
    const job = createReceiptsJob(h.deps, postings);
    const purchase = await linkPurchase(h, [
      { articleNo: 'ART-1', noOfItems: 10 },
      { articleNo: 'ART-2', noOfItems: 6 },
    ]);
    const [row1, row2] = purchase.rows;
    const ongoingId = purchase.ongoingPurchaseOrderId;
    // The receipt date is Ongoing's arrival date (the last receipt), as a Swedish calendar date.
    const arrivalDate = () =>
      ongoingDateToLocalDate(h.env.ongoing.state.purchaseOrders.get(ongoingId)?.lastReceiveTime ?? undefined);

    expect((await job.run(ctx)).counts).toMatchObject({ fetched: 0, created: 0 });
    h.env.ongoing.warehouse.receive(ongoingId, { [row1?.rowId as string]: 4 });
    const firstArrival = arrivalDate();
    const first = await job.run(ctx);
    expect(first.counts).toMatchObject({ fetched: 1, created: 1 });
    await job.run(ctx);
    const [partial, ...none] = postings.list('receipt');
    expect(none).toHaveLength(0);
    expect(partial).toMatchObject({
      state: 'proposed',
      specterId: purchase.purchaseId,
      number: purchase.purchaseNo,
      counterpart: 'Ullspinneriet AB',
      deliveryDate: firstArrival,
      sendEmail: false,
      createInvoice: false,
      packetNo: '',
    });
    expect(partial?.idempotencyKey).toMatch(new RegExp(`^receipt:${ongoingId}:[0-9a-f]{16}$`));
    expect(partial?.rows).toMatchObject([
      {
        rowRef: row1?.rowId,
        articleNo: 'ART-1',
        articleName: 'Ullsocka grå 39-42',
        ordered: 10,
        previouslyReported: 0,
        quantity: 4,
      },
    ]);
    expect(() => postings.setOptions(partial?.id as number, { createInvoice: true })).toThrow(
      /cannot create an invoice/,
    );
    const [sent] = await postings.decide([partial?.id as number], 'confirm', 'operator');
    expect(sent).toMatchObject({ ok: true, posting: { state: 'done', ackState: 'done' } });

    h.env.ongoing.warehouse.receive(ongoingId, { [row1?.rowId as string]: 6, [row2?.rowId as string]: 6 });
    const secondArrival = arrivalDate();
    expect((await job.run(ctx)).counts).toMatchObject({ created: 1 });
    const [rest] = postings.list('receipt', ['proposed']);
    expect(rest?.idempotencyKey).not.toBe(partial?.idempotencyKey);
    expect(rest?.rows.map((r) => [r.rowRef, r.previouslyReported, r.quantity])).toEqual([
      [row1?.rowId, 4, 6],
      [row2?.rowId, 0, 6],
    ]);
    postings.setOptions(rest?.id as number, { sendEmail: true });
    expect((await postings.decide([rest?.id as number], 'confirm', 'operator'))[0]?.ok).toBe(true);

    const recorded = h.env.specter.state.purchaseDeliveries;
    expect(recorded.map((d) => ({ rows: d.rows, sendEmail: d.sendEmail, date: d.deliveryDate }))).toEqual([
      { rows: [{ rowId: row1?.rowId, noOfItems: 4 }], sendEmail: false, date: firstArrival },
      {
        rows: [
          { rowId: row1?.rowId, noOfItems: 6 },
          { rowId: row2?.rowId, noOfItems: 6 },
        ],
        sendEmail: true,
        date: secondArrival,
      },
    ]);
    const specterPurchase = h.env.specter.state.purchases.get(purchase.purchaseId);
    expect(specterPurchase?.rows.map((r) => r.receivedNoOfItems)).toEqual([10, 6]);
    expect(specterPurchase?.deliveryStatus).toBe('D');
    const lines = h.env.ongoing.state.purchaseOrders.get(ongoingId)?.lines ?? [];
    expect(lines.map((l) => [l.received, l.reported])).toEqual([
      [10, 10],
      [6, 6],
    ]);
    expect(specterWrites(h, 'purchaseDeliverySubmit')).toEqual({ sent: 2, applied: 2 });
    expect((await job.run(ctx)).counts).toMatchObject({ fetched: 0, created: 0 });
  });

  it('confirms and sends receipts automatically when configured, with the default e-mail option', async () => {
    harness = await startPostingsHarness({
      settings: { sync: { autoConfirm: { receipts: true }, sendReceiptEmail: true } },
    });
    const h = harness;
    const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
    const purchase = await linkPurchase(h, [{ articleNo: 'ART-3', noOfItems: 2 }]);
    h.env.ongoing.warehouse.receive(purchase.ongoingPurchaseOrderId);
    const run = await createReceiptsJob(h.deps, postings).run(ctx);
    expect(run).toMatchObject({ status: 'ok', counts: { created: 1, updated: 1 } });
    expect(postings.list('receipt')[0]).toMatchObject({ state: 'done', ackState: 'done', decidedBy: 'auto' });
    expect(h.env.specter.state.purchaseDeliveries).toEqual([
      expect.objectContaining({ purchaseId: purchase.purchaseId, sendEmail: true }),
    ]);
  });
});
