import type { MessageRef } from '../messages';
/**
 * Postings: writes to Specter that report what happened in the warehouse (delivery submits for
 * shipped orders, purchase delivery submits for received goods). Each is an outbox row with an
 * idempotency key, confirmed by an operator (or automatically when configured), sent exactly once.
 */

export type PostingKind = 'delivery' | 'receipt';

export type PostingState = 'proposed' | 'held' | 'rejected' | 'confirmed' | 'sending' | 'done' | 'failed' | 'in_doubt';

export interface PostingRow {
  /** Specter row no (deliveries) or row id (receipts). */
  rowRef: string;
  articleNo: string;
  articleName: string;
  /** Ordered (deliveries) or advised (receipts) quantity. */
  ordered: number;
  /** Quantity reported to Specter before this posting. */
  previouslyReported: number;
  /** Quantity this posting reports, in Specter's unit. */
  quantity: number;
  /**
   * Specter's second quantity factor (no items2) the order row was sent with: Ongoing counts
   * quantity × unitFactor items. 1 where the row was not multiplied (and for purchases).
   */
  unitFactor?: number;
  /**
   * The Ongoing lines this row acknowledges after Specter accepted: per line, the absolute reported
   * number of items Ongoing is set to (so a repeated acknowledgement changes nothing).
   */
  ongoingLines?: { lineId: number; quantity: number; reportedAfter: number }[];
}

export interface Posting {
  id: number;
  kind: PostingKind;
  idempotencyKey: string;
  ongoingId: number;
  specterId: string;
  /** Order no / purchase no as users know it. */
  number: string;
  /** Customer (deliveries) or supplier (receipts). */
  counterpart: string;
  deliveryDate: string;
  /** Waybill / tracking number (deliveries only). */
  packetNo: string;
  trackingUrl: string;
  /**
   * When the warehouse shipped the order (Ongoing's shipped time) or last received goods on the purchase
   * order, as read when the proposal was built; null when Ongoing did not say.
   */
  shippedAt?: string | null;
  /** The warehouse's status of the order / purchase order when the proposal was built (Ongoing's text). */
  warehouseStatus?: string | null;
  /** The carrier Ongoing names for the shipment (deliveries), when it names one. */
  carrier?: string | null;
  sendEmail: boolean;
  createInvoice: boolean;
  rows: PostingRow[];
  state: PostingState;
  attempts: number;
  /** The last problem in English (logs); the UI says `lastErrorRef` in its language. */
  lastError: string | null;
  lastErrorRef: MessageRef | null;
  /** Ongoing acknowledgement (set reported = picked/received) after Specter accepted. */
  ackState: 'pending' | 'done' | 'failed';
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  specterResultId: string | null;
  /** Set when the posting is confirmed but waits for another posting of the same record. */
  waitingFor: PostingWait | null;
  /** For a posting in doubt: what Specter showed at the last check. */
  evidence: InDoubtEvidence | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What an operator can decide about a posting.
 * - confirm / hold / reject: for proposals never sent (reject also for a refused one).
 * - release: a held posting back to the proposals. restore: a rejected posting back to the proposals,
 *   while no newer posting of the same order / purchase order exists.
 * - mark_done: "it is in Specter": for a posting in doubt; the app shows Specter's evidence, marks it done
 *   and acknowledges Ongoing with the posting's exact quantities.
 * - send_again: "it is not in Specter": for a posting in doubt; Specter is checked first and the send is
 *   refused when Specter now shows it.
 */
export type PostingDecision = 'confirm' | 'hold' | 'release' | 'reject' | 'restore' | 'mark_done' | 'send_again';

/** Why a posting waits instead of being sent: another posting of the same order/purchase comes first. */
export interface PostingWait {
  /** The posting it waits for. */
  postingId: number;
  state: PostingState;
  /**
   * in_flight: the other posting is being sent or in doubt (one posting in flight per record).
   * earlier: the other posting is older and not yet sent; this one was built on top of it.
   */
  reason: 'in_flight' | 'earlier';
}

/** One row of Specter's evidence for an in-doubt posting. */
export interface InDoubtRowEvidence {
  rowRef: string;
  /** Specter's delivered/received quantity just before the send (null: no snapshot). */
  before: number | null;
  /** Specter's quantity now. */
  now: number;
  /** What this posting reports on the row. */
  posting: number;
  /** What the app's other postings account for on the row since the snapshot. */
  others: number;
}

/** What the last check of Specter showed for a posting in doubt. */
export interface InDoubtEvidence {
  checkedAt: string;
  outcome: 'applied' | 'not_applied' | 'unknown';
  rows: InDoubtRowEvidence[];
  /** Deliveries in Specter that were not there before the send. */
  newDeliveries: { deliveryId: string; reference: string; trackingNo: string; deliveryDate: string }[];
  /** The delivery that carries this posting's reference, when Specter shows one. */
  matchedDeliveryId: string | null;
}

/** Why a stock difference exists, as far as the data tells. */
export interface StockExplanation {
  kind:
    | 'shipped_not_reported'
    | 'received_not_reported'
    | 'picked_not_collected'
    | 'missing_in_specter'
    | 'missing_in_ongoing'
    | 'unexplained';
  quantity: number;
  /** In English (log); the UI says `ref` in its language. */
  text: string;
  ref: MessageRef;
  /** The order (shipped) or purchase order (received) numbers behind it, all of them. */
  records?: string[];
}

export interface StockDifference {
  articleNo: string;
  articleName: string;
  ongoingPhysical: number | null;
  specterStock: number | null;
  /** ongoingPhysical − specterStock (missing counts as 0). */
  difference: number;
  explanations: StockExplanation[];
  /** True when a push must wait because a posting for this article is not yet reported. */
  heldBack: boolean;
  heldBackReason: string;
}

export interface StockReport {
  generatedAt: string | null;
  stockSiteId: string;
  rows: StockDifference[];
}
