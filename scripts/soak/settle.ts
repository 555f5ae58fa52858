/**
 * Settling: with faults off, the app runs (and is asked to "sync now", as an operator would) until the
 * outbox is quiet and Ongoing has nothing left to report, or until it stops making progress.
 */
import type { Posting } from '../../src/shared/domain/postings';
import { type SoakContext, sleep } from './context';
import type { OngoingStateSnapshot } from './http';

const OPEN_STATES = new Set(['proposed', 'held', 'confirmed', 'sending', 'in_doubt']);

export interface SettleResult {
  settled: boolean;
  seconds: number;
  /** Why it is not settled (what was still open at the end). */
  openItems: string[];
}

/** What still keeps the app busy: unfinished postings and Ongoing lines with something left to report. */
export function openWork(postings: Posting[], ongoing: OngoingStateSnapshot, shippedStatuses: number[]): string[] {
  const open: string[] = [];
  for (const p of postings) {
    if (OPEN_STATES.has(p.state)) open.push(`posting #${p.id} ${p.kind} ${p.number} ${p.state}`);
    else if (p.state === 'done' && p.ackState !== 'done')
      open.push(`posting #${p.id} ${p.kind} ${p.number} ack ${p.ackState}`);
  }
  for (const o of ongoing.orders) {
    const status = o.orderInfo?.orderStatus?.number ?? 0;
    if (!shippedStatuses.includes(status)) continue;
    for (const l of o.orderLines ?? []) {
      if ((l.pickedNumberOfItems ?? 0) !== (l.reportedNumberOfItems ?? 0)) {
        open.push(
          `Ongoing order ${o.orderInfo?.orderNumber} line ${l.rowNumber}: picked ${l.pickedNumberOfItems}, reported ${l.reportedNumberOfItems}`,
        );
      }
    }
  }
  for (const po of ongoing.purchaseOrders) {
    for (const l of po.purchaseOrderLines ?? []) {
      if ((l.receivedNumberOfItems ?? 0) !== (l.reportedNumberOfItems ?? 0)) {
        open.push(
          `Ongoing purchase order ${po.purchaseOrderInfo?.purchaseOrderNumber} line ${l.rowNumber}: received ${l.receivedNumberOfItems}, reported ${l.reportedNumberOfItems}`,
        );
      }
    }
  }
  return open;
}

export async function allPostings(ctx: SoakContext): Promise<Posting[]> {
  const bridge = ctx.bridge();
  if (!bridge) throw new Error('The app is not running.');
  const [deliveries, receipts] = await Promise.all([
    bridge.call('listPostings', { kind: 'delivery' }),
    bridge.call('listPostings', { kind: 'receipt' }),
  ]);
  return [...deliveries, ...receipts];
}

export async function settle(ctx: SoakContext, shippedStatuses: number[]): Promise<SettleResult> {
  const started = Date.now();
  const stuckMs = ctx.options.settleStuckSeconds * 1000;
  const deadline = started + ctx.options.settleMaxMinutes * 60_000;
  let lastFingerprint = '';
  let lastProgress = Date.now();
  let quietRounds = 0;
  let open: string[] = ['not checked yet'];
  let lastLogged = -1;
  while (Date.now() < deadline) {
    const bridge = ctx.bridge();
    if (!bridge) throw new Error('The app is not running while settling.');
    // As an operator pressing "sync now": every job once, in order.
    await bridge
      .call('syncNow', {}, 10 * 60_000)
      .catch((error: unknown) => ctx.log(`settle: sync now: ${String(error)}`));
    const postings = await allPostings(ctx);
    const ongoing = await ctx.ongoing.state();
    open = openWork(postings, ongoing, shippedStatuses);
    quietRounds = open.length === 0 ? quietRounds + 1 : 0;
    if (quietRounds >= 2) return { settled: true, seconds: Math.round((Date.now() - started) / 1000), openItems: [] };
    const fingerprint = JSON.stringify([
      postings.map((p) => [p.id, p.state, p.ackState, p.attempts]),
      ongoing.orders.map((o) => (o.orderLines ?? []).map((l) => [l.pickedNumberOfItems, l.reportedNumberOfItems])),
      ongoing.purchaseOrders.map((p) =>
        (p.purchaseOrderLines ?? []).map((l) => [l.receivedNumberOfItems, l.reportedNumberOfItems]),
      ),
    ]);
    if (fingerprint !== lastFingerprint) {
      lastFingerprint = fingerprint;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > stuckMs) {
      ctx.log(`settle: no progress for ${ctx.options.settleStuckSeconds} s; ${open.length} items open`);
      break;
    }
    if (open.length !== lastLogged) {
      lastLogged = open.length;
      ctx.log(`settle: ${open.length} open${open.length ? `: ${open.slice(0, 3).join('; ')}` : ''}`);
    }
    await sleep(2_000);
  }
  return { settled: false, seconds: Math.round((Date.now() - started) / 1000), openItems: open };
}
