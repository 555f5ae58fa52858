import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../src/shared/api';
import { linkOrder, pickAndShip, startPostingsHarness } from '../helpers/postings-setup';
import type { SyncHarness } from '../helpers/sync-harness';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('the outbox tells the pages', () => {
  it('emits an event for every change of a posting, so lists follow without a reload', async () => {
    harness = await startPostingsHarness();
    const h = harness;
    const seen: string[] = [];
    h.context.events.subscribe((e: AppEvent) => {
      if (e.type === 'posting') seen.push(`${e.kind}:${e.state}:${e.ackState}`);
    });
    const order = await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 2 }]);
    pickAndShip(h, order, { waybill: 'EV-1' });
    await h.context.service.syncNow({ job: 'deliveries' });
    const [proposal] = await h.context.service.listPostings({ kind: 'delivery' });
    await h.context.service.decidePostings({ ids: [proposal?.id as number], decision: 'confirm' });
    expect(seen).toEqual([
      'delivery:proposed:pending',
      'delivery:confirmed:pending',
      'delivery:sending:pending',
      'delivery:done:pending',
      'delivery:done:done',
    ]);
  });
});
