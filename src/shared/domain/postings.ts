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
  /** Quantity this posting reports. */
  quantity: number;
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
  sendEmail: boolean;
  createInvoice: boolean;
  rows: PostingRow[];
  state: PostingState;
  attempts: number;
  lastError: string | null;
  /** Ongoing acknowledgement (set reported = picked/received) after Specter accepted. */
  ackState: 'pending' | 'done' | 'failed';
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  specterResultId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type PostingDecision = 'confirm' | 'hold' | 'reject';

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
  text: string;
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
