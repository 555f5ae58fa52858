import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { SyncHarness } from '../helpers/sync-harness';
import { linkOrder, pickAndShip, shipRest, startPostingsHarness } from '../helpers/postings-setup';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

async function setup() {
  harness = await startPostingsHarness();
  const postings = createPostingService(harness.deps, { inDoubtGraceMs: 0 });
  const job = createDeliveriesJob(harness.deps, postings);
  return { h: harness, postings, job };
}

describe('releasing a held posting and restoring a rejected one', () => {
  it('releases a held proposal back to the proposals, and refuses to release one that is not held', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 2 }]);
    pickAndShip(h, order);
    await job.run(ctx);
    const [p] = postings.list('delivery');
    const id = p?.id as number;

    const notHeld = await postings.decide([id], 'release', 'operator');
    expect(notHeld[0]).toMatchObject({ ok: false, refs: [{ code: 'decision.cannotRelease' }] });

    await postings.decide([id], 'hold', 'operator', 'customer asked to wait');
    expect(postings.list('delivery')[0]).toMatchObject({ state: 'held', reason: 'customer asked to wait' });
    const released = await postings.decide([id], 'release', 'operator');
    expect(released[0]).toMatchObject({ ok: true, refs: [{ code: 'decision.released' }] });
    expect(released[0]?.posting).toMatchObject({ state: 'proposed', reason: null });
    expect(h.deps.audit.recent(50).some((e) => e.action === 'delivery.release')).toBe(true);
    expect(h.env.specter.state.deliveries).toHaveLength(0);

    const [confirmed] = await postings.decide([id], 'confirm', 'operator');
    expect(confirmed?.posting?.state).toBe('done');
    expect(h.env.specter.state.deliveries).toHaveLength(1);
  });

  it('restores a rejected proposal while it is the newest of its order, and sends it on confirm', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [{ articleNo: 'ART-2', noOfItems: 3 }]);
    pickAndShip(h, order);
    await job.run(ctx);
    const id = postings.list('delivery')[0]?.id as number;
    await postings.decide([id], 'reject', 'operator', 'thought it was reported by hand');

    const restored = await postings.decide([id], 'restore', 'operator');
    expect(restored[0]).toMatchObject({ ok: true, refs: [{ code: 'decision.restored' }] });
    expect(restored[0]?.posting).toMatchObject({ state: 'proposed', reason: null });
    expect(h.deps.audit.recent(50).some((e) => e.action === 'delivery.restore')).toBe(true);

    const again = await postings.decide([id], 'restore', 'operator');
    expect(again[0]).toMatchObject({ ok: false, refs: [{ code: 'decision.cannotRestore' }] });

    await postings.decide([id], 'confirm', 'operator');
    expect(h.env.specter.state.deliveries.map((d) => d.rows)).toEqual([[{ rowNo: '1', noOfItems: 3 }]]);
  });

  it('refuses to restore a rejected proposal once a newer posting of the same order exists', async () => {
    const { h, postings, job } = await setup();
    const order = await linkOrder(h, [{ articleNo: 'ART-2', noOfItems: 5 }]);
    const rowId = order.rows[0]?.rowId as string;
    pickAndShip(h, order, { pick: { [rowId]: 2 }, waybill: 'PART-1' });
    await job.run(ctx);
    const older = postings.list('delivery')[0]?.id as number;
    shipRest(h, order, { pick: { [rowId]: 3 }, waybill: 'PART-2' });
    await job.run(ctx);
    const newer = postings.list('delivery', ['proposed'])[0]?.id as number;
    expect(newer).toBeGreaterThan(older);
    expect(postings.list('delivery').find((p) => p.id === older)?.state).toBe('rejected');

    const refused = await postings.decide([older], 'restore', 'operator');
    expect(refused[0]).toMatchObject({
      ok: false,
      refs: [{ code: 'decision.newerExists', params: expect.objectContaining({ newerId: newer }) }],
    });
    expect(refused[0]?.posting?.state).toBe('rejected');
    expect(h.env.specter.state.deliveries).toHaveLength(0);
  });
});
