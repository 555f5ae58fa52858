/**
 * Proposal builders: an Ongoing order (shipped) or purchase order (received) becomes a posting
 * proposal for the outbox.
 *
 * Quantities: per Specter row, what Ongoing says is still to report (picked − reported, or
 * received − reported) minus what postings of the same Ongoing record already cover (sent or being
 * sent, but not yet acknowledged in Ongoing). So a posting in flight is never proposed twice, and a
 * later shipment of the rest becomes a proposal of its own.
 *
 * Idempotency key: `delivery:<ongoingOrderId>:<hash>` / `receipt:<ongoingPurchaseOrderId>:<hash>`, the
 * hash taken over each row's (row ref, quantity reported before, quantity now). Re-running the job
 * gives the same key (nothing doubles); a second shipment starts from a higher "reported before" and
 * gets a new key.
 */
import type { PostingKind, PostingRow } from '../../../shared/domain/postings';
import type { SpecterDeliverySubmit, SpecterPurchaseDeliverySubmit } from '../../../shared/domain/specter';
import {
  buildDeliverySubmit,
  buildReceiptSubmit,
  finite,
  lineToReport,
  type MappingProblem,
  payloadHash,
  receivedToReport,
  roundDecimal,
  specterRowIdOf,
  text,
} from '../../../shared/mapping';
import type { GetOrderModel, GetPurchaseOrderModel } from '../../../shared/ongoing/models';
import type { NewPosting } from '../repositories/posting-repository';

/** Quantities per Specter row ref. */
export type RowQuantities = Map<string, number>;

export interface ProposalBuild {
  kind: PostingKind;
  ongoingId: number;
  /** Order no / purchase no (the record key of the exceptions inbox). */
  number: string;
  /** The proposal; null when there is nothing (new) to report or the record has errors. */
  posting: NewPosting | null;
  /** Nothing left to report once postings in flight are taken into account. */
  nothingToReport: boolean;
  problems: MappingProblem[];
}

export interface DeliveryProposalOptions {
  sendDeliveryEmail: boolean;
  createInvoice: boolean;
}

export interface ReceiptProposalOptions {
  sendEmail: boolean;
  /** yyyy-MM-dd used when Ongoing has neither arrival date nor in date (normally today). */
  fallbackDate: string;
}

/** The idempotency key of a posting with these rows. */
export function postingKey(kind: PostingKind, ongoingId: number, rows: readonly PostingRow[]): string {
  const material = rows
    .map((r) => [r.rowRef, roundDecimal(r.previouslyReported), roundDecimal(r.quantity)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${kind}:${ongoingId}:${payloadHash(material)}`;
}

/** Still to report per row ref in an Ongoing order (picked − reported), lines without a row no under ''. */
export function orderToReport(order: GetOrderModel): RowQuantities {
  const out: RowQuantities = new Map();
  for (const line of order.orderLines ?? []) {
    const n = lineToReport(line);
    if (n <= 0) continue;
    const ref = text(line.externalId) ?? '';
    out.set(ref, roundDecimal((out.get(ref) ?? 0) + n));
  }
  return out;
}

/** Still to report per row ref in an Ongoing purchase order (received − reported). */
export function purchaseOrderToReport(po: GetPurchaseOrderModel): RowQuantities {
  const out: RowQuantities = new Map();
  for (const line of po.purchaseOrderLines ?? []) {
    const n = receivedToReport(line);
    if (n <= 0) continue;
    const ref = specterRowIdOf(line) ?? '';
    out.set(ref, roundDecimal((out.get(ref) ?? 0) + n));
  }
  return out;
}

interface LineFacts {
  articleNo: string;
  articleName: string;
  ordered: number;
  reported: number;
}

function addFacts(map: Map<string, LineFacts>, ref: string, facts: LineFacts): void {
  const current = map.get(ref);
  if (!current) {
    map.set(ref, { ...facts });
    return;
  }
  current.ordered = roundDecimal(current.ordered + facts.ordered);
  current.reported = roundDecimal(current.reported + facts.reported);
  if (!current.articleNo) current.articleNo = facts.articleNo;
  if (!current.articleName) current.articleName = facts.articleName;
}

/** Rows to propose: Ongoing's quantity per row minus what postings in flight already cover. */
function remainingRows(
  submitted: { ref: string; quantity: number }[],
  facts: Map<string, LineFacts>,
  covered: RowQuantities,
): PostingRow[] {
  const rows: PostingRow[] = [];
  for (const { ref, quantity } of submitted) {
    const alreadyCovered = covered.get(ref) ?? 0;
    const left = roundDecimal(quantity - alreadyCovered);
    if (left <= 0) continue;
    const f = facts.get(ref);
    rows.push({
      rowRef: ref,
      articleNo: f?.articleNo ?? '',
      articleName: f?.articleName ?? '',
      ordered: f?.ordered ?? 0,
      previouslyReported: roundDecimal((f?.reported ?? 0) + alreadyCovered),
      quantity: left,
    });
  }
  return rows;
}

function trackingUrlOf(order: GetOrderModel, packetNo: string): string {
  const tracking = order.tracking ?? [];
  const match = tracking.find((t) => text(t.waybill) === packetNo && text(t.trackingUrl));
  return (
    text(match?.trackingUrl) ??
    text(tracking.find((t) => text(t.trackingUrl))?.trackingUrl) ??
    text(
      (order.parcels ?? []).find((p) => !p.isReturnParcel && text(p.tracking?.trackingUrl))?.tracking?.trackingUrl,
    ) ??
    ''
  );
}

/** The delivery proposal for a shipped Ongoing order. Never throws. */
export function buildDeliveryProposal(
  order: GetOrderModel,
  specterOrderId: string,
  options: DeliveryProposalOptions,
  covered: RowQuantities = new Map(),
): ProposalBuild {
  const ongoingId = order.orderInfo?.orderId ?? 0;
  const number = text(order.orderInfo?.orderNumber) ?? String(ongoingId);
  const built = buildDeliverySubmit(order, specterOrderId, options);
  const result: ProposalBuild = {
    kind: 'delivery',
    ongoingId,
    number,
    posting: null,
    nothingToReport: built.nothingToReport,
    problems: built.problems,
  };
  const submit: SpecterDeliverySubmit | null = built.submit;
  if (!submit) return result;
  const facts = new Map<string, LineFacts>();
  for (const line of order.orderLines ?? []) {
    const ref = text(line.externalId);
    if (ref === undefined) continue;
    addFacts(facts, ref, {
      articleNo: text(line.article?.articleNumber) ?? '',
      articleName: text(line.article?.articleName) ?? '',
      ordered: finite(line.orderedNumberOfItems) ?? 0,
      reported: finite(line.reportedNumberOfItems) ?? 0,
    });
  }
  const rows = remainingRows(
    submit.rows.map((r) => ({ ref: r.rowNo, quantity: r.noOfItems })),
    facts,
    covered,
  );
  if (rows.length === 0) {
    result.nothingToReport = true;
    return result;
  }
  result.posting = {
    kind: 'delivery',
    idempotencyKey: postingKey('delivery', ongoingId, rows),
    ongoingId,
    specterId: submit.orderId,
    number,
    counterpart: text(order.consignee?.name) ?? '',
    deliveryDate: submit.deliveryDate,
    packetNo: submit.packetNo,
    trackingUrl: trackingUrlOf(order, submit.packetNo),
    sendEmail: submit.sendDeliveryEmail,
    createInvoice: submit.createInvoice,
    rows,
  };
  return result;
}

/** The receipt proposal for an Ongoing purchase order with received lines to report. Never throws. */
export function buildReceiptProposal(
  po: GetPurchaseOrderModel,
  specterPurchaseId: string,
  options: ReceiptProposalOptions,
  covered: RowQuantities = new Map(),
): ProposalBuild {
  const ongoingId = po.purchaseOrderInfo?.purchaseOrderId ?? 0;
  const number = text(po.purchaseOrderInfo?.purchaseOrderNumber) ?? String(ongoingId);
  const built = buildReceiptSubmit(po, specterPurchaseId, {
    sendEmail: options.sendEmail,
    fallbackDate: options.fallbackDate,
  });
  const result: ProposalBuild = {
    kind: 'receipt',
    ongoingId,
    number,
    posting: null,
    nothingToReport: built.nothingToReport,
    problems: built.problems,
  };
  const submit: SpecterPurchaseDeliverySubmit | null = built.submit;
  if (!submit) return result;
  const facts = new Map<string, LineFacts>();
  for (const line of po.purchaseOrderLines ?? []) {
    const ref = specterRowIdOf(line);
    if (ref === undefined) continue;
    addFacts(facts, ref, {
      articleNo: text(line.article?.articleNumber) ?? '',
      articleName: text(line.article?.articleName) ?? '',
      ordered: finite(line.advisedNumberOfItems) ?? 0,
      reported: finite(line.reportedNumberOfItems) ?? 0,
    });
  }
  const rows = remainingRows(
    submit.rows.map((r) => ({ ref: r.rowId, quantity: r.noOfItems })),
    facts,
    covered,
  );
  if (rows.length === 0) {
    result.nothingToReport = true;
    return result;
  }
  result.posting = {
    kind: 'receipt',
    idempotencyKey: postingKey('receipt', ongoingId, rows),
    ongoingId,
    specterId: submit.orderId,
    number,
    counterpart: text(po.supplierInfo?.supplierName) ?? '',
    deliveryDate: submit.deliveryDate,
    packetNo: '',
    trackingUrl: '',
    sendEmail: submit.sendEmail,
    createInvoice: false,
    rows,
  };
  return result;
}
