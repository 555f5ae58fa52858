/**
 * Deciding what happened to a posting whose send had no clear answer (timeout, reset, 5xx, or the
 * app stopped while sending). Pure: it compares what Specter showed just before the send with what
 * it shows now, taking the app's own other postings on the same record into account.
 *
 * Proof that a posting arrived is either
 * - a delivery in Specter that carries the posting's reference (its idempotency key), or
 * - every row of the posting grew by exactly its quantity once the app's other postings are
 *   subtracted, with exactly one new delivery not explained by them, no other row changed, and no
 *   sign that Specter keeps references (if it does, a delivery without ours is someone else's; the
 *   outbox learns this the first time a delivery read back carries one of its keys).
 * "A new delivery appeared" alone is never proof. Unchanged rows (after the app's other postings)
 * and no unexplained delivery mean it did not arrive: a submit is applied as a whole or not at all.
 * Anything else is left to an operator, with the evidence.
 */
import type { InDoubtEvidence, InDoubtRowEvidence, PostingKind, PostingRow } from '../../../shared/domain/postings';
import type { SpecterDeliveryRecord, SpecterOrder, SpecterPurchase } from '../../../shared/domain/specter';
import { roundDecimal } from '../../../shared/mapping';

/** Specter's side of one order or purchase: quantity delivered/received per row ref, and its deliveries. */
export interface SpecterRowsState {
  /** Row no (orders) or row id (purchases) → delivered / received quantity. */
  rows: Record<string, number>;
  deliveries: Pick<SpecterDeliveryRecord, 'deliveryId' | 'trackingNo' | 'deliveryDate' | 'reference'>[];
}

/** What Specter showed right before a send, stored with the posting. */
export interface SendSnapshot extends SpecterRowsState {
  takenAt: string;
}

export type InDoubtVerdict = {
  outcome: 'applied' | 'not_applied' | 'unknown';
  /** The delivery that carries the posting (applied only, when known). */
  resultId: string | null;
  /** One English line for logs and the audit trail. */
  summary: string;
  evidence: Omit<InDoubtEvidence, 'checkedAt'>;
};

/** The posting being judged and the app's other postings on the same record. */
export interface JudgedPosting {
  kind: PostingKind;
  idempotencyKey: string;
  rows: readonly Pick<PostingRow, 'rowRef' | 'quantity'>[];
}

export interface OtherPosting extends JudgedPosting {
  /** Specter's delivery id from its accepted answer, when known. */
  specterResultId: string | null;
}

const deliveriesOf = (list: SpecterDeliveryRecord[] | undefined): SpecterRowsState['deliveries'] =>
  (list ?? []).map((d) => ({
    deliveryId: d.deliveryId,
    trackingNo: d.trackingNo,
    deliveryDate: d.deliveryDate,
    reference: d.reference ?? '',
  }));

/** Specter's delivered quantities per row no and its deliveries. */
export function orderState(order: SpecterOrder): SpecterRowsState {
  const rows: Record<string, number> = {};
  for (const row of order.rows) rows[row.rowNo] = roundDecimal((rows[row.rowNo] ?? 0) + row.deliveredNoOfItems);
  return { rows, deliveries: deliveriesOf(order.deliveries) };
}

/** Specter's received quantities per row id and its purchase deliveries. */
export function purchaseState(purchase: SpecterPurchase): SpecterRowsState {
  const rows: Record<string, number> = {};
  for (const row of purchase.rows) rows[row.rowId] = roundDecimal((rows[row.rowId] ?? 0) + row.receivedNoOfItems);
  return { rows, deliveries: deliveriesOf(purchase.deliveries) };
}

const fmt = (n: number | null) => (n === null ? '?' : String(roundDecimal(n)));

function rowsText(kind: PostingKind, rows: InDoubtRowEvidence[]): string {
  const ref = kind === 'delivery' ? 'row no' : 'row id';
  return rows
    .map(
      (r) =>
        `${ref} ${r.rowRef}: ${fmt(r.before)} → ${fmt(r.now)} (this posting ${fmt(r.posting)}${r.others ? `, the app's other postings ${fmt(r.others)}` : ''})`,
    )
    .join('; ');
}

export function judgeInDoubt(
  posting: JudgedPosting,
  before: SendSnapshot | null,
  now: SpecterRowsState,
  others: readonly OtherPosting[] = [],
  /** Specter has been seen to keep submit references (then a delivery without ours is not ours). */
  referencesKept = false,
): InDoubtVerdict {
  const known = new Set((before?.deliveries ?? []).map((d) => d.deliveryId));
  const fresh = before ? now.deliveries.filter((d) => !known.has(d.deliveryId)) : [];
  const otherKeys = new Map(others.map((o) => [o.idempotencyKey, o]));
  const otherIds = new Map(others.filter((o) => o.specterResultId).map((o) => [o.specterResultId as string, o]));
  const explainedBy = (d: SpecterRowsState['deliveries'][number]) =>
    (d.reference ? otherKeys.get(d.reference) : undefined) ?? otherIds.get(d.deliveryId);

  // The app's other postings whose deliveries appeared since the snapshot.
  const othersQty = new Map<string, number>();
  const unexplained: SpecterRowsState['deliveries'] = [];
  for (const d of fresh) {
    const other = explainedBy(d);
    if (!other) {
      if (d.reference !== posting.idempotencyKey) unexplained.push(d);
      continue;
    }
    for (const r of other.rows) othersQty.set(r.rowRef, roundDecimal((othersQty.get(r.rowRef) ?? 0) + r.quantity));
  }

  const rows: InDoubtRowEvidence[] = posting.rows.map((r) => ({
    rowRef: r.rowRef,
    before: before ? (before.rows[r.rowRef] ?? 0) : null,
    now: now.rows[r.rowRef] ?? Number.NaN,
    posting: r.quantity,
    others: othersQty.get(r.rowRef) ?? 0,
  }));
  const newDeliveries = fresh.map((d) => ({
    deliveryId: d.deliveryId,
    reference: d.reference ?? '',
    trackingNo: d.trackingNo,
    deliveryDate: d.deliveryDate,
  }));
  const ours = now.deliveries.filter((d) => d.reference === posting.idempotencyKey);
  const evidence = (matched: string | null): Omit<InDoubtEvidence, 'checkedAt'> => ({
    outcome: 'unknown',
    rows,
    newDeliveries,
    matchedDeliveryId: matched,
  });
  const verdict = (
    outcome: InDoubtVerdict['outcome'],
    summary: string,
    resultId: string | null = null,
  ): InDoubtVerdict => ({ outcome, resultId, summary, evidence: { ...evidence(resultId), outcome } });
  const what = rowsText(posting.kind, rows);

  if (ours.length > 0) {
    const id = ours[0]?.deliveryId ?? null;
    return verdict('applied', `Specter has delivery ${id} with this posting's reference: ${what}.`, id);
  }
  const missing = rows.find((r) => Number.isNaN(r.now));
  if (missing) {
    return verdict('unknown', `Specter no longer has row ${missing.rowRef}; check the record in Specter: ${what}.`);
  }
  if (!before) {
    return verdict(
      'unknown',
      `There is no snapshot from before the send, so Specter's quantities cannot prove it: ${what}.`,
    );
  }
  const delta = (r: InDoubtRowEvidence) => roundDecimal(r.now - (r.before ?? 0) - r.others);
  const allExact = rows.every((r) => delta(r) === roundDecimal(r.posting));
  const allZero = rows.every((r) => delta(r) === 0);
  const ownRefs = new Set(posting.rows.map((r) => r.rowRef));
  const otherRowsChanged = Object.entries(now.rows).some(
    ([ref, qty]) => !ownRefs.has(ref) && roundDecimal(qty - (before.rows[ref] ?? 0) - (othersQty.get(ref) ?? 0)) !== 0,
  );
  const keepsReferences = referencesKept || now.deliveries.some((d) => Boolean(d.reference));
  const only = unexplained.length === 1 ? unexplained[0] : undefined;

  if (allExact && only && !otherRowsChanged && !keepsReferences) {
    return verdict(
      'applied',
      `Specter shows exactly this posting's quantities and one new delivery ${only.deliveryId}: ${what}.`,
      only.deliveryId,
    );
  }
  if (allZero) {
    // A submit is applied as a whole or not at all: unchanged rows mean it did not arrive, even when
    // someone else changed other rows meanwhile.
    const note = unexplained.length ? ' (other changes in Specter meanwhile do not touch these rows)' : '';
    return verdict(
      'not_applied',
      `Specter shows nothing new for this posting since just before the send: ${what}${note}.`,
    );
  }
  const extra = unexplained.length ? ` ${unexplained.length} new deliveries not made by the app.` : '';
  return verdict(
    'unknown',
    `Specter changed in a way that does not prove whether this posting arrived: ${what}.${extra}${otherRowsChanged ? ' Other rows changed too.' : ''}`,
  );
}
