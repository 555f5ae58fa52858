import type { MessageRef } from '../../../shared/messages';
import type { Posting, PostingDecision, PostingKind, PostingState, StockReport } from '../../../shared/domain/postings';

export interface DecisionResult {
  id: number;
  ok: boolean;
  /** In English (log); `refs` is what the UI says, in order. */
  message: string;
  refs: MessageRef[];
  posting: Posting | null;
}

/** Operator-facing side of the postings outbox (deliveries and receipts). */
export interface PostingService {
  list(kind: PostingKind, states?: PostingState[]): Posting[];
  /**
   * Confirm, hold or reject postings. Confirming sends them to Specter exactly once (then acknowledges
   * in Ongoing); the result per posting says what happened.
   */
  decide(ids: number[], decision: PostingDecision, actor: string, reason?: string): Promise<DecisionResult[]>;
  setOptions(id: number, options: { sendEmail?: boolean; createInvoice?: boolean }): Posting;
}

export interface StockPushResult {
  pushed: string[];
  /** Articles not pushed: the reason in English (log) and as a message code (UI). */
  heldBack: { articleNo: string; reason: string; ref: MessageRef }[];
}

/** Stock comparison Ongoing ⇄ Specter and the push of physical stock to Specter. */
export interface StockService {
  report(): StockReport;
  refresh(): Promise<StockReport>;
  push(articleNos: string[] | 'all', actor: string): Promise<StockPushResult>;
}

export interface StatusOption {
  number: number;
  text: string;
}

/** The warehouse's own status lists (statuses differ per warehouse). */
export interface StatusCatalog {
  orderStatuses(): Promise<StatusOption[]>;
  purchaseOrderStatuses(): Promise<StatusOption[]>;
}
