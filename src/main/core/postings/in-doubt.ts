/**
 * Deciding what happened to a posting whose send had no clear answer (timeout, reset, 5xx, or the
 * app stopped while sending). Pure: it compares what Specter showed just before the send with what
 * it shows now.
 */
import type { PostingKind, PostingRow } from '../../../shared/domain/postings';
import type { SpecterDeliveryRecord, SpecterOrder, SpecterPurchase } from '../../../shared/domain/specter';
import { roundDecimal } from '../../../shared/mapping';

/** Specter's side of one order or purchase: quantity delivered/received per row ref, and its deliveries. */
export interface SpecterRowsState {
  /** Row no (orders) or row id (purchases) → delivered / received quantity. */
  rows: Record<string, number>;
  deliveries: Pick<SpecterDeliveryRecord, 'deliveryId' | 'trackingNo' | 'deliveryDate'>[];
}

/** What Specter showed right before a send, stored with the posting. */
export interface SendSnapshot extends SpecterRowsState {
  takenAt: string;
}

export type InDoubtVerdict =
  | { outcome: 'applied'; resultId: string | null; evidence: string }
  | { outcome: 'not_applied'; evidence: string }
  | { outcome: 'unknown'; evidence: string };

/** Specter's delivered quantities per row no and its deliveries. */
export function orderState(order: SpecterOrder): SpecterRowsState {
  const rows: Record<string, number> = {};
  for (const row of order.rows) rows[row.rowNo] = roundDecimal((rows[row.rowNo] ?? 0) + row.deliveredNoOfItems);
  return {
    rows,
    deliveries: (order.deliveries ?? []).map((d) => ({
      deliveryId: d.deliveryId,
      trackingNo: d.trackingNo,
      deliveryDate: d.deliveryDate,
    })),
  };
}

/** Specter's received quantities per row id and its purchase deliveries. */
export function purchaseState(purchase: SpecterPurchase): SpecterRowsState {
  const rows: Record<string, number> = {};
  for (const row of purchase.rows) rows[row.rowId] = roundDecimal((rows[row.rowId] ?? 0) + row.receivedNoOfItems);
  return {
    rows,
    deliveries: (purchase.deliveries ?? []).map((d) => ({
      deliveryId: d.deliveryId,
      trackingNo: d.trackingNo,
      deliveryDate: d.deliveryDate,
    })),
  };
}

const fmt = (n: number) => String(roundDecimal(n));

/**
 * Compare Specter now with Specter just before the send.
 * - Every row of the posting grew by exactly its quantity (and nothing else changed, or a new delivery
 *   carries this posting's packet no) → applied.
 * - Nothing changed (same quantities, no new delivery) → not applied: it may be sent once more.
 * - Anything else (partly applied, someone else delivered meanwhile, a row vanished) → unknown: an
 *   operator must look.
 * Without a snapshot (a posting from before snapshots existed), the quantities reported before the
 * posting are the baseline and deliveries cannot be compared.
 */
export function judgeInDoubt(
  posting: { kind: PostingKind; rows: readonly PostingRow[]; packetNo: string; deliveryDate: string },
  before: SendSnapshot | null,
  now: SpecterRowsState,
): InDoubtVerdict {
  const refLabel = posting.kind === 'delivery' ? 'row no' : 'row id';
  const verb = posting.kind === 'delivery' ? 'delivered' : 'received';
  const ownRefs = new Set(posting.rows.map((r) => r.rowRef));
  const lines: string[] = [];
  let allExact = true;
  let allZero = true;
  for (const row of posting.rows) {
    const current = now.rows[row.rowRef];
    if (current === undefined) {
      return {
        outcome: 'unknown',
        evidence: `Specter no longer has ${refLabel} ${row.rowRef}; check the ${posting.kind === 'delivery' ? 'order' : 'purchase'} in Specter by hand.`,
      };
    }
    const baseline = before ? (before.rows[row.rowRef] ?? 0) : row.previouslyReported;
    const delta = roundDecimal(current - baseline);
    lines.push(
      `${refLabel} ${row.rowRef}: ${fmt(baseline)} → ${fmt(current)} ${verb} (this posting: ${fmt(row.quantity)})`,
    );
    if (delta !== roundDecimal(row.quantity)) allExact = false;
    if (delta !== 0) allZero = false;
  }
  const summary = lines.join('; ');

  if (!before) {
    if (allExact) return { outcome: 'applied', resultId: null, evidence: `Specter shows the quantities: ${summary}.` };
    if (allZero) return { outcome: 'not_applied', evidence: `Specter shows nothing new: ${summary}.` };
    return {
      outcome: 'unknown',
      evidence: `Specter's quantities do not tell whether this posting arrived: ${summary}. Check in Specter, then reject it or confirm it again.`,
    };
  }

  const known = new Set(before.deliveries.map((d) => d.deliveryId));
  const fresh = now.deliveries.filter((d) => !known.has(d.deliveryId));
  const othersChanged = Object.entries(now.rows).some(
    ([ref, qty]) => !ownRefs.has(ref) && roundDecimal(qty - (before.rows[ref] ?? 0)) !== 0,
  );
  const ours = fresh.filter((d) => posting.packetNo !== '' && d.trackingNo === posting.packetNo);

  if (allExact && fresh.length <= 1 && !othersChanged) {
    return {
      outcome: 'applied',
      resultId: fresh[0]?.deliveryId ?? null,
      evidence: `Specter recorded it: ${summary}${fresh[0] ? `; new ${posting.kind === 'delivery' ? 'delivery' : 'purchase delivery'} ${fresh[0].deliveryId}` : ''}.`,
    };
  }
  if (allExact && ours.length === 1) {
    return {
      outcome: 'applied',
      resultId: ours[0]?.deliveryId ?? null,
      evidence: `Specter recorded delivery ${ours[0]?.deliveryId} with packet no ${posting.packetNo}: ${summary}.`,
    };
  }
  if (allZero && ours.length === 0) {
    // A submit is applied as a whole or not at all, so unchanged rows of this posting mean it did not arrive,
    // even when someone else changed other rows meanwhile.
    const note = fresh.length || othersChanged ? ' (other changes in Specter meanwhile do not touch these rows)' : '';
    return {
      outcome: 'not_applied',
      evidence: `Specter shows nothing new for this posting since just before the send: ${summary}${note}.`,
    };
  }
  const extra = fresh.length ? ` ${fresh.length} new deliver${fresh.length === 1 ? 'y' : 'ies'} since the send.` : '';
  return {
    outcome: 'unknown',
    evidence:
      `Specter changed in a way that does not match this posting: ${summary}.${extra}${othersChanged ? ' Other rows changed too.' : ''} ` +
      'Check the record in Specter, then reject this posting (if it is there) or confirm it again.',
  };
}
